import type { ColumnType } from 'kysely';

export interface TerminalSessionsTable {
  terminal_id: string;
  tid: string;
  org_id: string;
  batch_no: ColumnType<number, number | undefined, number>;
  sealed_pik: string;
  sealed_mak: string;
  pik_check_value: string;
  mak_check_value: string;
  signed_on_at: ColumnType<Date, Date, Date>;
  sign_ons: ColumnType<number, number | undefined, number>;
  remote_address: string | null;
}

export interface HostTables {
  terminal_sessions: TerminalSessionsTable;
}
