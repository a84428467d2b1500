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
  /** Installation: when the unit was bound and keyed; the work order closes at the sign-off after. */
  bound_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One answered checklist item of a site report. */
export interface ChecklistAnswer {
  item: string;
  passed: boolean;
  note?: string | undefined;
}

export interface WorkOrderReportsTable {
  work_order_id: string;
  org_id: string;
  result: string;
  checklist: ColumnType<ChecklistAnswer[], string, string>;
  failed_items: number;
  photo_count: number;
  latitude: ColumnType<string | null, number | null | undefined, never>;
  longitude: ColumnType<string | null, number | null | undefined, never>;
  test_amount: ColumnType<bigint | null, bigint | null | undefined, never>;
  test_reference: string | null;
  test_approved: boolean | null;
  signer_name: string;
  signature_document_id: string;
  reported_by: string;
  reported_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface WorkOrderTables {
  work_orders: WorkOrdersTable;
  work_order_reports: WorkOrderReportsTable;
}
