import { AppError } from '@posops/kernel';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ModuleDeps } from '../../platform/module';
import { businessHoursOf } from '../merchants';
import { maintenanceWindow } from './maintenance-window';

/**
 * The terminal's side of a campaign. The terminal host asks, per terminal, what to fetch
 * (`GET /api/internal/terminals/:tid/upgrade`): the answer names a release only while the terminal's
 * stage of a campaign is open (its canary stage, or the rollout once the canary passed) and its
 * merchant is closed (the maintenance window); the first such answer marks the unit scheduled (offered).
 * A heartbeat reporting the release's version marks the unit upgraded — whatever its stage, late
 * or early — with one indexed statement, and only when the reported version changed.
 */

export type OfferReason = 'offered' | 'none' | 'stage_closed' | 'no_window' | 'outside_window';

export interface UpgradeAnswer {
  offer: {
    campaignId: string;
    campaignNo: string;
    releaseId: string;
    kind: 'firmware' | 'app';
    version: string;
    packageSha256: string;
    packageBytes: number;
    packageUrl: string | null;
  } | null;
  reason: OfferReason;
  /** Outside the window: when it next opens. */
  windowOpensAt: string | null;
  /** Offered: when the window closes (the upgrade should not start after). */
  windowClosesAt: string | null;
}

const answer = (reason: OfferReason, extra: Partial<UpgradeAnswer> = {}): UpgradeAnswer => ({
  offer: null,
  reason,
  windowOpensAt: null,
  windowClosesAt: null,
  ...extra,
});

export async function upgradeOffer(deps: ModuleDeps, tid: string): Promise<UpgradeAnswer> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const unit = await tx
      .selectFrom('terminals')
      .select(['id', 'status', 'merchant_id'])
      .where('tid', '=', tid)
      .executeTakeFirst();
    if (!unit || !['installed', 'active'].includes(unit.status) || !unit.merchant_id)
      throw new AppError('NOT_FOUND', `no bound terminal has TID ${tid}`);
    const waiting = await tx
      .selectFrom('terminal_campaign_targets as ct')
      .innerJoin('terminal_campaigns as c', 'c.id', 'ct.campaign_id')
      .innerJoin('terminal_releases as r', 'r.id', 'c.release_id')
      .select([
        'ct.campaign_id',
        'ct.stage',
        'ct.status',
        'c.no',
        'c.state',
        'r.id as release_id',
        'r.kind',
        'r.version',
        'r.package_sha256',
        'r.package_bytes',
        'r.package_url',
        'r.status as release_status',
      ])
      .where('ct.terminal_id', '=', unit.id)
      .where('ct.status', 'in', ['pending', 'scheduled'])
      // Firmware before the app, older campaigns first.
      .orderBy(sql`ct.kind = 'firmware'`, 'desc')
      .orderBy('c.started_at')
      .execute();
    if (waiting.length === 0) return answer('none');
    const open = waiting.filter(
      (w) =>
        w.release_status === 'published' &&
        (w.state === 'rolling' || (w.state === 'canary' && w.stage === 'canary')),
    );
    const pick = open[0];
    if (!pick) return answer('stage_closed');
    const hours = (await businessHoursOf(tx, [unit.merchant_id])).get(unit.merchant_id);
    const window = hours
      ? maintenanceWindow(hours, now, deps.config.TZ_BUSINESS, deps.config.CAMPAIGN_WINDOW_MARGIN_MINUTES)
      : ({ kind: 'none' } as const);
    if (window.kind === 'none') return answer('no_window');
    if (window.kind === 'closed')
      return answer('outside_window', { windowOpensAt: window.opensAt.toISOString() });
    if (pick.status === 'pending')
      await tx
        .updateTable('terminal_campaign_targets')
        .set({ status: 'scheduled', scheduled_at: now })
        .where('campaign_id', '=', pick.campaign_id)
        .where('terminal_id', '=', unit.id)
        .where('status', '=', 'pending')
        .execute();
    return answer('offered', {
      offer: {
        campaignId: pick.campaign_id,
        campaignNo: pick.no,
        releaseId: pick.release_id,
        kind: pick.kind,
        version: pick.version,
        packageSha256: pick.package_sha256,
        packageBytes: Number(pick.package_bytes),
        packageUrl: pick.package_url,
      },
      windowClosesAt: window.closesAt.toISOString(),
    });
  });
}

/**
 * The heartbeat hook: a unit reporting a version its campaign row waits for (pending, offered, or failed
 * by timeout and upgraded after all) is upgraded. One statement on the terminal's index.
 */
export async function markUpgraded(
  tx: Db,
  terminalId: string,
  reported: { firmware?: string | undefined; app?: string | undefined },
  at: Date,
) {
  const kinds = [
    ...(reported.firmware ? [{ kind: 'firmware' as const, version: reported.firmware }] : []),
    ...(reported.app ? [{ kind: 'app' as const, version: reported.app }] : []),
  ];
  if (kinds.length === 0) return 0;
  const result = await tx
    .updateTable('terminal_campaign_targets')
    .set({ status: 'upgraded', upgraded_at: at, failed_at: null, fail_reason: null })
    .where('terminal_id', '=', terminalId)
    .where('status', 'in', ['pending', 'scheduled', 'failed'])
    .where((eb) =>
      eb.or(kinds.map((k) => eb.and([eb('kind', '=', k.kind), eb('target_version', '=', k.version)]))),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
