/**
 * Audit (审计): owns the append-only audit_log. Other modules call recordAudit inside their own
 * transaction for every write; the console searches and exports it. Emits nothing, calls nobody.
 */
export { auditRoutes } from './audit.routes';
export {
  type AuditEvent,
  type AuditOrigin,
  auditTrailOf,
  originOf,
  recordAudit,
  systemOrigin,
} from './audit.service';
