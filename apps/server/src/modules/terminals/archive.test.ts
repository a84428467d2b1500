import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { activeMerchant, signOff } from '../../../test/merchant-fixtures';

let app: TestApp;
let ops: Client;
let unitId: string;
let mid: string;

beforeAll(async () => {
  app = await startTestApp();
  ops = await app.as('ops');
  const m = await activeMerchant(app, '9144030071526726XG', '北京朝阳档案测试餐厅', 'ARC-0001', {
    latitude: 39.9087,
    longitude: 116.4605,
  });
  mid = m.mid;
  unitId = (await ops.get('/api/terminals/by-serial/ARC-0001')).body.id;
});
afterAll(async () => {
  await app?.stop();
});

describe('maintenance archive (维护档案)', () => {
  it('tells where the unit has been, its faults and repairs, and the field work done on it', async () => {
    const engineer = await app.as('engineer');
    const inspection = await ops.post(`/api/terminals/${unitId}/work-orders`, {
      kind: 'inspection',
      note: '巡检',
    });
    expect(inspection.status).toBe(201);
    expect((await signOff(app, engineer, inspection.body.id, { result: '机具正常' })).status).toBe(200);
    const move = (event: string, extra: object = {}) =>
      ops.post(`/api/terminals/${unitId}/events`, { event, reason: '打印机卡纸', ...extra });
    expect((await move('report_fault')).status).toBe(200);
    expect((await move('send_to_repair')).status).toBe(200);
    const repaired = await move('repaired', {
      repair: { cause: '打印头损坏', parts: '打印头', costMinor: '4500', vendor: '百富维修中心' },
    });
    expect(repaired.status, JSON.stringify(repaired.body)).toBe(200);

    const archive = await ops.get(`/api/terminals/${unitId}/archive`);
    expect(archive.status, JSON.stringify(archive.body)).toBe(200);
    const a = archive.body;
    expect(a.purchase).toMatchObject({ receivedAt: expect.any(String), warehouse: expect.any(String) });
    expect(a.locations.map((l: { kind: string }) => l.kind)).toEqual([
      'warehouse',
      'merchant',
      'repair',
      'warehouse',
    ]);
    const [stock, shop, repair, back] = a.locations;
    expect(shop).toMatchObject({
      mid,
      tid: expect.stringMatching(/^\d{8}$/),
      place: expect.stringContaining('朝阳'),
    });
    expect(stock.to).toBe(shop.from);
    expect(repair.to).toBe(back.from);
    expect(back).toMatchObject({ place: expect.stringContaining('仓库'), to: null });
    expect(a.faults).toEqual([expect.objectContaining({ reason: '打印机卡纸' })]);
    expect(a.repairs).toEqual([
      expect.objectContaining({
        cause: '打印头损坏',
        parts: '打印头',
        costMinor: '4500',
        vendor: '百富维修中心',
      }),
    ]);
    expect(a.fieldWork.map((w: { kind: string; status: string }) => [w.kind, w.status])).toEqual([
      ['install', 'completed'],
      ['inspection', 'completed'],
    ]);
    expect(a.fieldWork[0]).toMatchObject({
      testApproved: true,
      signedBy: '店长',
      engineerName: expect.any(String),
    });
    expect(a.totals).toMatchObject({ faults: 1, repairs: 1, repairCostMinor: '4500', inspections: 1 });
  });

  it('is the unit’s own: another branch does not see it', async () => {
    const shOps = await app.as('sh.ops');
    expect((await shOps.get(`/api/terminals/${unitId}/archive`)).status).toBe(404);
  });
});
