import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { containsPattern } from '../../platform/db/like';
import { userRoleList } from './users.repo';

/** No sign-in (or, never signed in, no account) since the cutoff. */
const dormantSince = (cutoff: Date) => sql<boolean>`coalesce(u.last_login_at, u.created_at) < ${cutoff}`;

export interface ReviewFilter {
  /** Only dormant users (true), only active ones (false), or both. */
  dormant?: boolean | undefined;
  /** In the username, case-insensitive. */
  usernameContains?: string | undefined;
}

/**
 * Every user with their roles, last login, dormancy as of `dormantCutoff` and the last recorded review,
 * by username after `afterUsername`: at most `rows` rows.
 */
export function reviewRows(
  db: Db,
  filter: ReviewFilter,
  dormantCutoff: Date,
  afterUsername: string | null,
  rows: number,
) {
  let q = db
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
      dormantSince(dormantCutoff).as('dormant'),
      'last_review.at as reviewed_at',
      'last_review.reviewer',
      userRoleList.as('roles'),
    ]);
  if (filter.dormant !== undefined)
    q = q.where(
      filter.dormant ? dormantSince(dormantCutoff) : sql<boolean>`NOT ${dormantSince(dormantCutoff)}`,
    );
  if (filter.usernameContains) q = q.where('u.username', 'ilike', containsPattern(filter.usernameContains));
  if (afterUsername !== null) q = q.where('u.username', '>', afterUsername);
  return q.orderBy('u.username').limit(rows).execute();
}

/** A user's org and the roles held now. */
export function findUserWithRoles(db: Db, userId: string) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.org_id', userRoleList.as('roles')])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function insertPermissionReview(
  db: Db,
  review: {
    userId: string;
    orgId: string;
    reviewerId: string;
    outcome: 'confirmed' | 'changes_requested';
    comment: string | null;
    roles: string[];
  },
) {
  await db
    .insertInto('permission_reviews')
    .values({
      user_id: review.userId,
      org_id: review.orgId,
      reviewer_id: review.reviewerId,
      outcome: review.outcome,
      comment: review.comment,
      roles: JSON.stringify(review.roles),
    })
    .execute();
}

/** Disables every active, non-demo user dormant since the cutoff; returns who was disabled. */
export function disableUsersDormantSince(db: Db, cutoff: Date, at: Date) {
  return db
    .updateTable('users as u')
    .set({ status: 'disabled', disabled_reason: 'dormant', updated_at: at })
    .where('u.status', '=', 'active')
    .where('u.is_demo', '=', false)
    .where(dormantSince(cutoff))
    .returning(['u.id', 'u.org_id', 'u.username', 'u.last_login_at'])
    .execute();
}
