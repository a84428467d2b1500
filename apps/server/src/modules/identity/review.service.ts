import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit, systemOrigin } from '../audit';
import {
  disableUsersDormantSince,
  findUserWithRoles,
  insertPermissionReview,
  reviewRows,
} from './review.repo';
import { deleteSessionsOfUser } from './sessions.repo';

export const DORMANT_DAYS = 90;

/** Accounts without a sign-in since this moment are dormant. */
const dormantCutoff = (now: Date) => new Date(now.getTime() - DORMANT_DAYS * 86_400_000);

/** 权限审核: every user with roles, last login, dormancy and the last recorded review. */
export async function reviewList(
  ctx: ServiceContext,
  query: {
    dormant?: 'true' | 'false' | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const now = ctx.clock.now();
  const after = decodeCursor(query.cursor, ['text']);
  const rows = await reviewRows(
    ctx.db,
    {
      dormant: query.dormant ? query.dormant === 'true' : undefined,
      usernameContains: query.q,
    },
    dormantCutoff(now),
    after ? String(after[0]) : null,
    query.limit + 1,
  );
  const page = pageFrom(rows, query.limit, (r) => [r.username]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      userId: r.id,
      username: r.username,
      displayName: r.display_name,
      orgName: r.org_name,
      status: r.status,
      roles: r.roles.map((role) => ({
        code: role.code,
        name: ctx.actor.locale === 'en-US' ? role.nameEn : role.name,
        privileged: role.privileged,
      })),
      lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
      dormant: r.dormant,
      lastReviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
      lastReviewedBy: r.reviewer ?? null,
    })),
  };
}

export async function recordReview(
  ctx: ServiceContext,
  userId: string,
  input: { outcome: 'confirmed' | 'changes_requested'; comment?: string | undefined },
) {
  await ctx.db.transaction().execute(async (tx) => {
    const user = await findUserWithRoles(tx, userId);
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    const roles = user.roles.map((r) => r.code);
    await insertPermissionReview(tx, {
      userId,
      orgId: user.org_id,
      reviewerId: ctx.actor.userId,
      outcome: input.outcome,
      comment: input.comment ?? null,
      roles,
    });
    await recordAudit(tx, originOf(ctx), {
      action: 'permission.review',
      objectType: 'user',
      objectId: userId,
      after: { outcome: input.outcome, comment: input.comment, roles },
    });
  });
}

/** The daily job: accounts without a login for 90 days are disabled and their sessions ended. */
export async function disableDormantAccounts(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const dormant = await disableUsersDormantSince(tx, dormantCutoff(now), now);
    for (const user of dormant) {
      await deleteSessionsOfUser(tx, user.id);
      // The row belongs to the user's org, so that org's administrators find it in their audit search.
      await recordAudit(
        tx,
        { ...systemOrigin('dormant-accounts'), orgId: user.org_id },
        {
          action: 'user.disable',
          objectType: 'user',
          objectId: user.id,
          before: { status: 'active', lastLoginAt: user.last_login_at },
          after: { status: 'disabled', reason: 'dormant' },
        },
      );
    }
    return dormant.length;
  });
}
