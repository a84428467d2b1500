import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import {
  countUnread,
  insertNotifications,
  markNotificationRead,
  notificationExists,
  notificationsOf,
} from './notifications.repo';

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
  await insertNotifications(tx, unique, {
    kind: draft.kind,
    title: draft.title,
    body: draft.body,
    link: draft.link ?? null,
  });
}

export async function myNotifications(ctx: ServiceContext, cursor: string | undefined, limit: number) {
  const after = decodeCursor(cursor, ['timestamptz', 'uuid']);
  const rows = await notificationsOf(
    ctx.db,
    ctx.actor.userId,
    after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
    limit,
  );
  const unread = await countUnread(ctx.db, ctx.actor.userId);
  const page = pageFrom(rows, limit, (r) => [r.created_at.toISOString(), r.id]);
  const locale = ctx.actor.locale;
  return {
    unread,
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
  const marked = await markNotificationRead(ctx.db, ctx.actor.userId, id, ctx.clock.now());
  if (!marked && !(await notificationExists(ctx.db, ctx.actor.userId, id))) {
    throw new AppError('NOT_FOUND', 'notification not found');
  }
}
