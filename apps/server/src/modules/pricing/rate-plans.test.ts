import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { feeFor, ratePlanById, seedRatePlans } from './index';

let app: TestApp;
let frontdesk: Client;

beforeAll(async () => {
  app = await startTestApp();
  frontdesk = await app.as('frontdesk');
});
afterAll(async () => {
  await app?.stop();
});

const codes = (body: { items: { code: string }[] }) => body.items.map((p) => p.code);

describe('the rate plan catalogue (费率方案)', () => {
  it('is seeded with the active plans; the retired 2013 plan only on request', async () => {
    const active = await frontdesk.get('/api/rate-plans');
    expect(active.status).toBe(200);
    expect(codes(active.body).sort()).toEqual(['DINING', 'ESSENTIALS', 'SMALL-PROMO', 'STD', 'WELFARE']);
    const standard = active.body.items.find((p: { code: string }) => p.code === 'STD');
    expect(standard).toMatchObject({
      name: '标准费率',
      nameEn: 'Standard',
      status: 'active',
      currency: 'CNY',
      debitRatePpm: 5500,
      debitCapMinor: '2000',
      creditRatePpm: 6000,
      qrRatePpm: 3800,
      mccCategory: null,
      effectiveFrom: '2016-09-06',
    });
    const welfare = active.body.items.find((p: { code: string }) => p.code === 'WELFARE');
    expect(welfare).toMatchObject({ debitRatePpm: 0, debitCapMinor: null, creditRatePpm: 0, qrRatePpm: 0 });
    const all = await frontdesk.get('/api/rate-plans?status=all');
    expect(codes(all.body)).toContain('DINING-2013');
    const retired = await frontdesk.get('/api/rate-plans?status=retired');
    expect(codes(retired.body)).toEqual(['DINING-2013']);
  });

  it('filters by MCC or pricing class: the class’s own plans first, then those for any class', async () => {
    const restaurant = await frontdesk.get('/api/rate-plans?mcc=5812');
    expect(restaurant.status).toBe(200);
    expect(codes(restaurant.body)).toEqual(['DINING', 'SMALL-PROMO', 'STD']);
    const supermarket = await frontdesk.get('/api/rate-plans?mcc=5411');
    expect(codes(supermarket.body)).toEqual(['ESSENTIALS', 'SMALL-PROMO', 'STD']);
    const welfare = await frontdesk.get(`/api/rate-plans?mccCategory=${encodeURIComponent('公益类')}`);
    expect(codes(welfare.body)).toEqual(['WELFARE', 'SMALL-PROMO', 'STD']);
    const wholesale = await frontdesk.get(`/api/rate-plans?mccCategory=${encodeURIComponent('批发类')}`);
    expect(codes(wholesale.body)).toEqual(['SMALL-PROMO', 'STD']);
  });

  it('names the field of a bad filter', async () => {
    const unknown = await frontdesk.get('/api/rate-plans?mcc=0000');
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual({ mcc: 'unknown MCC' });
    const mismatch = await frontdesk.get(
      `/api/rate-plans?mcc=5812&mccCategory=${encodeURIComponent('民生类')}`,
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.fields.mcc).toMatch(/5812 is 餐娱类/);
    const notAClass = await frontdesk.get(`/api/rate-plans?mccCategory=${encodeURIComponent('奢侈类')}`);
    expect(notAClass.status).toBe(400);
    expect(Object.keys(notAClass.body.fields)).toEqual(['mccCategory']);
  });

  it('shows one plan, 404 for an unknown id, 403 without ratePlan.read', async () => {
    const list = await frontdesk.get('/api/rate-plans');
    const dining = list.body.items.find((p: { code: string }) => p.code === 'DINING');
    const one = await frontdesk.get(`/api/rate-plans/${dining.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(dining);
    expect((await frontdesk.get('/api/rate-plans/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const engineer = await app.as('engineer');
    const refused = await engineer.get('/api/rate-plans');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });

  it('seeds idempotently and keeps an administrator’s edit', async () => {
    await app.db
      .updateTable('rate_plans')
      .set({ name: '标准费率（调整）' })
      .where('code', '=', 'STD')
      .execute();
    const before = await app.db.selectFrom('rate_plans').select(['code', 'name']).orderBy('code').execute();
    await seedRatePlans(app.db);
    await seedRatePlans(app.db);
    const after = await app.db.selectFrom('rate_plans').select(['code', 'name']).orderBy('code').execute();
    expect(after).toEqual(before);
    expect(after.find((p) => p.code === 'STD')?.name).toBe('标准费率（调整）');
  });

  it('prices a transaction with a plan read from the database', async () => {
    const row = await app.db
      .selectFrom('rate_plans')
      .select('id')
      .where('code', '=', 'DINING')
      .executeTakeFirstOrThrow();
    const dining = await ratePlanById(app.db, row.id);
    expect(dining?.debitCapMinor).toBe(2_500n);
    // 688.00 yuan at a restaurant: debit 0.60% = 4.128 → 4.13; credit 0.65% = 4.472 → 4.47.
    expect(feeFor(dining!, { method: 'debit', amountMinor: 68_800n })).toBe(413n);
    expect(feeFor(dining!, { method: 'credit', amountMinor: 68_800n })).toBe(447n);
    expect(feeFor(dining!, { method: 'debit', amountMinor: 10_000_000n })).toBe(2_500n);
  });
});
