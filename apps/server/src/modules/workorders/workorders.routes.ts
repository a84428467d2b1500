import { idSchema } from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { assignWorkOrder, engineers, getWorkOrder, listWorkOrders } from './workorders.service';

const tags = ['work orders'];

export function workOrderRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.get(
      '/api/work-orders',
      {
        config: { access: 'workOrder.read' },
        schema: {
          tags,
          summary:
            'Work orders of my subtree, soonest due first (mine: assigned to me; overdue: past their SLA)',
          querystring: z.object({
            status: z.enum(['open', 'completed', 'cancelled']).optional(),
            kind: z.enum(['install', 'inspection', 'repair', 'relocation', 'retrieval']).optional(),
            mine: z.stringbool().optional(),
            overdue: z.stringbool().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => listWorkOrders(ctx(request), request.query),
    );
    app.get(
      '/api/work-orders/engineers',
      {
        config: { access: 'workOrder.assign' },
        schema: { tags, summary: 'Engineers I may assign work orders to' },
      },
      async (request) => engineers(ctx(request)),
    );
    app.get(
      '/api/work-orders/:id',
      {
        config: { access: 'workOrder.read' },
        schema: {
          tags,
          summary: 'A work order with what its kind requires on site and, once closed, its site report',
          params: z.object({ id: idSchema }),
        },
      },
      async (request) => getWorkOrder(ctx(request), request.params.id),
    );
    app.post(
      '/api/work-orders/:id/assign',
      {
        config: { access: 'workOrder.assign' },
        schema: {
          tags,
          summary: '派单: assign to an engineer with an appointment',
          params: z.object({ id: idSchema }),
          body: z.strictObject({ assigneeId: idSchema, appointmentAt: z.iso.datetime({ offset: true }) }),
        },
      },
      async (request) => assignWorkOrder(ctx(request), request.params.id, request.body),
    );
  };
}
