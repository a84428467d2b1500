import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface WorkOrdersTable {
  id: Generated<string>;
  no: string;
  org_id: string;
  merchant_id: string;
  kind: 'install' | 'inspection' | 'repair' | 'relocation' | 'retrieval';
  status: 'open' | 'completed' | 'cancelled';
  terminal_model: string | null;
  serial_no: string | null;
  created_at: CreatedAt;
  completed_at: Date | null;
  completed_by: string | null;
  cancelled_reason: string | null;
  terminal_id: string | null;
  merchant_label: string;
  assignee_id: string | null;
  appointment_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  due_at: ColumnType<Date, Date | string, Date | string>;
  escalated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface WorkOrderTables {
  work_orders: WorkOrdersTable;
}
