import { type IsoMessage, parseField62 } from '@posops/iso8583';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';
import { TerminalClient, TPDU } from '../../../test/terminal-client';
import { keyCheckValue, tripleDesDecrypt } from '../security';

let app: TestApp;
const DEMO_TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');

beforeAll(async () => {
  app = await startTestApp({}, { demoActivity: true });
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe('the protocol’s demo chain store (demo mode)', () => {
  it('has MID 898310054110001 active with TIDs 10000001–10000064, each keyed with the published test TMK', async () => {
    const merchant = await app.db
      .selectFrom('merchants')
      .select(['id', 'status', 'name'])
      .where('mid', '=', '898310054110001')
      .executeTakeFirstOrThrow();
    expect(merchant.status).toBe('active');
    // Limits that leave room for load tests (the protocol page's demo section).
    const limits = await app.db
      .selectFrom('merchants')
      .select(['single_limit_minor', 'daily_limit_minor'])
      .where('id', '=', merchant.id)
      .executeTakeFirstOrThrow();
    expect(limits.daily_limit_minor).toBeGreaterThanOrEqual(10_000_000_000n);
    const units = await app.db
      .selectFrom('terminals')
      .select(['tid', 'status', 'tmk_check_value'])
      .where('merchant_id', '=', merchant.id)
      .orderBy('tid')
      .execute();
    expect(units).toHaveLength(64);
    expect(units[0]!.tid).toBe('10000001');
    expect(units.at(-1)!.tid).toBe('10000064');
    expect(new Set(units.map((u) => u.tmk_check_value))).toEqual(new Set(['08D7B4FB']));
    expect(new Set(units.map((u) => u.status))).toEqual(new Set(['active']));
  });

  it('signs on any of its terminals with the test key over ISO 8583', async () => {
    const client = await TerminalClient.open(app.terminalPort);
    for (const [stan, tid] of [
      ['000001', '10000001'],
      ['000002', '10000064'],
    ] as const) {
      const request: IsoMessage = {
        tpdu: TPDU,
        mti: '0800',
        fields: { 11: stan, 41: tid, 42: '898310054110001', 60: '00000000004' },
      };
      const answer = await client.request(request);
      expect(answer.fields[39]).toBe('00');
      const keys = parseField62(answer.fields[62] as Uint8Array)!;
      const mak = tripleDesDecrypt(DEMO_TMK, Buffer.from(keys.mak));
      expect(keyCheckValue(mak)).toBe(Buffer.from(keys.makCheck).toString('hex').toUpperCase());
    }
    await client.close();
  });
});
