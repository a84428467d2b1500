import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { activeMerchant, signOff } from '../../../test/merchant-fixtures';
import { distanceMetres } from './heartbeats.service';

let app: TestApp;
let ops: Client;
let tid: string;
const TOKEN = 'internal-token-for-tests-'.padEnd(40, 'x');
// 北京朝阳: where the unit was installed; 2 km east is another street.
const shop = { latitude: 39.9087, longitude: 116.4605 };
const elsewhere = { latitude: 39.9087, longitude: 116.484 };

const beat = (body: object, token: string | null = TOKEN) =>
  fetch(`${app.baseUrl}/api/internal/heartbeats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

const runOfflineJob = () => app.jobs.find((j) => j.name === 'terminals.offline')!.run();

beforeAll(async () => {
  app = await startTestApp({ INTERNAL_API_TOKEN: TOKEN, TERMINAL_OFFLINE_MINUTES: '30' });
  // Bound but not yet signed off: the first heartbeat activates the unit.
  const m = await activeMerchant(app, '9144030071526726XG', '北京朝阳心跳测试餐厅', 'HB-0001', shop, {
    signedOff: false,
  });
  tid = m.keyInjection.tid;
  ops = await app.as('ops');
});
afterAll(async () => {
  await app?.stop();
});

describe('heartbeats (心跳)', () => {
  it('measures distances as the crow flies', () => {
    expect(
      distanceMetres(
        { lat: shop.latitude, lng: shop.longitude },
        { lat: elsewhere.latitude, lng: elsewhere.longitude },
      ),
    ).toBeCloseTo(2005, -1);
  });

  it('takes heartbeats only with the internal token', async () => {
    const body = { heartbeats: [{ tid, at: app.clock.now().toISOString() }] };
    expect((await beat(body, null)).status).toBe(401);
    expect((await beat(body, 'wrong-token-wrong-token-wrong-token-xx')).status).toBe(401);
    const closed = await startTestApp({
      DEMO: 'off',
      SECRET_KEY: 's'.repeat(40),
      HOST_MASTER_KEY: 'ab'.repeat(32),
    });
    try {
      const response = await fetch(`${closed.baseUrl}/api/internal/heartbeats`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(403);
    } finally {
      await closed.stop();
    }
  });

  it('activates an installed unit, keeps firmware and last-seen current, and ignores an older report', async () => {
    const before = (await ops.get('/api/terminals/by-serial/HB-0001')).body;
    expect(before.status).toBe('installed');
    const now = app.clock.now();
    const answer = await beat({
      heartbeats: [
        { tid, at: now.toISOString(), firmwareVersion: '2.1.0', ...shop },
        { tid: '99999999', at: now.toISOString() },
      ],
    });
    expect(answer).toEqual({ status: 200, body: { applied: 1, unknown: ['99999999'] } });
    const after = (await ops.get('/api/terminals/by-serial/HB-0001')).body;
    expect(after).toMatchObject({
      status: 'active',
      firmwareVersion: '2.1.0',
      lastHeartbeatAt: now.toISOString(),
    });
    expect(after.history[0]).toMatchObject({
      event: 'activate',
      fromStatus: 'installed',
      toStatus: 'active',
    });
    await beat({
      heartbeats: [{ tid, at: new Date(now.getTime() - 60_000).toISOString(), firmwareVersion: '1.0.0' }],
    });
    expect((await ops.get('/api/terminals/by-serial/HB-0001')).body.firmwareVersion).toBe('2.1.0');
  });

  it('opens one relocation alert when the unit reports from elsewhere, and closes it when it is back', async () => {
    app.clock.advance(60_000);
    await beat({ heartbeats: [{ tid, at: app.clock.now().toISOString(), ...elsewhere }] });
    app.clock.advance(60_000);
    await beat({ heartbeats: [{ tid, at: app.clock.now().toISOString(), ...elsewhere }] });
    let alerts = (await ops.get('/api/terminal-alerts?status=open')).body.items;
    expect(alerts).toEqual([expect.objectContaining({ kind: 'relocated', serialNo: 'HB-0001', tid })]);
    expect(alerts[0].detail.metres).toBeGreaterThan(1900);
    const notes = (await ops.get('/api/notifications?limit=50')).body.items as { kind: string }[];
    expect(notes.filter((n) => n.kind === 'terminal.relocated')).toHaveLength(1);
    app.clock.advance(60_000);
    await beat({ heartbeats: [{ tid, at: app.clock.now().toISOString(), ...shop }] });
    alerts = (await ops.get('/api/terminal-alerts?status=open')).body.items;
    expect(alerts).toEqual([]);
  });

  it('opens one offline alert for a silent unit and closes it when it is heard again', async () => {
    expect(await runOfflineJob()).toBe(0);
    app.clock.advance(31 * 60_000);
    ops = await app.as('ops');
    expect(await runOfflineJob()).toBe(1);
    expect(await runOfflineJob()).toBe(0);
    expect((await ops.get('/api/terminal-alerts?status=open')).body.items).toEqual([
      expect.objectContaining({ kind: 'offline', serialNo: 'HB-0001' }),
    ]);
    await beat({ heartbeats: [{ tid, at: app.clock.now().toISOString() }] });
    expect((await ops.get('/api/terminal-alerts?status=open')).body.items).toEqual([]);
    const closed = (await ops.get('/api/terminal-alerts?status=closed')).body.items as {
      kind: string;
      closedReason: string;
    }[];
    expect(closed.map((a) => [a.kind, a.closedReason]).sort()).toEqual([
      ['offline', 'heard again'],
      ['relocated', 'back at its install address'],
    ]);
  });

  it('opens a work order from an alert, and a retrieval brings the unit back to stock, unbound', async () => {
    app.clock.advance(31 * 60_000);
    ops = await app.as('ops');
    expect(await runOfflineJob()).toBe(1);
    const alert = (await ops.get('/api/terminal-alerts?status=open')).body.items[0];
    const repair = await ops.post(`/api/terminal-alerts/${alert.id}/work-order`);
    expect(repair.status, JSON.stringify(repair.body)).toBe(201);
    expect(repair.body.kind).toBe('repair');
    const unit = (await ops.get('/api/terminals/by-serial/HB-0001')).body;
    const retrieval = await ops.post(`/api/terminals/${unit.id}/work-orders`, {
      kind: 'retrieval',
      note: '商户停业撤机',
    });
    expect(retrieval.status).toBe(201);
    const engineer = await app.as('engineer');
    const done = await signOff(app, engineer, retrieval.body.id, { result: '已撤回，机具完好' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const back = (await ops.get('/api/terminals/by-serial/HB-0001')).body;
    expect(back).toMatchObject({ status: 'in_stock', merchantId: null, tid: null, binding: null });
    expect(back.warehouseName).toContain('朝阳');
    expect(back.history[0]).toMatchObject({
      event: 'retrieve',
      detail: expect.objectContaining({ unbound: expect.objectContaining({ tid }) }),
    });
    // Its TID no longer answers.
    expect((await beat({ heartbeats: [{ tid, at: app.clock.now().toISOString() }] })).body).toEqual({
      applied: 0,
      unknown: [tid],
    });
  });
});
