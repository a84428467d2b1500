import type { ColumnType } from 'kysely';

/** Answers of writes sent with an Idempotency-Key (platform/http/idempotency.ts owns this table). */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  method: string;
  url: string;
  status: number | null;
  body: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeysTable;
}
