import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import type { DocumentStorage } from '../documents';
import { contractPdf } from './contract.service';
import { myApplicationId, myMerchant } from './portal.service';

const money = z.string();

/** The merchant portal (商户自助): the merchant's own profile, terminals and contract, nothing else. */
export function portalRoutes(deps: ModuleDeps & { storage: DocumentStorage }) {
  return async (app: ZodApp) => {
    app.get(
      '/api/portal/merchant',
      {
        config: { access: 'portal.read' },
        schema: {
          tags: ['merchant portal'],
          summary: 'My merchant: profile, limits, installed terminals, contract',
          response: {
            200: z.object({
              mid: z.string(),
              name: z.string(),
              shortName: z.string(),
              mcc: z.string(),
              status: z.string(),
              activatedAt: z.string().nullable(),
              limits: z.object({ singleMinor: money, dailyMinor: money, monthlyMinor: money }),
              terminals: z.array(
                z.object({
                  model: z.string().nullable(),
                  serialNo: z.string().nullable(),
                  installedAt: z.string().nullable(),
                }),
              ),
              contract: z
                .object({
                  contractNo: z.string(),
                  status: z.string(),
                  effectiveDate: z.string(),
                  signedAt: z.string().nullable(),
                })
                .nullable(),
            }),
          },
        },
      },
      async (request) => myMerchant(contextOf(request, deps)),
    );
    app.get(
      '/api/portal/contract.pdf',
      {
        config: { access: 'portal.read' },
        schema: { tags: ['merchant portal'], summary: 'My signed contract as PDF' },
      },
      async (request, reply) => {
        const ctx = contextOf(request, deps);
        const { fileName, bytes } = await contractPdf(ctx, deps, await myApplicationId(ctx), request.log);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
  };
}
