import { idSchema, ratePlan, ratePlanListQuery } from '@posops/contracts';
import { z } from 'zod';
import type { ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { getRatePlan, listRatePlans } from './pricing.service';

const tags = ['pricing'];

export function ratePlanRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    app.get(
      '/api/rate-plans',
      {
        config: { access: 'ratePlan.read' },
        schema: {
          tags,
          summary: 'The rate plan catalogue (费率方案), by MCC or pricing class; active plans by default',
          description:
            'Rates are integers in parts per million of the amount (5500 = 0.55%); the debit cap is fen as a string. ' +
            'With mcc or mccCategory: the plans of that pricing class and those for any class.',
          querystring: ratePlanListQuery,
          response: { 200: z.object({ items: z.array(ratePlan) }) },
        },
      },
      async (request) => ({ items: await listRatePlans(deps.db, request.query) }),
    );
    app.get(
      '/api/rate-plans/:id',
      {
        config: { access: 'ratePlan.read' },
        schema: {
          tags,
          summary: 'One rate plan',
          params: z.object({ id: idSchema }),
          response: { 200: ratePlan },
        },
      },
      async (request) => getRatePlan(deps.db, request.params.id),
    );
  };
}
