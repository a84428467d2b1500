import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: Json;
  body: Json;
  link: string | null;
  read_at: ColumnType<Date, Date | string, Date | string> | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface OutboxEventsTable {
  id: Generated<bigint>;
  at: ColumnType<Date, Date | string | undefined, never>;
  type: string;
  payload: Json;
  published_at: ColumnType<Date, Date | string, Date | string> | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  outbox_events: OutboxEventsTable;
}
