import { idSchema, pageOf, pageQuery } from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { addToBlacklist, blacklist, removeFromBlacklist } from './blacklist.service';

const kind = z.enum(['credit_code', 'id_number', 'account', 'mobile', 'merchant_name']);
const entry = z.object({
  id: idSchema,
  kind,
  valueMasked: z.string(),
  reason: z.string(),
  source: z.string(),
  createdAt: z.string(),
});
const tags = ['blacklist'];

export function blacklistRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    app.get(
      '/api/blacklist',
      {
        config: { access: 'blacklist.read' },
        schema: {
          tags,
          summary: 'Active blacklist entries (values masked)',
          querystring: pageQuery.extend({ kind: kind.optional() }),
          response: { 200: pageOf(entry) },
        },
      },
      async (request) => blacklist(contextOf(request, deps), request.query),
    );
    app.post(
      '/api/blacklist',
      {
        config: { access: 'blacklist.manage' },
        schema: {
          tags,
          summary: 'Add a credit code, ID number, account, mobile or merchant name to the blacklist',
          body: z.strictObject({
            kind,
            value: z.string().trim().min(2).max(100),
            reason: z.string().trim().min(2).max(500),
          }),
          response: { 201: entry },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addToBlacklist(contextOf(request, deps), request.body)),
    );
    app.delete(
      '/api/blacklist/:id',
      {
        config: { access: 'blacklist.manage' },
        schema: {
          tags,
          summary: 'Take an entry off the blacklist, with the reason',
          params: z.object({ id: idSchema }),
          querystring: z.object({ reason: z.string().trim().min(2).max(500) }),
        },
      },
      async (request, reply) => {
        await removeFromBlacklist(contextOf(request, deps), request.params.id, request.query.reason);
        return reply.status(204).send();
      },
    );
  };
}
