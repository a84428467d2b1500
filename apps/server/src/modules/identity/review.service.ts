import { AppError } from '@posops/kernel';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit, systemOrigin } from '../audit';
import { deleteSessionsOfUser } from './sessions.repo';
import { userRoleList } from './users.repo';

export const DORMANT_DAYS = 90;

const dormantCondition = (now: Date) =>
  sql<boolean>`coalesce(u.last_login_at, u.created_at) < ${new Date(now.getTime() - DORMANT_DAYS * 86_400_000)}`;

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
  let q = ctx.db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    // A left join on the reviewer: a review by someone outside the caller's subtree (the head office
    // reviewing a branch user) still counts, only the reviewer's name stays hidden.
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('permission_reviews as pr')
          .leftJoin('users as rv', 'rv.id', 'pr.reviewer_id')
          .select(['pr.at', 'rv.username as reviewer'])
          .whereRef('pr.user_id', '=', 'u.id')
          .orderBy('pr.at', 'desc')
          .limit(1)
          .as('last_review'),
      (join) => join.onTrue(),
    )
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'o.name as org_name',
      'u.status',
      'u.last_login_at',
      dormantCondition(now).as('dormant'),
      'last_review.at as reviewed_at',
      'last_review.reviewer',
      userRoleList.as('roles'),
    ]);
  if (query.dormant)
    q = q.where(
      query.dormant === 'true' ? dormantCondition(now) : sql<boolean>`NOT ${dormantCondition(now)}`,
    );
  if (query.q) q = q.where('u.username', 'ilike', `%${query.q.replace(/[%_\\]/g, '\\$&')}%`);
  const after = decodeCursor(query.cursor, ['text']);
  if (after) q = q.where('u.username', '>', String(after[0]));
  const rows = await q
    .orderBy('u.username')
    .limit(query.limit + 1)
    .execute();
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
    const user = await tx
      .selectFrom('users as u')
      .select(['u.id', 'u.org_id', userRoleList.as('roles')])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    const roles = user.roles.map((r) => r.code);
    await tx
      .insertInto('permission_reviews')
      .values({
        user_id: userId,
        org_id: user.org_id,
        reviewer_id: ctx.actor.userId,
        outcome: input.outcome,
        comment: input.comment ?? null,
        roles: JSON.stringify(roles),
      })
      .execute();
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
    const dormant = await tx
      .updateTable('users as u')
      .set({ status: 'disabled', disabled_reason: 'dormant', updated_at: now })
      .where('u.status', '=', 'active')
      .where('u.is_demo', '=', false)
      .where(dormantCondition(now))
      .returning(['u.id', 'u.org_id', 'u.username', 'u.last_login_at'])
      .execute();
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
