import { auditEntry, auditQuery, pageOf } from '@posops/contracts';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { exportAuditWorkbook } from './audit.export';
import { searchAudit } from './audit.service';

export function auditRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    app.get(
      '/api/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Search the audit log',
          querystring: auditQuery,
          response: { 200: pageOf(auditEntry) },
        },
      },
      async (request) => {
        const { cursor, limit, ...filter } = request.query;
        return searchAudit(contextOf(request, deps), filter, cursor, limit);
      },
    );
    app.get(
      '/api/audit/export.xlsx',
      {
        config: { access: 'audit.export' },
        schema: {
          tags: ['audit'],
          summary: 'Export the filtered audit log to Excel',
          querystring: auditQuery.omit({ cursor: true, limit: true }),
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request, deps);
        const stamp = new Date().toISOString().slice(0, 10);
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="audit-${stamp}.xlsx"`);
        return reply.send(exportAuditWorkbook(ctx, request.query, ctx.actor.locale));
      },
    );
  };
}
