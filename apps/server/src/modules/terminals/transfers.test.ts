import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { consoleKnows } from '../../../test/messages';
import { stockTerminals, warehouseIdOf } from '../../../test/terminal-fixtures';

let app: TestApp;
let bjOps: Client;
let agent: Client;
let shOps: Client;
let bj: string;
let agentWh: string;

const serials = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

/** Units available in a warehouse: there, in stock, on no transfer. */
const available = async (warehouseId: string) =>
  Number(
    (
      await sql<{ n: bigint }>`SELECT count(*) AS n FROM terminals
        WHERE warehouse_id = ${warehouseId} AND status = 'in_stock' AND transfer_id IS NULL`.execute(app.db)
    ).rows[0]!.n,
  );

beforeAll(async () => {
  app = await startTestApp();
  bjOps = await app.as('bj.ops');
  agent = await app.as('agent');
  shOps = await app.as('sh.ops');
  bj = await warehouseIdOf(app, 'BJ');
  agentWh = await warehouseIdOf(app, 'BJAG01');
});
afterAll(async () => {
  await app?.stop();
});

describe('transfers (调拨: 下发 / 回拨)', () => {
  it('dispatches to the agent, keeps the units out of stock in transit, and the agent signs for them', async () => {
    const units = serials('DISP', 5);
    await stockTerminals(app, units, { org: 'BJ' });
    const before = await available(bj);
    const sent = await bjOps.post('/api/terminal-transfers', {
      fromWarehouseId: bj,
      toWarehouseId: agentWh,
      serialNos: units,
      reason: '代理商展业备机',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'dispatch', status: 'in_transit', units: 5, serialNos: units });
    expect(await available(bj)).toBe(before - 5);
    // In transit: neither installable nor movable.
    const unit = (await bjOps.get(`/api/terminals/by-serial/${units[0]}`)).body;
    expect(
      (await bjOps.post(`/api/terminals/${unit.id}/events`, { event: 'report_fault', reason: '运输损坏' }))
        .status,
    ).toBe(409);

    const received = await agent.post(`/api/terminal-transfers/${sent.body.id}/receive`);
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    expect(received.body.status).toBe('received');
    expect(await available(agentWh)).toBe(5);
    const arrived = (await agent.get(`/api/terminals/by-serial/${units[0]}`)).body;
    expect(arrived).toMatchObject({ warehouseId: agentWh, status: 'in_stock' });
    expect(arrived.history.slice(0, 2).map((h: { event: string }) => h.event)).toEqual([
      'receive_transfer',
      'dispatch',
    ]);
    expect((await agent.post(`/api/terminal-transfers/${sent.body.id}/cancel`)).status).toBe(409);

    // 回拨: the branch recalls two of them.
    const recalled = await bjOps.post('/api/terminal-transfers', {
      fromWarehouseId: agentWh,
      toWarehouseId: bj,
      serialNos: units.slice(0, 2),
      reason: '代理商退回',
    });
    expect(recalled.body).toMatchObject({ kind: 'recall', units: 2 });
    // The sender does not sign for the arrival (双人); another person covering the destination does.
    const selfSigned = await bjOps.post(`/api/terminal-transfers/${recalled.body.id}/receive`);
    expect(selfSigned.status).toBe(403);
    expect(selfSigned.body.message).toMatch(/sender cannot sign/);
    const ops = await app.as('ops');
    expect((await ops.post(`/api/terminal-transfers/${recalled.body.id}/receive`)).status).toBe(200);
    expect(await available(agentWh)).toBe(3);
  });

  it('names the units it cannot take and takes none; a withdrawn transfer leaves the units where they were', async () => {
    const units = serials('REFUSE', 3);
    await stockTerminals(app, units, { org: 'BJ' });
    const refused = await bjOps.post('/api/terminal-transfers', {
      fromWarehouseId: bj,
      toWarehouseId: agentWh,
      serialNos: [...units, 'NOPE-0001'],
      reason: '下发',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.serialNos).toMatch(/not available in .*: NOPE-0001$/);
    expect(refused.body.fieldMessages.serialNos).toMatchObject({
      key: 'transfer.not_available',
      params: { serials: 'NOPE-0001' },
    });
    expect(consoleKnows(refused.body.fieldMessages.serialNos.key)).toBe(true);
    const twice = await bjOps.post('/api/terminal-transfers', {
      fromWarehouseId: bj,
      toWarehouseId: agentWh,
      serialNos: [units[0], units[0]],
      reason: '下发',
    });
    expect(twice.status).toBe(400);
    expect(
      (
        await bjOps.post('/api/terminal-transfers', {
          fromWarehouseId: bj,
          toWarehouseId: bj,
          serialNos: units,
          reason: '原地',
        })
      ).status,
    ).toBe(400);
    // Shanghai cannot reach Beijing's warehouse.
    const sh = await shOps.post('/api/terminal-transfers', {
      fromWarehouseId: bj,
      toWarehouseId: await warehouseIdOf(app, 'SH'),
      serialNos: units,
      reason: '越权',
    });
    expect(sh.status).toBe(400);
    expect(sh.body.fields.fromWarehouseId).toBe('not found');

    const sent = await bjOps.post('/api/terminal-transfers', {
      fromWarehouseId: bj,
      toWarehouseId: agentWh,
      serialNos: units,
      reason: '下发',
    });
    const cancelled = await bjOps.post(`/api/terminal-transfers/${sent.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await bjOps.get(`/api/terminals/by-serial/${units[0]}`)).body.warehouseId).toBe(bj);
    expect((await agent.post(`/api/terminal-transfers/${sent.body.id}/receive`)).status).toBe(409);
  });

  it('never gives a unit to two transfers, whatever races, and never takes stock below zero', async () => {
    const pool = serials('RACE', 40);
    await stockTerminals(app, pool, { org: 'BJ' });
    const before = await available(bj);
    // 16 transfers at once, each wanting 10 units that overlap their neighbours'.
    const attempts = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        bjOps.post('/api/terminal-transfers', {
          fromWarehouseId: bj,
          toWarehouseId: agentWh,
          serialNos: Array.from({ length: 10 }, (_, k) => pool[(i * 5 + k) % pool.length]!),
          reason: `并发调拨 ${i}`,
        }),
      ),
    );
    const won = attempts.filter((a) => a.status === 201);
    expect(won.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a.status === 201 || a.status === 400 || a.status === 409)).toBe(true);
    const claimed = won.flatMap((a) => a.body.serialNos as string[]);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(await available(bj)).toBe(before - claimed.length);
    const { rows } = await sql<{ n: bigint }>`
      SELECT count(*) AS n FROM terminal_transfer_units tu JOIN terminal_transfers x ON x.id = tu.transfer_id
      WHERE x.status = 'in_transit' GROUP BY tu.terminal_id HAVING count(*) > 1`.execute(app.db);
    expect(rows).toEqual([]);
  });
});

describe('low-stock alerts (低库存预警)', () => {
  it('raises one alert when available stock falls below the minimum, and again only after it recovered', async () => {
    const hd = await warehouseIdOf(app, 'BJHD');
    const model = (await bjOps.get('/api/terminal-models')).body.items.find(
      (m: { brand: string; model: string }) => m.brand === 'Sunmi' && m.model === 'P2',
    );
    await stockTerminals(app, serials('LOW', 3), { org: 'BJHD', brand: 'Sunmi', model: 'P2' });
    const set = await bjOps.put('/api/stock-levels', { warehouseId: hd, modelId: model.id, minUnits: 5 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.items).toEqual([expect.objectContaining({ available: 3, minUnits: 5, low: true })]);
    const job = () => app.jobs.find((j) => j.name === 'terminals.low-stock')!.run();
    const lowNotes = async () =>
      ((await bjOps.get('/api/notifications?limit=100')).body.items as { kind: string }[]).filter(
        (n) => n.kind === 'terminal.low-stock',
      ).length;
    expect(await job()).toBe(1);
    expect(await job()).toBe(0);
    expect(await lowNotes()).toBe(1);
    await stockTerminals(app, serials('LOWMORE', 3), { org: 'BJHD', brand: 'Sunmi', model: 'P2' });
    expect(await job()).toBe(0);
    expect((await bjOps.get('/api/stock-levels')).body.items[0]).toMatchObject({
      available: 6,
      low: false,
      alertOpenedAt: null,
    });
    // Sending units away counts: in transit they are no longer available.
    await bjOps.post('/api/terminal-transfers', {
      fromWarehouseId: hd,
      toWarehouseId: bj,
      serialNos: serials('LOW', 2),
      reason: '支援分行',
    });
    expect(await job()).toBe(1);
    expect(await lowNotes()).toBe(2);
    expect(
      (await agent.put('/api/stock-levels', { warehouseId: hd, modelId: model.id, minUnits: 1 })).status,
    ).toBe(400);
  });
});
