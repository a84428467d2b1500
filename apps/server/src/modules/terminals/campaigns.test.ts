import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '@posops/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgId, startTestApp, type TestApp } from '../../../test/app';
import { contractedApplication, validForm } from '../../../test/merchant-fixtures';
import { stockTerminals } from '../../../test/terminal-fixtures';
import { loadConfig } from '../../platform/config';
import { contextForUser } from '../identity';
import { businessHoursOf } from '../merchants';
import { createSoftwareSecurityModule } from '../security';
import { installTerminal } from './terminals.service';
import type { UpgradeAnswer } from './upgrade-offer.service';

/**
 * 远程升级 end to end: releases, campaigns, the maintenance windows of merchants, the terminal host's
 * question, progress from heartbeats and the job that advances and pauses. One fleet for the file:
 *  - 白天店 (09:00–22:00, Chaoyang): DAY-1…6 at firmware 1.5.0, DAY-7 at 1.6.0, DAY-S90 (another model),
 *    DAY-NEW already at 1.7.0;
 *  - 夜宵店 (18:00–02:00, crossing midnight): NIGHT-1, NIGHT-2 at 1.5.1;
 *  - 便利店 (open around the clock): ALLDAY-1 at 1.5.2;
 *  - 上海店 (Pudong): SH-1, SH-2 at 1.5.0.
 */

let app: TestApp;
const TOKEN = 'internal-token-for-tests-'.padEnd(40, 'x');
const SHA = 'ab'.repeat(32);
/** An instant at a local (Beijing) time of December 2026: the clock is set, never moved back. */
const local = (day: number, hhmm: string) =>
  new Date(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);
const tids = new Map<string, string>();
let a920: string;
let bj: string;
let sh: string;

/** A fresh session (the clock jumps hours, sessions idle out). */
const as = (username: string) => app.as(username);

const internal = (url: string, token: string | null = TOKEN) =>
  fetch(`${app.baseUrl}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(
    async (r) => ({
      status: r.status,
      body: (await r.json()) as UpgradeAnswer,
    }),
  );
const ask = (serial: string) => internal(`/api/internal/terminals/${tids.get(serial)}/upgrade`);
const beat = (beats: { serial: string; firmware?: string; app?: string }[], at = app.clock.now()) =>
  fetch(`${app.baseUrl}/api/internal/heartbeats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      heartbeats: beats.map((b) => ({
        tid: tids.get(b.serial),
        at: at.toISOString(),
        ...(b.firmware ? { firmwareVersion: b.firmware } : {}),
        ...(b.app ? { appVersion: b.app } : {}),
      })),
    }),
  }).then(async (r) => {
    expect(r.status).toBe(200);
    return r.json();
  });
const job = (name: string) => app.jobs.find((j) => j.name === name)!.run();

