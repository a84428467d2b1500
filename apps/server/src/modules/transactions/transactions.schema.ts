import type { ColumnType } from 'kysely';

export type TransactionKind =
  | 'purchase'
  | 'balance'
  | 'void'
  | 'refund'
  | 'preauth'
  | 'preauth_cancel'
  | 'completion'
  | 'completion_void'
  | 'reversal';

/** One step of a transaction's timeline: what was checked or done, its outcome, when (µs from arrival). */
export interface TimelineStep {
  step: string;
  outcome: 'ok' | 'declined' | 'error' | 'info';
  code?: string;
  detail?: string;
  atUs: number;
}

export interface TransactionsTable {
  id: string;
  merchant_id: string;
  host_at: ColumnType<Date, Date, never>;
  org_id: string;
  terminal_id: string;
  tid: string;
  mid: string;
  batch_no: number;
  stan: string;
  local_date: string;
  local_time: string | null;
  business_date: ColumnType<string, string, never>;
  kind: TransactionKind;
  method: 'card' | 'qr';
  entry_mode: string | null;
  pin_entered: boolean;
  amount_minor: ColumnType<bigint, bigint, never>;
  currency: string;
  pan_masked: string | null;
  pan_bin: string | null;
  pan_hash: string | null;
  rrn: string;
  auth_code: string | null;
  response_code: string;
  approved: boolean;
  decline_step: string | null;
  decline_reason: string | null;
  original_id: string | null;
  original_rrn: string | null;
  channel: string | null;
  channel_response: string | null;
  request_digest: string;
  timeline: ColumnType<TimelineStep[], string, never>;
  latency_us: number | null;
}

export interface TransactionKeysTable {
  tid: string;
  batch_no: number;
  stan: string;
  local_date: string;
  kind: TransactionKind;
  transaction_id: string;
  merchant_id: string;
  host_at: Date;
  request_digest: string;
}

export interface TransactionTables {
  transactions: TransactionsTable;
  transaction_keys: TransactionKeysTable;
}
