import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { stockTerminals, warehouseIdOf } from '../../../test/terminal-fixtures';

let app: TestApp;
let bjOps: Client;
let approverBj: Client;

beforeAll(async () => {
  app = await startTestApp();
  bjOps = await app.as('bj.ops');
  approverBj = await app.as('approver.bj');
});
afterAll(async () => {
  await app?.stop();
});

describe('stocktake (盘点)', () => {
  it('finds missing, unexpected and misplaced units, and changes the ledger only once approved', async () => {
    const hd = await warehouseIdOf(app, 'BJHD');
    await stockTerminals(app, ['ST-1', 'ST-2', 'ST-3'], { org: 'BJHD' });
    await stockTerminals(app, ['ST-ELSEWHERE'], { org: 'BJ' });
    const started = await bjOps.post('/api/stocktakes', { warehouseId: hd });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ status: 'counting', expected: 3, pendingScans: 3 });
    expect((await bjOps.post('/api/stocktakes', { warehouseId: hd })).status).toBe(409);

    const id = started.body.id;
    await bjOps.post(`/api/stocktakes/${id}/scans`, { serialNos: ['ST-1', 'ST-2'] });
    const scanned = await bjOps.post(`/api/stocktakes/${id}/scans`, {
      serialNos: ['ST-2', 'ST-ELSEWHERE', 'ST-NOBODY'],
    });
    expect(scanned.body).toMatchObject({ scanned: 4, pendingScans: 1 });

    const reported = await bjOps.post(`/api/stocktakes/${id}/report`);
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    expect(reported.body).toMatchObject({ status: 'reported', missing: 1, unexpected: 1, wrongPlace: 1 });
    expect(reported.body.discrepancies).toEqual([
      { serialNo: 'ST-3', finding: 'missing', detail: null },
      {
        serialNo: 'ST-ELSEWHERE',
        finding: 'wrong_place',
        detail: expect.objectContaining({ status: 'in_stock' }),
      },
      { serialNo: 'ST-NOBODY', finding: 'unexpected', detail: null },
    ]);
    // Nothing moved before approval.
    expect((await bjOps.get('/api/terminals/by-serial/ST-3')).body.status).toBe('in_stock');
    expect((await bjOps.post(`/api/stocktakes/${id}/scans`, { serialNos: ['ST-3'] })).status).toBe(409);

    const inbox = (await approverBj.get('/api/approvals?box=inbox&limit=50')).body.items as {
      id: string;
      type: string;
    }[];
    const approval = inbox.find((r) => r.type === 'terminal.stocktake')!;
    expect((await approverBj.post(`/api/approvals/${approval.id}/approve`, {})).body.status).toBe('approved');
    expect((await bjOps.get(`/api/stocktakes/${id}`)).body.status).toBe('approved');
    const lost = (await bjOps.get('/api/terminals/by-serial/ST-3')).body;
    expect(lost.status).toBe('lost');
    expect(lost.history[0].detail).toMatchObject({ stocktake: started.body.no });
    const moved = (await bjOps.get('/api/terminals/by-serial/ST-ELSEWHERE')).body;
    expect(moved).toMatchObject({ status: 'in_stock', warehouseId: hd });
    // A new count can start once this one is settled.
    expect((await bjOps.post('/api/stocktakes', { warehouseId: hd })).status).toBe(201);
  });
});
