import { createHash } from 'node:crypto';
import { type Clock, fixedClock } from '@posops/kernel';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import { contextForUser } from '../identity';
import { createCampaign, moveCampaign } from './campaigns.service';
import { recordHeartbeats } from './heartbeats.service';
import { localSecondOfDay } from './maintenance-window';
import { createRelease, moveRelease } from './releases.service';
import { upgradeOffer } from './upgrade-offer.service';

/** A package's demo checksum: the SHA-256 of its name (there is no file behind it). */
const sha256 = (name: string) => createHash('sha256').update(name).digest('hex');

const demoReleases = [
  {
    model: ['PAX', 'A920'],
    kind: 'firmware',
    version: '1.7.0',
    notes: '修复非接卡片偶发读卡超时；优化待机功耗；升级根证书。',
    bytes: 48_234_496,
    publish: true,
  },
  {
    model: ['PAX', 'A920'],
    kind: 'app',
    version: '3.2.1',
    notes: '收银 App：支持数字人民币扫码；结算单打印格式调整。',
    bytes: 23_068_672,
    publish: true,
  },
  {
    model: ['PAX', 'A920'],
    kind: 'firmware',
    version: '1.8.0-rc1',
    notes: '候选版本，待厂商最终确认。',
    bytes: 49_020_928,
    publish: false,
  },
  {
    model: ['Newland', 'ME51'],
    kind: 'firmware',
    version: '2.0.3',
    notes: '修复打印机缺纸检测；安全补丁。',
    bytes: 31_457_280,
    publish: true,
  },
] as const;

/**
 * Demo 远程升级: releases of the demo models and one firmware campaign of the PAX A920 in its canary —
 * the bound units heard from, the canary's first unit offered the release in last night's window and
 * reporting it, the second offered and still to report.
 */
export async function seedDemoUpgrades(deps: { db: Db; clock: Clock; config: AppConfig }): Promise<void> {
  const [procurement, ops] = await Promise.all([
    contextForUser(deps, 'procurement'),
    contextForUser(deps, 'ops'),
  ]);
  const models = await deps.db.selectFrom('terminal_models').select(['id', 'brand', 'model']).execute();
  let firmware: string | undefined;
  for (const r of demoReleases) {
    const model = models.find((m) => m.brand === r.model[0] && m.model === r.model[1]);
    if (!model) continue;
    const release = await createRelease(procurement, {
      modelId: model.id,
      kind: r.kind,
      version: r.version,
      notes: r.notes,
      packageSha256: sha256(`${r.model.join('-')}-${r.kind}-${r.version}.pkg`),
      packageBytes: r.bytes,
      packageUrl: `https://tms.example.com/packages/${r.model.join('-')}/${r.kind}/${r.version}.pkg`,
    });
    if (r.publish) await moveRelease(procurement, release.id, 'publish', undefined);
    if (r.kind === 'firmware' && r.version === '1.7.0') firmware = release.id;
  }
  const hq = await deps.db.selectFrom('orgs').select('id').where('code', '=', 'HQ').executeTakeFirst();
  const bound = await deps.db
    .selectFrom('terminals as t')
    .innerJoin('terminal_models as tm', 'tm.id', 't.model_id')
    .select(['t.tid', 't.firmware_version'])
    .where('tm.brand', '=', 'PAX')
    .where('tm.model', '=', 'A920')
    .where('t.status', 'in', ['installed', 'active'])
    .where('t.tid', 'is not', null)
    .execute();
  if (!firmware || !hq || bound.length === 0) return;
  const now = deps.clock.now();
  // Every bound unit is heard from now, at the version it was received with.
  await recordHeartbeats(
    deps,
    bound.map((u) => ({ tid: u.tid!, at: now, firmwareVersion: u.firmware_version ?? '1.4.0' })),
  );
  const campaign = await createCampaign(ops, {
    name: 'PAX A920 固件 1.7.0 全行升级',
    releaseId: firmware,
    orgId: hq.id,
    fromVersions: [],
    canaryPercent: 20,
  });
  await moveCampaign(ops, campaign.id, 'start', undefined);
  const canary = await deps.db
    .selectFrom('terminal_campaign_targets as ct')
    .innerJoin('terminals as t', 't.id', 'ct.terminal_id')
    .select(['t.tid'])
    .where('ct.campaign_id', '=', campaign.id)
    .where('ct.stage', '=', 'canary')
    .orderBy('t.serial_no')
    .execute();
  // Last night at 02:00 business time: the demo merchants (09:00–21:30) are closed.
  const sinceTwo = (localSecondOfDay(now, deps.config.TZ_BUSINESS) - 2 * 3600 + 86_400) % 86_400;
  const night = { ...deps, clock: fixedClock(new Date(now.getTime() - sinceTwo * 1000)) };
  for (const unit of canary.slice(0, 2)) await upgradeOffer(night, unit.tid!);
  const first = canary[0]?.tid;
  if (first) await recordHeartbeats(deps, [{ tid: first, at: now, firmwareVersion: '1.7.0' }]);
}
