import {
  createLink,
  DEMO_MID,
  DEMO_TMK,
  type ExchangeEvent,
  keyCheckValue,
  runLoad,
  SimTerminal,
  type TxnOutcome,
  testCards,
} from '@posops/terminal-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';

/**
 * The terminal simulator (apps/terminal-sim) against the real host: sign-on with the demo chain store's
 * published TMK, heartbeats into the ledger, and every financial message type answered well-formed. The
 * financial pipeline is being built: approval is not asserted here, only the protocol's form of the
 * answers (matching STAN, a 2-character field 39, a MAC that verifies whenever one is sent).
 */

let app: TestApp;
const events: ExchangeEvent[] = [];
const terminals: SimTerminal[] = [];
const FIRMWARE = '1.6.2';

beforeAll(async () => {
  app = await startTestApp({}, { demoActivity: true });
  for (let i = 0; i < 4; i++) {
    terminals.push(
      new SimTerminal({
        tid: String(10_000_001 + i),
        mid: DEMO_MID,
        tmk: DEMO_TMK,
        link: createLink(i % 2 === 0 ? 'persistent' : 'per-transaction', {
          host: '127.0.0.1',
          port: app.terminalPort,
        }),
        timeoutMs: 20_000,
        retryMs: 500,
        status: {
          position: `${(39.9219 + i / 10_000).toFixed(6)},116.443600`,
          firmware: FIRMWARE,
          serialNo: `PAXS90-900000${String(i).padStart(2, '0')}`,
        },
        onExchange: (e) => events.push(e),
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(terminals.map((t) => t.close()));
  await app?.stop();
});

describe('the terminal simulator against the host', () => {
  it('signs the demo chain store’s terminals on with the published TMK, taking keys whose check values match', async () => {
    expect(keyCheckValue(Buffer.from(DEMO_TMK, 'hex')).toString('hex').toUpperCase()).toBe('08D7B4FB');
    const results = await Promise.all(terminals.map((t) => t.signOn()));
    for (const result of results) expect(result).toMatchObject({ ok: true, batch: 1 });
    expect(terminals.every((t) => t.signedOn)).toBe(true);
    const rows = await app.db
      .selectFrom('terminal_sessions')
      .select(['tid', 'pik_check_value', 'mak_check_value'])
      .where(
        'tid',
        'in',
        terminals.map((t) => t.tid),
      )
      .orderBy('tid')
      .execute();
    // The check values the terminals verified are those of the keys the host keeps.
    expect(rows.map((r) => [r.pik_check_value, r.mak_check_value])).toEqual(
      results.map((r) => (r.ok ? [r.pikCheck, r.makCheck] : [])),
    );
  });

  it('sends heartbeats the ledger takes: firmware version, position and last seen', async () => {
    const beats = await Promise.all(terminals.map((t) => t.heartbeat()));
    for (const beat of beats) expect(beat).toMatchObject({ mti: '0820', code: '00', error: null });
    const units = await app.db
      .selectFrom('terminals')
      .select(['tid', 'serial_no', 'firmware_version', 'last_heartbeat_at'])
      .where(
        'tid',
        'in',
        terminals.map((t) => t.tid),
      )
      .orderBy('tid')
      .execute();
    expect(units).toHaveLength(4);
    for (const unit of units) {
      expect(unit.firmware_version).toBe(FIRMWARE);
      expect(unit.last_heartbeat_at).not.toBeNull();
    }
  });

  it('gets a well-formed answer to every financial message type: its STAN, a 2-character 39, a valid MAC when sent', async () => {
    const [t] = terminals;
    const card = { card: testCards[0]!, entry: 'chip' as const, pin: true };
    const outcomes: TxnOutcome[] = [];
    const run = async (o: Promise<TxnOutcome>) => {
      const outcome = await o;
      outcomes.push(outcome);
      return outcome;
    };
    const bought = await run(t!.purchase({ amountFen: 12_300n, card }));
    await run(
      t!.purchase({ amountFen: 4_500n, card: { card: testCards[3]!, entry: 'magstripe', pin: true } }),
    );
    await run(
      t!.purchase({ amountFen: 800n, card: { card: testCards[4]!, entry: 'contactless', pin: false } }),
    );
    await run(t!.purchase({ amountFen: 1_000n, card: { card: testCards[5]!, entry: 'manual', pin: false } }));
    await run(t!.purchaseByQr({ amountFen: 2_600n, qr: '281234567890123456' }));
    await run(t!.balance(card));
    await run(t!.void(bought.entry!));
    await run(t!.refund(bought.entry!, 300n));
    const hold = await run(t!.preAuth({ amountFen: 50_000n, card }));
    const completion = await run(t!.completion(hold.entry!, 45_000n));
    await run(t!.completionVoid(completion.entry!));
    await run(t!.preAuthCancel(hold.entry!));
    // The same request again (same STAN and content): answered like the first time.
    const repeated = await t!.repeat(bought.entry!);
    expect(repeated).toMatchObject({ stan: bought.entry!.stan, error: null });
    expect(repeated.code).toMatch(/^[0-9A-Z]{2}$/);
    // Messages that break a packing rule but whose header and STAN are readable: 30.
    for (const problem of ['truncated', 'bad_bcd'] as const)
      expect(await t!.malformed(problem)).toMatchObject({ code: '30', error: null });
    // A purchase whose answer the terminal "loses": it reverses it (0400, 98) until the host answers.
    const lost = await run(t!.purchase({ amountFen: 3_300n, card, loseAnswer: true }));
    const reversal = await lost.followUp;
    const settlement = await t!.settle({ flushMs: 20_000, attempts: 1 });

    for (const outcome of outcomes) {
      expect(outcome.entry).not.toBeNull();
      expect(outcome.event!.code).toMatch(/^[0-9A-Z]{2}$/);
      expect(outcome.event!.error === null || outcome.event!.error === 'mac').toBe(true);
    }
    const financial = events.filter((e) => e.financial);
    // Every request got an answer with its own STAN (the link matches answers by type and STAN).
    expect(financial.filter((e) => e.error === 'timeout' || e.error === 'connection')).toEqual([]);
    expect(financial.filter((e) => e.error === 'format')).toEqual([]);
    // A MAC the host sends verifies under the MAK it issued.
    expect(financial.filter((e) => e.mac === 'bad')).toEqual([]);
    expect(reversal?.code).toMatch(/^[0-9A-Z]{2}$/);
    expect(settlement.code).toMatch(/^[0-9A-Z]{2}$/);
    expect(financial.map((e) => e.mti)).toEqual(
      expect.arrayContaining(['0200', '0220', '0100', '0400', '0500']),
    );
  }, 120_000);

  it('runs a short load of the four terminals, both connection kinds, with every arrival answered', async () => {
    const report = await runLoad({
      host: '127.0.0.1',
      port: app.terminalPort,
      terminals: 4,
      connection: 'mixed',
      rate: 20,
      durationSeconds: 2,
      seed: 2026,
      stanFrom: 500_000,
      timeoutMs: 20_000,
      firmware: FIRMWARE,
    });
    expect(report).toMatchObject({ bench: 'host', signed_on: 4, offered: 40, dropped: 0, accepted: 40 });
    expect(report.errors).toMatchObject({
      timeouts: 0,
      mac_failures: 0,
      format_errors: 0,
      connection_errors: 0,
    });
    expect(report.errors.key_check_failures).toBe(0);
    expect(Object.values(report.codes).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(40);
  }, 120_000);
});
