import { sql } from 'kysely';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';

/**
 * 自动暂停的健康检查: each check compares the upgraded terminals of a campaign with its terminals not yet
 * upgraded (the baseline: same model, same org subtree, same period) and fails when the upgraded ones do
 * worse by more than the configured margin. The job pauses a running campaign on the first failing
 * check; the console shows every reading. A check without data (no transactions yet) is "not measured"
 * and never fails.
 */

export type HealthCheckName = 'offline_rate' | 'decline_rate';

export interface Sample {
  units: number;
  bad: number;
}

export interface HealthReading {
  check: HealthCheckName;
  measured: boolean;
  upgraded: Sample | null;
  baseline: Sample | null;
  upgradedRate: number | null;
  baselineRate: number | null;
  /** How much worse (a share) the upgraded may be before the campaign pauses. */
  threshold: number;
  failing: boolean;
}

type HealthCheck = (
  db: Db,
  campaignIds: readonly string[],
  config: AppConfig,
) => Promise<Map<string, HealthReading>>;

const rate = (s: Sample | null) => (s && s.units > 0 ? s.bad / s.units : null);

/** A reading from the two samples: failing when the upgraded rate exceeds the baseline's by more than the threshold. */
export function compare(
  check: HealthCheckName,
  upgraded: Sample | null,
  baseline: Sample | null,
  threshold: number,
): HealthReading {
  const measured = upgraded !== null;
  const upgradedRate = rate(upgraded);
  const baselineRate = rate(baseline);
  return {
    check,
    measured,
    upgraded,
    baseline,
    upgradedRate,
    baselineRate,
    threshold,
    failing: upgradedRate !== null && upgradedRate - (baselineRate ?? 0) > threshold,
  };
}

/** 离线率: open offline alerts among the upgraded terminals vs among those still waiting. */
const offlineRate: HealthCheck = async (db, campaignIds, config) => {
  const out = new Map<string, HealthReading>();
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('terminal_campaign_targets as ct')
    .leftJoin('terminal_alerts as a', (join) =>
      join
        .onRef('a.terminal_id', '=', 'ct.terminal_id')
        .on('a.kind', '=', 'offline')
        .on('a.status', '=', 'open'),
    )
    .select([
      'ct.campaign_id',
      sql<number>`count(*) FILTER (WHERE ct.status = 'upgraded')::int`.as('upgraded'),
      sql<number>`count(a.id) FILTER (WHERE ct.status = 'upgraded')::int`.as('upgraded_offline'),
      sql<number>`count(*) FILTER (WHERE ct.status IN ('pending', 'scheduled'))::int`.as('waiting'),
      sql<number>`count(a.id) FILTER (WHERE ct.status IN ('pending', 'scheduled'))::int`.as(
        'waiting_offline',
      ),
    ])
    .where('ct.campaign_id', 'in', campaignIds)
    .groupBy('ct.campaign_id')
    .execute();
  for (const id of campaignIds) {
    const r = rows.find((row) => row.campaign_id === id);
    const upgraded = r && r.upgraded > 0 ? { units: r.upgraded, bad: r.upgraded_offline } : null;
    const baseline = { units: r?.waiting ?? 0, bad: r?.waiting_offline ?? 0 };
    out.set(id, compare('offline_rate', upgraded, baseline, config.CAMPAIGN_MAX_OFFLINE_RATE));
  }
  return out;
};

/**
 * Declines (拒绝) of the upgraded and of the waiting terminals' transactions since the campaign started.
 * Transactions do not exist yet (the terminal host is the next issue): until then there is nothing to
 * count, and the check reads "not measured".
 */
export async function declineSamples(
  _db: Db,
  _campaignIds: readonly string[],
): Promise<Map<string, { upgraded: Sample; baseline: Sample }> | null> {
  return null;
}

/** 拒绝率: declined / all transactions of the upgraded terminals vs of those still waiting. */
const declineRate: HealthCheck = async (db, campaignIds, config) => {
  const samples = await declineSamples(db, campaignIds);
  const out = new Map<string, HealthReading>();
  for (const id of campaignIds) {
    const s = samples?.get(id);
    out.set(
      id,
      compare('decline_rate', s?.upgraded ?? null, s?.baseline ?? null, config.CAMPAIGN_MAX_DECLINE_RATE),
    );
  }
  return out;
};

/** The checks, in the order the job applies them (the first failing one names the pause). */
export const healthChecks: readonly HealthCheck[] = [offlineRate, declineRate];

/** Every check's reading for each campaign. */
export async function readHealth(
  db: Db,
  campaignIds: readonly string[],
  config: AppConfig,
): Promise<Map<string, HealthReading[]>> {
  const out = new Map<string, HealthReading[]>(campaignIds.map((id) => [id, []]));
  for (const check of healthChecks) {
    const readings = await check(db, campaignIds, config);
    for (const [id, reading] of readings) out.get(id)?.push(reading);
  }
  return out;
}
