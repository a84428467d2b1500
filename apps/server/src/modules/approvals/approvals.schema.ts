import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface ApprovalChainsTable {
  type: string;
  name: string;
  name_en: string;
  steps: Json;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ApprovalRequestsTable {
  id: Generated<string>;
  type: string;
  title: string;
  org_id: string;
  maker_id: string;
  object_type: string;
  object_id: string;
  status: 'pending' | 'approved' | 'rejected' | 'returned' | 'cancelled';
  current_step: Generated<number>;
  steps: Json;
  payload: Json;
  amount_minor: bigint | null;
  grade: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  decided_at: ColumnType<Date, Date | string, Date | string> | null;
  version: Generated<number>;
}

export interface ApprovalEventsTable {
  id: Generated<bigint>;
  request_id: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: string;
  actor_name: string;
  action: 'submit' | 'approve' | 'reject' | 'return' | 'resubmit' | 'cancel';
  step: number | null;
  comment: string | null;
}

export interface ApprovalTables {
  approval_chains: ApprovalChainsTable;
  approval_requests: ApprovalRequestsTable;
  approval_events: ApprovalEventsTable;
}