let codes = 0;
/** A valid unified social credit code, different on every call (both check characters right). */
function creditCode() {
  codes += 1;
  const body = `MA0${String(codes).padStart(5, '0')}`;
  const first17 = `91110105${body}${organisationCodeCheckCharacter(body)}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}

async function merchant(name: string, hours: { open: string; close: string }) {
  const code = creditCode();
  const form = validForm({ creditCode: code, name });
  form.business.hours = hours;
  const applicationId = await contractedApplication(app, code, name, 1, form);
  const live = await (await as('backoffice')).post(`/api/merchant-applications/${applicationId}/go-live`);
  expect(live.status, JSON.stringify(live.body)).toBe(200);
  return live.body.merchantId as string;
}

/** Binds units to a merchant as an installation does (the install path of the terminals module). */
async function bind(serials: string[], merchantId: string) {
  const config = loadConfig({ DEMO: 'true', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'posops-test-')) });
  const ctx = await contextForUser({ db: app.db, clock: app.clock, config }, 'ops');
  const security = createSoftwareSecurityModule(config.HOST_MASTER_KEY);
  const m = await app.db
    .selectFrom('merchants')
    .selectAll()
    .where('id', '=', merchantId)
    .executeTakeFirstOrThrow();
  for (const serialNo of serials) {
    const key = await app.db.transaction().execute((tx) =>
      installTerminal(ctx, tx, security, {
        serialNo,
        workOrderNo: 'WO-TEST',
        requestedModel: null,
        merchantId: m.id,
        merchantOrgId: m.org_id,
        acquirerCode: '898',
        mid: m.mid,
        creditCode: m.credit_code,
        accountHash: m.account_hash,
        accountMasked: m.account_masked,
        divisionCode: m.division_code,
        address: m.address_detail,
      }),
    );
    tids.set(serialNo, key.tid);
  }
}

beforeAll(async () => {
  app = await startTestApp({ INTERNAL_API_TOKEN: TOKEN });
  app.clock.set(local(1, '09:30'));
  bj = await orgId(app, 'BJ');
  sh = await orgId(app, 'SH');
  const day = await merchant('北京朝阳白天升级测试餐厅', { open: '09:00', close: '22:00' });
  const night = await merchant('北京朝阳夜宵升级测试餐厅', { open: '18:00', close: '02:00' });
  const allDay = await merchant('北京朝阳全天升级测试便利店', { open: '00:00', close: '00:00' });
  const shanghai = await merchant('上海浦东升级测试餐厅', { open: '09:00', close: '22:00' });
  await app.db
    .updateTable('merchants')
    .set({ org_id: await orgId(app, 'SHPD') })
    .where('id', '=', shanghai)
    .execute();
  const daySerials = [
    'DAY-0001',
    'DAY-0002',
    'DAY-0003',
    'DAY-0004',
    'DAY-0005',
    'DAY-0006',
    'DAY-0007',
    'DAY-0NEW',
  ];
  await stockTerminals(app, [...daySerials, 'NIGHT-0001', 'NIGHT-0002', 'ALLDAY-0001', 'SH-0001', 'SH-0002']);
  await stockTerminals(app, ['DAY-0S90'], { model: 'S90' });
  await bind([...daySerials, 'DAY-0S90'], day);
  await bind(['NIGHT-0001', 'NIGHT-0002'], night);
  await bind(['ALLDAY-0001'], allDay);
  await bind(['SH-0001', 'SH-0002'], shanghai);
  const firmware: Record<string, string> = {
    'DAY-0007': '1.6.0',
    'DAY-0NEW': '1.7.0',
    'ALLDAY-0001': '1.5.2',
  };
  await beat(
    [...tids.keys()].map((serial) => ({
      serial,
      firmware: firmware[serial] ?? (serial.startsWith('NIGHT') ? '1.5.1' : '1.5.0'),
    })),
  );
  const models = (await (await as('ops')).get('/api/terminal-models')).body.items as {
    id: string;
    brand: string;
    model: string;
  }[];
  a920 = models.find((m) => m.brand === 'PAX' && m.model === 'A920')!.id;
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

describe('business hours (营业时间)', () => {
  it('takes each merchant’s hours from its application, crossing midnight and around the clock', async () => {
    const rows = await app.db
      .selectFrom('merchants')
      .select(['id', 'name'])
      .where('name', 'like', '%升级测试%')
      .execute();
    const hours = await businessHoursOf(
      app.db,
      rows.map((r) => r.id),
    );
    const byName = Object.fromEntries(rows.map((r) => [r.name, hours.get(r.id)]));
    expect(byName).toMatchObject({
      北京朝阳白天升级测试餐厅: { opens: '09:00', closes: '22:00' },
      北京朝阳夜宵升级测试餐厅: { opens: '18:00', closes: '02:00' },
      北京朝阳全天升级测试便利店: { opens: '00:00', closes: '00:00' },
    });
  });
});

let firmware17: string;
let app32: string;

describe('releases (固件/应用版本)', () => {
  it('adds a release as a draft, with precise field errors and an audit row', async () => {
    const procurement = await as('procurement');
    const bad = await procurement.post('/api/terminal-releases', {
      modelId: a920,
      kind: 'firmware',
      version: '1.7 beta',
      packageSha256: 'xyz',
      packageBytes: 0,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['packageBytes', 'packageSha256', 'version']);
    const created = await procurement.post('/api/terminal-releases', {
      modelId: a920,
      kind: 'firmware',
      version: '1.7.0',
      notes: '修复非接读卡超时',
      packageSha256: SHA.toUpperCase(),
      packageBytes: 48_234_496,
      packageUrl: 'https://tms.example.com/a920/1.7.0.pkg',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      modelName: 'PAX A920',
      status: 'draft',
      packageSha256: SHA,
      releasedAt: null,
      allowedEvents: ['publish', 'withdraw'],
    });
    firmware17 = created.body.id;
    const twice = await procurement.post('/api/terminal-releases', {
      modelId: a920,
      kind: 'firmware',
      version: '1.7.0',
      packageSha256: SHA,
      packageBytes: 1,
    });
    expect(twice.status).toBe(400);
    expect(twice.body.fieldMessages.version).toEqual({
      key: 'upgrade.version_exists',
      params: { name: 'PAX A920', version: '1.7.0' },
    });
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', firmware17)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['terminal.release.create']);
  });

  it('edits a draft only, publishes once, and refuses people without the catalogue permission', async () => {
    const procurement = await as('procurement');
    const body = {
      modelId: a920,
      kind: 'firmware',
      version: '1.7.0',
      notes: '修复非接读卡超时；升级根证书',
      packageSha256: SHA,
      packageBytes: 48_234_497,
    };
    expect((await procurement.put(`/api/terminal-releases/${firmware17}`, body)).body.packageBytes).toBe(
      48_234_497,
    );
    expect((await (await as('engineer')).post('/api/terminal-releases', body)).status).toBe(403);
    const published = await procurement.post(`/api/terminal-releases/${firmware17}/events`, {
      event: 'publish',
    });
    expect(published.body).toMatchObject({ status: 'published', allowedEvents: ['withdraw'] });
    expect(published.body.releasedAt).toBe(app.clock.now().toISOString());
    const again = await procurement.post(`/api/terminal-releases/${firmware17}/events`, { event: 'publish' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'release: cannot publish when published',
    });
    const edit = await procurement.put(`/api/terminal-releases/${firmware17}`, body);
    expect(edit.status).toBe(409);
    const appRelease = await procurement.post('/api/terminal-releases', {
      modelId: a920,
      kind: 'app',
      version: '3.2.1',
      packageSha256: SHA,
      packageBytes: 1000,
    });
    app32 = appRelease.body.id;
    await procurement.post(`/api/terminal-releases/${app32}/events`, { event: 'publish' });
    // Everyone with the ledger sees the catalogue of releases.
    const seen = (await (await as('sh.ops')).get(`/api/terminal-releases?modelId=${a920}`)).body.items;
    expect(seen.map((r: { version: string }) => r.version).sort()).toEqual(['1.7.0', '3.2.1']);
  });
});

describe('targeting (目标)', () => {
  it('takes the release’s model in the org subtree at any other version, or at the versions chosen', async () => {
    const ops = await as('ops');
    const preview = (query: string) =>
      ops.get(`/api/terminal-campaigns/preview?releaseId=${firmware17}&canaryPercent=20&${query}`);
    const beijing = await preview(`orgId=${bj}`);
    expect(beijing.status, JSON.stringify(beijing.body)).toBe(200);
    // DAY-1…7, NIGHT-1…2, ALLDAY-1: not the S90, not the unit already at 1.7.0, not Shanghai's.
    expect(beijing.body).toMatchObject({ targets: 10, canary: 2, noWindow: 1 });
    expect(beijing.body.versions).toEqual([
      { version: '1.5.0', units: 6, isTarget: false },
      { version: '1.5.1', units: 2, isTarget: false },
      { version: '1.5.2', units: 1, isTarget: false },
      { version: '1.6.0', units: 1, isTarget: false },
      { version: '1.7.0', units: 1, isTarget: true },
    ]);
    expect((await preview(`orgId=${sh}`)).body).toMatchObject({ targets: 2, canary: 1 });
    expect((await preview(`orgId=${bj}&fromVersions=1.6.0`)).body).toMatchObject({ targets: 1, canary: 1 });
    expect((await preview(`orgId=${bj}&fromVersions=1.5.1,1.5.2`)).body).toMatchObject({
      targets: 3,
      noWindow: 1,
    });
  });

  it('refuses an unpublished release, an org outside the scope, and the target among the current versions', async () => {
    const procurement = await as('procurement');
    const draft = await procurement.post('/api/terminal-releases', {
      modelId: a920,
      kind: 'firmware',
      version: '1.8.0-rc1',
      packageSha256: SHA,
      packageBytes: 1000,
    });
    const ops = await as('ops');
    const base = { releaseId: firmware17, orgId: bj, fromVersions: [], canaryPercent: 5 };
    const unpublished = await ops.post('/api/terminal-campaigns', { ...base, releaseId: draft.body.id });
    expect(unpublished.status).toBe(400);
    expect(unpublished.body.fieldMessages.releaseId.key).toBe('upgrade.release_not_published');
    const target = await ops.post('/api/terminal-campaigns', { ...base, fromVersions: ['1.5.0', '1.7.0'] });
    expect(target.body.fieldMessages.fromVersions).toEqual({
      key: 'upgrade.from_is_target',
      params: { version: '1.7.0' },
    });
    const outside = await (await as('sh.ops')).post('/api/terminal-campaigns', base);
    expect(outside.status).toBe(400);
    expect(outside.body.fieldMessages.orgId.key).toBe('upgrade.no_org');
    const canary = await ops.post('/api/terminal-campaigns', { ...base, canaryPercent: 80 });
    expect(canary.body.fields).toHaveProperty('canaryPercent');
    // A field engineer records faults (terminal.manage) but runs no campaign (terminal.upgrade).
    expect((await (await as('engineer')).post('/api/terminal-campaigns', base)).status).toBe(403);
  });
});

let day: { id: string; no: string };
let night: { id: string; no: string };
const serialsOf = async (campaignId: string, query = '') =>
  (
    (await (await as('ops')).get(`/api/terminal-campaigns/${campaignId}/targets?${query}`)).body.items as {
      serialNo: string;
      stage: string;
      status: string;
    }[]
  ).map((t) => t.serialNo);

describe('the campaign’s lifecycle (状态机)', () => {
  it('creates drafts that preview their targets, and refuses moves the state does not allow', async () => {
    const ops = await as('ops');
    const created = await ops.post('/api/terminal-campaigns', {
      name: '白天店固件升级',
      releaseId: firmware17,
      orgId: bj,
      fromVersions: ['1.5.0'],
      canaryPercent: 20,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      no: expect.stringMatching(/^SJ20261201\d{6}$/),
      state: 'draft',
      kind: 'firmware',
      version: '1.7.0',
      preview: { targets: 6, canary: 2, noWindow: 0 },
      allowedEvents: ['start', 'cancel'],
    });
    day = created.body;
    const advance = await ops.post(`/api/terminal-campaigns/${day.id}/events`, { event: 'advance' });
    expect(advance.status).toBe(409);
    expect(advance.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'campaign: cannot advance when draft',
    });
    const pause = await ops.post(`/api/terminal-campaigns/${day.id}/events`, { event: 'pause' });
    expect(pause.status).toBe(400);
    expect(pause.body.fieldMessages.reason.key).toBe('upgrade.reason_required');
    expect(
      (await (await as('analyst')).post(`/api/terminal-campaigns/${day.id}/events`, { event: 'start' }))
        .status,
    ).toBe(403);
  });

  it('starts: the targets are written, the canary first among units with a window', async () => {
    const ops = await as('ops');
    const started = await ops.post(`/api/terminal-campaigns/${day.id}/events`, { event: 'start' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({
      state: 'canary',
      targets: 6,
      canaryTargets: 2,
      progress: { canary: { total: 2, pending: 2 }, rollout: { total: 4, pending: 4 }, upgraded: 0 },
      allowedEvents: ['pause', 'cancel'],
      preview: null,
    });
    expect((await ops.post(`/api/terminal-campaigns/${day.id}/events`, { event: 'start' })).status).toBe(409);
    const second = await ops.post('/api/terminal-campaigns', {
      releaseId: firmware17,
      orgId: bj,
      fromVersions: ['1.5.1', '1.5.2'],
      canaryPercent: 34,
    });
    night = second.body;
    expect(
      (await ops.post(`/api/terminal-campaigns/${night.id}/events`, { event: 'start' })).body,
    ).toMatchObject({
      name: 'PAX A920 固件 1.7.0',
      targets: 3,
      canaryTargets: 2,
    });
    // The unit open around the clock is never in the canary: it could never pass.
    expect(await serialsOf(night.id, 'stage=canary')).toEqual(['NIGHT-0001', 'NIGHT-0002']);
    // A unit waits for one release of a kind: an overlapping campaign finds nothing to start.
    const overlap = await ops.post('/api/terminal-campaigns', {
      releaseId: firmware17,
      orgId: bj,
      fromVersions: ['1.5.0'],
      canaryPercent: 5,
    });
    const refused = await ops.post(`/api/terminal-campaigns/${overlap.body.id}/events`, { event: 'start' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'campaign: cannot start when draft: no terminal matches its model, org and versions',
    );
    await ops.post(`/api/terminal-campaigns/${overlap.body.id}/events`, {
      event: 'cancel',
      reason: '与现有任务重叠',
    });
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', day.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['terminal.campaign.create', 'terminal.campaign.start']);
  });
});

describe('the terminal host’s question and the window (维护窗口)', () => {
  it('answers only with the internal token, and not for an unknown TID', async () => {
    expect((await internal(`/api/internal/terminals/${tids.get('DAY-0001')}/upgrade`, null)).status).toBe(
      401,
    );
    expect((await internal('/api/internal/terminals/99999999/upgrade')).status).toBe(404);
  });

  it('offers nothing during business hours, and says when the window opens', async () => {
    app.clock.set(local(1, '10:00'));
    const [canaryUnit] = await serialsOf(day.id, 'stage=canary');
    expect(await ask(canaryUnit!)).toEqual({
      status: 200,
      body: {
        offer: null,
        reason: 'outside_window',
        windowOpensAt: local(1, '22:00').toISOString(),
        windowClosesAt: null,
      },
    });
    const [rolloutUnit] = await serialsOf(day.id, 'stage=rollout');
    expect((await ask(rolloutUnit!)).body.reason).toBe('stage_closed');
    // Hours crossing midnight: at 10:00 the night shop is closed, its window open until 17:30.
    const offered = await ask('NIGHT-0001');
    expect(offered.body).toMatchObject({
      reason: 'offered',
      offer: {
        campaignNo: night.no,
        kind: 'firmware',
        version: '1.7.0',
        packageSha256: SHA,
        packageBytes: 48_234_497,
      },
      windowClosesAt: local(1, '17:30').toISOString(),
    });
    expect((await ask('ALLDAY-0001')).body.reason).toBe('stage_closed');
    expect((await ask('SH-0001')).body.reason).toBe('none');
  });

  it('offers the canary after closing time, and the night shop only once it closes at 02:00', async () => {
    app.clock.set(local(1, '23:00'));
    for (const unit of await serialsOf(day.id, 'stage=canary')) {
      const answer = await ask(unit);
      expect(answer.body).toMatchObject({
        reason: 'offered',
        windowClosesAt: local(2, '08:30').toISOString(),
      });
    }
    expect((await ask('NIGHT-0002')).body).toMatchObject({
      reason: 'outside_window',
      windowOpensAt: local(2, '02:00').toISOString(),
    });
    const scheduled = await serialsOf(day.id, 'status=scheduled');
    expect(scheduled).toEqual(await serialsOf(day.id, 'stage=canary'));
  });
});

describe('progress from heartbeats and the canary (灰度)', () => {
  it('counts a unit upgraded when it reports the version, and opens the rollout after the soak', async () => {
    const canary = await serialsOf(day.id, 'stage=canary');
    await beat([{ serial: canary[0]!, firmware: '1.7.0' }]);
    const ops = await as('ops');
    expect((await ops.get(`/api/terminal-campaigns/${day.id}`)).body.progress.canary).toMatchObject({
      upgraded: 1,
      scheduled: 1,
    });
    // Half the canary is not enough.
    expect(await job('terminals.campaigns')).toMatchObject({ advanced: 0 });
    app.clock.advance(10 * 60_000);
    await beat([
      { serial: canary[1]!, firmware: '1.7.0' },
      { serial: 'NIGHT-0001', firmware: '1.7.0' },
    ]);
    // Reported again: nothing changes.
    await beat([{ serial: canary[1]!, firmware: '1.7.0' }]);
    expect(await job('terminals.campaigns')).toMatchObject({ advanced: 0 });
    app.clock.advance(61 * 60_000);
    expect(await job('terminals.campaigns')).toMatchObject({ advanced: 1, paused: 0 });
    const detail = (await (await as('ops')).get(`/api/terminal-campaigns/${day.id}`)).body;
    expect(detail).toMatchObject({
      state: 'rolling',
      canaryPassedAt: app.clock.now().toISOString(),
      progress: { canary: { upgraded: 2, total: 2 }, upgraded: 2 },
    });
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('object_id', '=', day.id)
      .where('action', '=', 'terminal.campaign.advance')
      .execute();
    expect(audit).toEqual([{ action: 'terminal.campaign.advance', actor_name: 'system:campaigns' }]);
  });

  it('opens the rollout by hand once a canary unit has upgraded; the shop open around the clock is never offered', async () => {
    const ops = await as('ops');
    const moved = await ops.post(`/api/terminal-campaigns/${night.id}/events`, { event: 'advance' });
    expect(moved.body.state).toBe('rolling');
    expect((await ask('ALLDAY-0001')).body).toMatchObject({ offer: null, reason: 'no_window' });
    expect((await ops.get(`/api/terminal-campaigns/${night.id}`)).body.noWindow).toBe(1);
    // 00:11 on the 2nd: the night shop is still open.
    expect((await ask('NIGHT-0002')).body.reason).toBe('outside_window');
  });

  it('counts a unit that reports the version before it was offered', async () => {
    const [rolloutUnit] = await serialsOf(day.id, 'stage=rollout&status=pending');
    await beat([{ serial: rolloutUnit!, firmware: '1.7.0' }]);
    expect(await serialsOf(day.id, 'status=upgraded')).toContain(rolloutUnit);
  });
});

describe('auto-pause (自动暂停)', () => {
  it('pauses when the upgraded units go offline more than those not yet upgraded, and tells the people', async () => {
    const rollout = await serialsOf(day.id, 'stage=rollout&status=pending');
    expect(rollout).toHaveLength(3);
    const offered = await ask(rollout[0]!);
    expect(offered.body.reason).toBe('offered');
    await beat([{ serial: rollout[0]!, firmware: '1.7.0' }]);
    const waiting = rollout.slice(1);
    // 31 minutes on, only the units still waiting are heard from: the upgraded ones went silent.
    app.clock.advance(31 * 60_000);
    await beat(waiting.map((serial) => ({ serial })));
    await beat([{ serial: 'NIGHT-0002' }, { serial: 'ALLDAY-0001' }, { serial: 'NIGHT-0001' }]);
    expect(await job('terminals.offline')).toBeGreaterThanOrEqual(4);
    const done = await job('terminals.campaigns');
    expect(done).toMatchObject({ paused: 1 });
    const ops = await as('ops');
    const paused = (await ops.get(`/api/terminal-campaigns/${day.id}`)).body;
    expect(paused).toMatchObject({
      state: 'rolling_paused',
      allowedEvents: ['resume', 'cancel'],
      pause: {
        reason: 'offline_rate',
        automatic: true,
        detail: {
          check: 'offline_rate',
          upgraded: { units: 4, bad: 4 },
          baseline: { units: 2, bad: 0 },
          upgradedRate: 1,
        },
      },
    });
    expect(paused.health).toEqual([
      expect.objectContaining({ check: 'offline_rate', failing: true }),
      expect.objectContaining({ check: 'decline_rate', measured: false, failing: false }),
    ]);
    // The night campaign's upgraded unit is online like the rest: it runs on.
    expect((await ops.get(`/api/terminal-campaigns/${night.id}`)).body.state).toBe('rolling');
    for (const username of ['ops', 'bj.ops']) {
      const notes = (await (await as(username)).get('/api/notifications?limit=50')).body.items as {
        kind: string;
        title: string;
        link: string;
      }[];
      expect(
        notes.filter((n) => n.kind === 'terminal.campaign.paused'),
        username,
      ).toEqual([expect.objectContaining({ link: `/terminals/upgrades?campaign=${day.id}` })]);
    }
    expect((await ask(waiting[0]!)).body.reason).toBe('stage_closed');
  });

  it('resumes by hand into the stage it left, and cancelling skips the units still waiting', async () => {
    const ops = await as('ops');
    const resumed = await ops.post(`/api/terminal-campaigns/${day.id}/events`, { event: 'resume' });
    expect(resumed.body).toMatchObject({ state: 'rolling', pause: null });
    const cancelled = await ops.post(`/api/terminal-campaigns/${day.id}/events`, {
      event: 'cancel',
      reason: '升级后离线偏多，待厂商排查',
    });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', allowedEvents: [] });
    expect(cancelled.body.progress.rollout).toMatchObject({ upgraded: 2, skipped: 2, pending: 0 });
    expect((await ops.post(`/api/terminal-campaigns/${day.id}/events`, { event: 'resume' })).status).toBe(
      409,
    );
  });
});

describe('time-outs, late success and completion', () => {
  it('fails an offered unit that never reports, counts it when it does after all, and completes by hand', async () => {
    app.clock.set(local(2, '03:00'));
    expect((await ask('NIGHT-0002')).body.reason).toBe('offered');
    app.clock.advance(49 * 3_600_000);
    expect(await job('terminals.campaigns')).toMatchObject({ failed: 1, completed: 0 });
    expect(await serialsOf(night.id, 'status=failed')).toEqual(['NIGHT-0002']);
    await beat([{ serial: 'NIGHT-0002', firmware: '1.7.0' }]);
    expect(await serialsOf(night.id, 'status=upgraded')).toEqual(['NIGHT-0001', 'NIGHT-0002']);
    // Only the shop open around the clock is left: the job cannot finish it, a person can.
    expect(await job('terminals.campaigns')).toMatchObject({ completed: 0 });
    const ops = await as('ops');
    const done = await ops.post(`/api/terminal-campaigns/${night.id}/events`, { event: 'complete' });
    expect(done.body).toMatchObject({
      state: 'completed',
      progress: { upgraded: 2, rollout: { skipped: 1 } },
    });
  });
});

describe('a campaign run by the job from start to end', () => {
  it('lets a branch upgrade its own subtree: the job opens the rollout and completes it', async () => {
    const shOps = await as('sh.ops');
    const created = await shOps.post('/api/terminal-campaigns', {
      releaseId: firmware17,
      orgId: sh,
      fromVersions: [],
      canaryPercent: 50,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const started = await shOps.post(`/api/terminal-campaigns/${created.body.id}/events`, { event: 'start' });
    expect(started.body).toMatchObject({ targets: 2, canaryTargets: 1 });
    // Both report the new version (upgraded on site, before any offer): the canary is complete.
    await beat([
      { serial: 'SH-0001', firmware: '1.7.0' },
      { serial: 'SH-0002', firmware: '1.7.0' },
    ]);
    expect(await job('terminals.campaigns')).toMatchObject({ advanced: 0, completed: 0 });
    app.clock.advance(61 * 60_000);
    expect(await job('terminals.campaigns')).toMatchObject({ advanced: 1 });
    expect(await job('terminals.campaigns')).toMatchObject({ completed: 1 });
    const done = (await (await as('sh.ops')).get(`/api/terminal-campaigns/${created.body.id}`)).body;
    expect(done).toMatchObject({ state: 'completed', progress: { upgraded: 2 }, allowedEvents: [] });
    expect(done.finishedAt).toBe(app.clock.now().toISOString());
  });
});

describe('a withdrawn release (撤回)', () => {
  it('pauses the campaigns rolling it out, and they cannot resume', async () => {
    const ops = await as('ops');
    // App and firmware campaigns do not hold each other's units.
    const appCampaign = (
      await ops.post('/api/terminal-campaigns', {
        releaseId: app32,
        orgId: bj,
        fromVersions: [],
        canaryPercent: 10,
      })
    ).body;
    const started = await ops.post(`/api/terminal-campaigns/${appCampaign.id}/events`, { event: 'start' });
    expect(started.body).toMatchObject({ state: 'canary', targets: 11 });
    const procurement = await as('procurement');
    const withdrawn = await procurement.post(`/api/terminal-releases/${app32}/events`, {
      event: 'withdraw',
      reason: '厂商召回：打印异常',
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnReason: '厂商召回：打印异常' });
    const paused = (await ops.get(`/api/terminal-campaigns/${appCampaign.id}`)).body;
    expect(paused).toMatchObject({
      state: 'canary_paused',
      releaseStatus: 'withdrawn',
      pause: { reason: 'release_withdrawn', note: '厂商召回：打印异常', automatic: false },
      allowedEvents: ['cancel'],
    });
    const resume = await ops.post(`/api/terminal-campaigns/${appCampaign.id}/events`, { event: 'resume' });
    expect(resume.status).toBe(409);
    expect(resume.body.message).toBe(
      'campaign: cannot resume when canary_paused: its release is no longer published',
    );
  });
});

describe('org scoping (机构范围)', () => {
  it('shows a campaign only within its org subtree', async () => {
    const shOps = await as('sh.ops');
    const list = (await shOps.get('/api/terminal-campaigns')).body.items as { id: string }[];
    expect(list.map((c) => c.id)).not.toContain(day.id);
    expect((await shOps.get(`/api/terminal-campaigns/${day.id}`)).status).toBe(404);
    expect((await shOps.get(`/api/terminal-campaigns/${day.id}/targets`)).status).toBe(404);
    expect(
      (await shOps.post(`/api/terminal-campaigns/${night.id}/events`, { event: 'cancel', reason: '越权' }))
        .status,
    ).toBe(404);
    expect(
      (await shOps.get(`/api/terminal-campaigns/preview?releaseId=${firmware17}&orgId=${bj}`)).status,
    ).toBe(400);
    const bjOps = await as('bj.ops');
    expect(
      ((await bjOps.get('/api/terminal-campaigns')).body.items as { id: string }[]).map((c) => c.id),
    ).toContain(day.id);
  });
});
