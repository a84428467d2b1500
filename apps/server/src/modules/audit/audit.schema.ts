import type { ColumnType, Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<bigint>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
