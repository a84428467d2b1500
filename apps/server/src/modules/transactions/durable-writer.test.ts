import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';
import { createDurableWriter, type TransactionRecord } from './durable-writer';

let app: TestApp;
let merchant: { id: string; org_id: string; mid: string };
let terminalId: string;

beforeAll(async () => {
  app = await startTestApp();
  // Any org and ids will do for the storage itself: the table references nothing.
  const org = await app.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
  merchant = { id: randomUUID(), org_id: org.id, mid: '898110158120001' };
  terminalId = randomUUID();
});
afterAll(async () => {
  await app?.stop();
});

const record = (stan: number, extra: Partial<TransactionRecord> = {}): TransactionRecord => ({
  id: randomUUID(),
  merchant_id: merchant.id,
  host_at: app.clock.now(),
  org_id: merchant.org_id,
  terminal_id: terminalId,
  tid: '10100001',
  mid: merchant.mid,
  batch_no: 1,
  stan: String(stan).padStart(6, '0'),
  local_date: '1125',
  local_time: '101010',
  business_date: '2026-11-25',
  kind: 'purchase',
  method: 'card',
  entry_mode: '051',
  pin_entered: true,
  amount_minor: 100n,
  currency: '156',
  pan_masked: '622588******8901',
  pan_bin: '622588',
  pan_hash: 'h',
  rrn: String(100000000000 + stan),
  auth_code: 'A12345',
  response_code: '00',
  approved: true,
  decline_step: null,
  decline_reason: null,
  original_id: null,
  original_rrn: null,
  channel: 'sim',
  channel_response: '00',
  request_digest: `digest-${stan}`,
  timeline: JSON.stringify([{ step: 'decode', outcome: 'ok', atUs: 0 }]),
  latency_us: 1000,
  ...extra,
});

describe('durable writer (批量落库)', () => {
  it('commits many concurrent records in few batches, each promise settling after its commit', async () => {
    const writer = createDurableWriter(app.db, { windowMs: 5, maxBatch: 200 });
    const records = Array.from({ length: 1000 }, (_, i) => record(i + 1));
    const outcomes = await Promise.all(records.map((r) => writer.write(r)));
    expect(outcomes.every((o) => o.saved)).toBe(true);
    const { n } = await app.db
      .selectFrom('transactions')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .where('terminal_id', '=', terminalId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1000);
    expect(writer.stats().batches).toBeLessThanOrEqual(10);
  });

  it('saves a request once: its copies, in the same batch or later, are told which one holds it', async () => {
    const writer = createDurableWriter(app.db, { windowMs: 5 });
    const copies = [record(5001), record(5001), record(5001)];
    const outcomes = await Promise.all(copies.map((r) => writer.write(r)));
    const saved = outcomes.filter((o) => o.saved);
    expect(saved).toHaveLength(1);
    const first = copies[outcomes.findIndex((o) => o.saved)]!.id;
    expect(outcomes.filter((o) => !o.saved)).toEqual([
      { saved: false, duplicateOf: first },
      { saved: false, duplicateOf: first },
    ]);
    expect(await writer.write(record(5001))).toEqual({ saved: false, duplicateOf: first });
    // A reversal shares the original's STAN: it is another request.
    expect(await writer.write(record(5001, { kind: 'reversal' }))).toEqual({ saved: true });
  });

  it('refuses only the record the database refuses; its batch neighbours are saved', async () => {
    const writer = createDurableWriter(app.db, { windowMs: 20 });
    const good = record(7001);
    const bad = record(7002, { rrn: 'not-an-rrn' });
    const results = await Promise.allSettled([writer.write(good), writer.write(bad)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const left = await app.db
      .selectFrom('transactions')
      .select('id')
      .where('id', 'in', [good.id, bad.id])
      .execute();
    expect(left).toEqual([{ id: good.id }]);
    // The writer carries on.
    expect(await writer.write(record(7003))).toEqual({ saved: true });
  });
});
