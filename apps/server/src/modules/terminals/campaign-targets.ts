import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { inOrgSubtree } from '../../platform/db/org-subtree';
import type { ReleaseKind } from './terminals.schema';

/**
 * Which terminals a campaign targets: bound units (installed or active) of the release's model in the
 * campaign's org subtree, at one of the chosen current versions — or, with none chosen, at any version
 * but the target (an unknown version included) — and not already waiting for another release of the
 * same kind. Built on the caller's connection, so a person only ever targets their own subtree.
 */

export interface Targeting {
  modelId: string;
  kind: ReleaseKind;
  version: string;
  orgId: string;
  fromVersions: readonly string[];
}

/** The version column a release of this kind replaces. */
export const versionColumn = (kind: ReleaseKind) =>
  kind === 'firmware' ? ('t.firmware_version' as const) : ('t.app_version' as const);

/**
 * True when the merchant has no maintenance window: open around the clock, or closed no longer than the
 * margin (business hours from migration 0017, local time). A unit without a visible merchant has none.
 */
export const noWindowSql = (marginMinutes: number) =>
  sql<boolean>`coalesce(((extract(epoch FROM m.business_opens - m.business_closes) / 60)::int % 1440 + 1440) % 1440 <= ${marginMinutes}, true)`;

/** Matching units, before the version filter (the versions they are at, for the form). */
export function fleetOfTargeting(db: Db, targeting: Omit<Targeting, 'fromVersions' | 'version'>) {
  return db
    .selectFrom('terminals as t')
    .leftJoin('merchants as m', 'm.id', 't.merchant_id')
    .where('t.model_id', '=', targeting.modelId)
    .where('t.status', 'in', ['installed', 'active'])
    .where(inOrgSubtree('t.org_id', targeting.orgId))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('terminal_campaign_targets as x')
            .select('x.terminal_id')
            .whereRef('x.terminal_id', '=', 't.id')
            .where('x.kind', '=', targeting.kind)
            .where('x.status', 'in', ['pending', 'scheduled']),
        ),
      ),
    );
}

/** The units a campaign with this targeting would take now. */
export function targetsOf(db: Db, targeting: Targeting) {
  const column = versionColumn(targeting.kind);
  const fleet = fleetOfTargeting(db, targeting);
  return targeting.fromVersions.length > 0
    ? fleet.where(column, 'in', [...targeting.fromVersions])
    : fleet.where(sql<boolean>`${sql.ref(column)} IS DISTINCT FROM ${targeting.version}`);
}

/** How many units a targeting takes, how many of them form the canary, and how many have no window. */
export async function countTargets(
  db: Db,
  targeting: Targeting,
  canaryPercent: number,
  marginMinutes: number,
) {
  const row = await targetsOf(db, targeting)
    .select([
      sql<number>`count(*)::int`.as('targets'),
      sql<number>`count(*) FILTER (WHERE ${noWindowSql(marginMinutes)})::int`.as('no_window'),
    ])
    .executeTakeFirstOrThrow();
  return { targets: row.targets, canary: canarySize(row.targets, canaryPercent), noWindow: row.no_window };
}

/** The canary: the percentage of the targets, rounded up, at least one (none of nothing). */
export function canarySize(targets: number, canaryPercent: number) {
  return targets === 0 ? 0 : Math.max(1, Math.ceil((targets * canaryPercent) / 100));
}

/** The current versions of the matching units (before the version filter), most units first. */
export async function versionsInFleet(db: Db, targeting: Omit<Targeting, 'fromVersions'>) {
  const column = versionColumn(targeting.kind);
  const rows = await fleetOfTargeting(db, targeting)
    .select([sql<string | null>`${sql.ref(column)}`.as('version'), sql<number>`count(*)::int`.as('units')])
    .groupBy(column)
    .orderBy('units', 'desc')
    .orderBy('version')
    .limit(100)
    .execute();
  return rows.map((r) => ({ version: r.version, units: r.units, isTarget: r.version === targeting.version }));
}

/**
 * Writes a campaign's target rows: one per matching unit, the canary first — units whose merchant has a
 * maintenance window before those without (a canary that can never be offered would never pass), then
 * a stable pseudo-random order per campaign so the canary spreads over orgs and merchants. A unit another
 * campaign took meanwhile is skipped (the one-open-row-per-kind index). Returns the counts written.
 */
export async function insertTargets(
  tx: Db,
  campaignId: string,
  targeting: Targeting,
  canaryPercent: number,
  marginMinutes: number,
) {
  const column = versionColumn(targeting.kind);
  const candidates = targetsOf(tx, targeting).select([
    't.id',
    't.org_id',
    sql<string | null>`${sql.ref(column)}`.as('from_version'),
    sql<number>`row_number() OVER (ORDER BY ${noWindowSql(marginMinutes)}, md5(${campaignId}::text || t.id::text))`.as(
      'rn',
    ),
    sql<number>`count(*) OVER ()`.as('total'),
  ]);
  await tx
    .insertInto('terminal_campaign_targets')
    .columns(['campaign_id', 'terminal_id', 'org_id', 'kind', 'target_version', 'stage', 'from_version'])
    .expression(
      tx
        .selectFrom(candidates.as('x'))
        .select([
          sql<string>`${campaignId}::uuid`.as('campaign_id'),
          'x.id',
          'x.org_id',
          sql<string>`${targeting.kind}::text`.as('kind'),
          sql<string>`${targeting.version}::text`.as('target_version'),
          sql<string>`CASE WHEN x.rn <= greatest(1, ceil(x.total * ${canaryPercent}::int / 100.0)) THEN 'canary' ELSE 'rollout' END`.as(
            'stage',
          ),
          'x.from_version',
        ]),
    )
    .onConflict((oc) =>
      oc.columns(['terminal_id', 'kind']).where('status', 'in', ['pending', 'scheduled']).doNothing(),
    )
    .execute();
  const counts = await tx
    .selectFrom('terminal_campaign_targets')
    .select([
      sql<number>`count(*)::int`.as('targets'),
      sql<number>`count(*) FILTER (WHERE stage = 'canary')::int`.as('canary'),
    ])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return counts;
}
