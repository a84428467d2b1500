import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';

export interface NewNotification {
  kind: string;
  /** Stored as JSON: one text per locale. */
  title: unknown;
  body: unknown;
  link: string | null;
}

/** The same notification to each user, one row apiece. */
export async function insertNotifications(
  db: Db,
  userIds: readonly string[],
  n: NewNotification,
): Promise<void> {
  await db
    .insertInto('notifications')
    .values(
      userIds.map((user_id) => ({
        user_id,
        kind: n.kind,
        title: JSON.stringify(n.title),
        body: JSON.stringify(n.body),
        link: n.link,
      })),
    )
    .execute();
}

/** A user's notifications, newest first, after the keyset position; limit+1 rows to tell if more follow. */
export function notificationsOf(
  db: Db,
  userId: string,
  after: { createdAt: string; id: string } | null,
  limit: number,
) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (after)
    q = q.where(sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const unread = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(unread.n);
}

/** Marks the user's notification read if it is still unread; true when this call marked it. */
export async function markNotificationRead(db: Db, userId: string, id: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function notificationExists(db: Db, userId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
