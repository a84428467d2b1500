import { sql } from 'kysely';
import type { ModuleDeps } from '../../platform/module';
import { systemOrigin } from '../audit';
import { readHealth } from './campaign-health';
import { applyCampaignMove, lockCampaign } from './campaigns.service';

/**
 * The job `terminals.campaigns` (every 5 minutes), over all running campaigns:
 * 1. an offered unit that has not reported the new version within CAMPAIGN_UPGRADE_TIMEOUT_HOURS fails;
 *    a unit no longer bound (retrieved, faulty, lost) is skipped;
 * 2. a rollout with nothing left to offer is completed;
 * 3. a campaign whose health checks fail (offline rate, decline rate) pauses, and its people are told;
 * 4. a healthy canary whose upgraded share reached CAMPAIGN_CANARY_SUCCESS_SHARE, its last upgrade
 *    CAMPAIGN_CANARY_SOAK_MINUTES ago, opens the rollout (灰度通过).
 * Each move is its own transaction on the locked campaign, re-checked by the state machine, so a person
 * moving the campaign meanwhile wins and the job leaves it.
 */
export async function runCampaigns(deps: ModuleDeps) {
  const { db, config } = deps;
  const now = deps.clock.now();
  const origin = systemOrigin('campaigns');
  const timedOut = await db
    .updateTable('terminal_campaign_targets')
    .set({ status: 'failed', failed_at: now, fail_reason: 'timeout' })
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<', new Date(now.getTime() - config.CAMPAIGN_UPGRADE_TIMEOUT_HOURS * 3_600_000))
    .executeTakeFirst();
  const unbound = await db
    .updateTable('terminal_campaign_targets as ct')
    .from('terminals as t')
    .set({ status: 'skipped' })
    .whereRef('t.id', '=', 'ct.terminal_id')
    .where('ct.status', 'in', ['pending', 'scheduled'])
    .where('t.status', 'not in', ['installed', 'active'])
    .executeTakeFirst();

  const running = await db
    .selectFrom('terminal_campaigns')
    .select(['id', 'state'])
    .where('state', 'in', ['canary', 'rolling'])
    .execute();
  const ids = running.map((c) => c.id);
  const health = await readHealth(db, ids, config);
  const progress = ids.length
    ? await db
        .selectFrom('terminal_campaign_targets')
        .select([
          'campaign_id',
          sql<number>`count(*) FILTER (WHERE stage = 'canary')::int`.as('canary'),
          sql<number>`count(*) FILTER (WHERE stage = 'canary' AND status = 'upgraded')::int`.as(
            'canary_upgraded',
          ),
          sql<Date | null>`max(upgraded_at) FILTER (WHERE stage = 'canary')`.as('last_canary_upgrade'),
          sql<number>`count(*) FILTER (WHERE status IN ('pending', 'scheduled'))::int`.as('waiting'),
        ])
        .where('campaign_id', 'in', ids)
        .groupBy('campaign_id')
        .execute()
    : [];
  const soakCutoff = now.getTime() - config.CAMPAIGN_CANARY_SOAK_MINUTES * 60_000;

  const done = {
    failed: Number(timedOut.numUpdatedRows),
    skipped: Number(unbound.numUpdatedRows),
    paused: 0,
    advanced: 0,
    completed: 0,
  };
  for (const campaign of running) {
    const failing = health.get(campaign.id)?.find((reading) => reading.failing);
    const p = progress.find((row) => row.campaign_id === campaign.id);
    let event: 'pause' | 'advance' | 'complete' | null = null;
    // Nothing left to offer: the rollout is over, and a pause would protect nothing.
    if (campaign.state === 'rolling' && (p?.waiting ?? 0) === 0) event = 'complete';
    else if (failing) event = 'pause';
    else if (
      campaign.state === 'canary' &&
      p &&
      p.canary > 0 &&
      p.canary_upgraded / p.canary >= config.CAMPAIGN_CANARY_SUCCESS_SHARE &&
      p.last_canary_upgrade !== null &&
      new Date(p.last_canary_upgrade).getTime() <= soakCutoff
    )
      event = 'advance';
    if (!event) continue;
    const moved = await db.transaction().execute(async (tx) => {
      const locked = await lockCampaign(tx, campaign.id);
      // Someone moved it since it was read: their move stands.
      if (!locked || locked.state !== campaign.state) return false;
      await applyCampaignMove(tx, origin, locked, event, {
        now,
        config,
        ...(event === 'pause' && failing ? { pauseReason: failing.check, pauseDetail: failing } : {}),
      });
      return true;
    });
    if (!moved) continue;
    if (event === 'pause') done.paused += 1;
    else if (event === 'advance') done.advanced += 1;
    else done.completed += 1;
  }
  return done;
}
