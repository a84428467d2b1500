import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { consoleKnows } from '../../../test/messages';
import { warehouseIdOf } from '../../../test/terminal-fixtures';

let app: TestApp;
let procurement: Client;
let approverBj: Client;
let approverHq: Client;
let model: { id: string; unitPriceMinor: string };
let supplierId: string;
let bj: string;

const ledgerCount = async () =>
  Number((await sql<{ n: bigint }>`SELECT count(*) AS n FROM terminals`.execute(app.db)).rows[0]!.n);

beforeAll(async () => {
  app = await startTestApp();
  procurement = await app.as('procurement');
  approverBj = await app.as('approver.bj');
  approverHq = await app.as('approver.hq');
  const models = (await procurement.get('/api/terminal-models')).body.items as {
    id: string;
    brand: string;
    model: string;
    unitPriceMinor: string;
  }[];
  model = models.find((m) => m.brand === 'PAX' && m.model === 'S90')!;
  supplierId = (await procurement.get('/api/suppliers')).body.items[0].id;
  bj = await warehouseIdOf(app, 'BJ');
});
afterAll(async () => {
  await app?.stop();
});

const neededBy = () => new Date(app.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);

async function approvalOf(client: Client, no: string) {
  const inbox = (await client.get('/api/approvals?box=inbox&limit=100')).body.items as {
    id: string;
    title: string;
  }[];
  return inbox.find((r) => r.title.startsWith(no));
}

describe('procurement (采购 → 审批 → 下单 → 到货验收)', () => {
  it('takes a request through approval, order and two receipts with a reject, units entering stock', async () => {
    const requested = await procurement.post('/api/procurements', {
      modelId: model.id,
      quantity: 4,
      reason: '新商户装机备货',
      neededBy: neededBy(),
      warehouseId: bj,
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    expect(requested.body).toMatchObject({
      status: 'pending_approval',
      amountMinor: String(4n * BigInt(model.unitPriceMinor)),
    });
    // Not yet approved: cannot be ordered.
    expect(
      (await procurement.post(`/api/procurements/${requested.body.id}/order`, { supplierId })).status,
    ).toBe(409);
    const approval = await approvalOf(approverBj, requested.body.no);
    expect(approval).toBeDefined();
    expect((await approverBj.post(`/api/approvals/${approval!.id}/approve`, {})).body.status).toBe(
      'approved',
    );
    const ordered = await procurement.post(`/api/procurements/${requested.body.id}/order`, { supplierId });
    expect(ordered.body).toMatchObject({ status: 'ordered', supplierId });

    const before = await ledgerCount();
    // More than ordered: refused, nothing received.
    const tooMany = await procurement.post(`/api/procurements/${requested.body.id}/receipts`, {
      accepted: ['PS90-A1', 'PS90-A2', 'PS90-A3', 'PS90-A4', 'PS90-A5'],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields.accepted).toBe('5 accepted but only 4 of 4 still due on the order');
    expect(tooMany.body.fieldMessages.accepted).toEqual({
      key: 'procurement.too_many',
      params: { accepted: 5, outstanding: 4, quantity: 4 },
    });
    expect(consoleKnows(tooMany.body.fieldMessages.accepted.key)).toBe(true);
    expect(await ledgerCount()).toBe(before);

    const first = await procurement.post(`/api/procurements/${requested.body.id}/receipts`, {
      accepted: ['PS90-A1', 'PS90-A2', 'PS90-A3'],
      rejected: [{ serialNo: 'PS90-X9', reason: '外壳破损' }],
      firmware: '3.2.0',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      status: 'ordered',
      receivedUnits: 3,
      rejectedUnits: 1,
      outstanding: 1,
    });
    expect(await ledgerCount()).toBe(before + 3);
    const unit = (await procurement.get('/api/terminals/by-serial/PS90-A1')).body;
    expect(unit).toMatchObject({
      status: 'in_stock',
      warehouseId: bj,
      modelName: 'PAX S90',
      firmwareVersion: '3.2.0',
    });
    expect(unit.history[0].detail).toMatchObject({ procurement: requested.body.no });
    expect((await procurement.get('/api/terminals/by-serial/PS90-X9')).status).toBe(404);

    const again = await procurement.post(`/api/procurements/${requested.body.id}/receipts`, {
      accepted: ['PS90-A1'],
    });
    expect(again.status).toBe(400);
    expect(again.body.fields.accepted).toMatch(/already in the ledger: PS90-A1/);
    const last = await procurement.post(`/api/procurements/${requested.body.id}/receipts`, {
      accepted: ['PS90-A4'],
    });
    expect(last.body).toMatchObject({ status: 'received', receivedUnits: 4, outstanding: 0 });
    expect(last.body.receipts).toHaveLength(2);
    expect(
      (await procurement.post(`/api/procurements/${requested.body.id}/receipts`, { accepted: ['PS90-A5'] }))
        .status,
    ).toBe(409);
  });

  it('asks the head office as well from 100,000 yuan, and a rejection ends the request', async () => {
    const big = await procurement.post('/api/procurements', {
      modelId: model.id,
      quantity: 200,
      reason: '年度集采',
      neededBy: neededBy(),
      warehouseId: bj,
    });
    expect(big.status).toBe(201);
    const approval = await approvalOf(approverBj, big.body.no);
    expect((await approverBj.post(`/api/approvals/${approval!.id}/approve`, {})).body.status).toBe('pending');
    const hq = await approvalOf(approverHq, big.body.no);
    expect(
      (await approverHq.post(`/api/approvals/${hq!.id}/reject`, { comment: '预算不足' })).body.status,
    ).toBe('rejected');
    expect((await procurement.get(`/api/procurements/${big.body.id}`)).body.status).toBe('rejected');
    const past = await procurement.post('/api/procurements', {
      modelId: model.id,
      quantity: 1,
      reason: '补货',
      neededBy: '2020-01-01',
      warehouseId: bj,
    });
    expect(past.status).toBe(400);
    expect(past.body.fields).toHaveProperty('neededBy');
  });
});
