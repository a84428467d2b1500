import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { activeMerchant } from '../../../test/merchant-fixtures';
import { loadConfig } from '../../platform/config';
import { inspectionMonthsOf } from './inspections.service';

let app: TestApp;
let ops: Client;
let merchantId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  app = await startTestApp();
  ({ merchantId } = await activeMerchant(app, '9144030071526726XG', '北京朝阳巡检测试餐厅', 'INSP-0001'));
  ops = await app.as('ops');
});
afterAll(async () => {
  await app?.stop();
});

const run = () => app.jobs.find((j) => j.name === 'merchants.inspection-plans')!.run();
const inspections = async () => {
  ops = await app.as('ops');
  return (
    (await ops.get('/api/work-orders?kind=inspection&limit=100')).body.items as {
      merchantId: string;
      status: string;
    }[]
  ).filter((w) => w.merchantId === merchantId);
};

describe('inspection plans (定期巡检)', () => {
  it('opens one inspection when the grade’s interval has passed since going live, and no second while it is open', async () => {
    const merchant = (await ops.get(`/api/merchants/${merchantId}`)).body;
    const months = merchant.inspectionMonths as number;
    expect(await run()).toBe(0);
    app.clock.advance((months * 31 - 1) * DAY);
    expect(await run()).toBe(1);
    expect(await inspections()).toEqual([expect.objectContaining({ status: 'open' })]);
    expect(await run()).toBe(0);
    // Still open: no second one, however long it waits.
    app.clock.advance(months * 31 * DAY);
    expect(await run()).toBe(0);
    expect(await inspections()).toHaveLength(1);
  });

  it('takes the interval from configuration when set', () => {
    const config = loadConfig({ INSPECTION_MONTHS: 'A=12,B=6,C=3,D=1' });
    expect(inspectionMonthsOf(config, 'D', 3)).toBe(1);
    expect(inspectionMonthsOf(loadConfig({}), 'D', 3)).toBe(3);
    expect(() => loadConfig({ INSPECTION_MONTHS: 'A=twelve' })).toThrow(/INSPECTION_MONTHS/);
  });
});
