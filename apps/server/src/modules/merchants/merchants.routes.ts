import { idSchema, pageQuery, siteReportInput } from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import type { SecurityModule } from '../security';
import { bindInstallation, finishFieldWork } from './field-work.service';
import { startGoLive } from './golive.service';
import {
  changeMerchantStatus,
  getMerchant,
  listMerchants,
  merchantHistory,
  recordTraining,
} from './merchants.service';

const params = z.object({ id: idSchema });
const tags = ['merchants'];

export function merchantRoutes(deps: ModuleDeps & { security: SecurityModule }) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.post(
      '/api/merchant-applications/:id/go-live',
      {
        config: { access: 'merchant.goLive', secretResponse: true },
        schema: {
          tags,
          summary:
            'Go-live: MID, merchant record, installation work orders, portal login (first password shown once)',
          params,
          response: {
            200: z.object({
              merchantId: idSchema,
              mid: z.string(),
              workOrders: z.array(z.string()),
              portalLogin: z.object({ username: z.string(), initialPassword: z.string() }),
            }),
          },
        },
      },
      async (request) => startGoLive(ctx(request), request.params.id),
    );
    app.get(
      '/api/merchants',
      {
        config: { access: 'merchant.read' },
        schema: {
          tags,
          summary: 'Merchants of my subtree',
          querystring: pageQuery.extend({
            q: z.string().max(64).optional(),
            status: z.enum(['onboarding', 'active', 'suspended', 'frozen', 'closed']).optional(),
            grade: z.enum(['A', 'B', 'C', 'D']).optional(),
            orgId: idSchema.optional(),
            salesRepId: idSchema.optional(),
            agentOrgId: idSchema.optional(),
          }),
        },
      },
      async (request) => listMerchants(ctx(request), request.query),
    );
    app.get(
      '/api/merchants/:id',
      {
        config: { access: 'merchant.read' },
        schema: {
          tags,
          summary:
            '商户360: profile, settlement account (masked), contract and rates over time, risk assessment, documents, terminals, work orders, trainings',
          params,
        },
      },
      async (request) => getMerchant(ctx(request), request.params.id),
    );
    app.get(
      '/api/merchants/:id/history',
      {
        config: { access: 'merchant.read' },
        schema: {
          tags,
          summary:
            'The audit trail of the merchant, its application, contract, change requests and work orders',
          params,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
        },
      },
      async (request) => merchantHistory(ctx(request), request.params.id, request.query.limit),
    );
    app.post(
      '/api/merchants/:id/trainings',
      {
        config: { access: 'training.record' },
        schema: {
          tags,
          summary: 'Record a training (培训) of the merchant',
          params,
          body: z.strictObject({
            trainerName: z.string().trim().min(2).max(50),
            trainedAt: z.iso.datetime({ offset: true }),
            topics: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
            attendees: z.string().trim().min(1).max(200),
          }),
        },
      },
      async (request) => recordTraining(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/api/work-orders/:id/install',
      {
        // The answer carries the clear TMK for the key loader: never kept for replays.
        config: { access: 'workOrder.complete', secretResponse: true },
        schema: {
          tags: ['work orders'],
          summary:
            '装机绑定与灌密: bind the unit with this serial number to the merchant and inject its TMK (shown once); the merchant signs off next',
          params,
          body: z.strictObject({
            serialNo: z
              .string()
              .trim()
              .regex(/^[A-Za-z0-9-]{4,40}$/, '4–40 letters, digits, -'),
            latitude: z.number().min(-90).max(90).optional(),
            longitude: z.number().min(-180).max(180).optional(),
          }),
        },
      },
      async (request) => bindInstallation(ctx(request), deps.security, request.params.id, request.body),
    );
    app.post(
      '/api/work-orders/:id/finish',
      {
        config: { access: 'workOrder.complete' },
        schema: {
          tags: ['work orders'],
          summary:
            '完工签收: close a work order with its site report — checklist, photos (uploaded before), position, test transaction, the merchant’s signature',
          params,
          body: siteReportInput,
        },
      },
      async (request) => finishFieldWork(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/api/merchants/:id/status',
      {
        config: { access: 'merchant.manageStatus' },
        schema: {
          tags,
          summary: 'Suspend, resume, freeze or unfreeze settlement, or close a merchant, with the reason',
          params,
          body: z.strictObject({
            event: z.enum(['suspend', 'resume', 'freeze_settlement', 'unfreeze_settlement', 'close']),
            reason: z.string().trim().min(2).max(500),
          }),
        },
      },
      async (request) =>
        changeMerchantStatus(ctx(request), request.params.id, request.body.event, request.body.reason),
    );
  };
}
