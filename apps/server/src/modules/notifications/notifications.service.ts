import { AppError } from '@posops/kernel';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';

export interface Localised {
  'zh-CN': string;
  'en-US': string;
}

export interface NotificationDraft {
  kind: string;
  title: Localised;
  body: Localised;
  link?: string | null;
}

/** In-app notifications, written in the caller's transaction so they exist exactly when the change does. */
export async function notifyUsers(
  tx: Db,
  userIds: readonly string[],
  draft: NotificationDraft,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx
    .insertInto('notifications')
    .values(
      unique.map((user_id) => ({
        user_id,
        kind: draft.kind,
        title: JSON.stringify(draft.title),
        body: JSON.stringify(draft.body),
        link: draft.link ?? null,
      })),
    )
    .execute();
}

export async function myNotifications(ctx: ServiceContext, cursor: string | undefined, limit: number) {
  const after = decodeCursor(cursor, ['timestamptz', 'uuid']);
  let q = ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', ctx.actor.userId);
  if (after)
    q = q.where(
      sql<boolean>`(created_at, id) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`,
    );
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const unread = await ctx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('user_id', '=', ctx.actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  const page = pageFrom(rows, limit, (r) => [r.created_at.toISOString(), r.id]);
  const locale = ctx.actor.locale;
  return {
    unread: Number(unread.n),
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: (r.title as Localised)[locale],
      body: (r.body as Localised)[locale],
      link: r.link,
      readAt: r.read_at ? r.read_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

export async function markRead(ctx: ServiceContext, id: string) {
  const row = await ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('user_id', '=', ctx.actor.userId)
    .where('read_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const exists = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', ctx.actor.userId)
      .executeTakeFirst();
    if (!exists) throw new AppError('NOT_FOUND', 'notification not found');
  }
}
