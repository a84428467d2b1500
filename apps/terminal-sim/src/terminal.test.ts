import { type IsoMessage, parseBatchTotals, parseField60 } from '@posops/iso8583';
import { describe, expect, it } from 'vitest';
import { hotlistedCards, testCards } from './cards';
import { pinBlockFormat0, tripleDesDecrypt } from './keys';
import { StubHost, type StubHostOptions } from './stub-host';
import { type ExchangeEvent, SimTerminal, type TerminalOptions } from './terminal';

const TMK = '0123456789ABCDEFFEDCBA9876543210';
const card = testCards[0]!;
const chip = { card, entry: 'chip' as const, pin: true };

function setUp(host: Partial<StubHostOptions> = {}, terminal: Partial<TerminalOptions> = {}) {
  const stub = new StubHost({ tmk: TMK, ...host });
  const events: ExchangeEvent[] = [];
  const lines: string[] = [];
  const t = new SimTerminal({
    tid: '10000001',
    mid: '898310054110001',
    tmk: TMK,
    link: stub.transport(),
    timeoutMs: 20,
    retryMs: 5,
    onExchange: (e) => events.push(e),
    log: (line) => lines.push(line),
    ...terminal,
  });
  const sent = (mti?: string) => stub.requests.map((r) => r.message).filter((m) => !mti || m.mti === mti);
  return { stub, t, events, lines, sent };
}

const field = (m: IsoMessage | undefined, id: number) => m?.fields[id];

describe('a simulated terminal against a scripted host', () => {
  it('signs on: takes PIK and MAK after checking their check values, and the host’s batch', async () => {
    const { t, stub } = setUp();
    const result = await t.signOn();
    expect(result).toMatchObject({ ok: true, batch: 7 });
    expect(t.signedOn).toBe(true);
    expect(t.batch).toBe(7);
    // The PIN block of the next purchase opens under the PIK the host issued.
    await t.purchase({ amountFen: 1_000n, card: chip });
    const block = field(stub.requests.at(-1)!.message, 52) as Uint8Array;
    expect(tripleDesDecrypt(stub.clearPik, block).equals(pinBlockFormat0('123456', card.pan))).toBe(true);
  });

  it.each(['pik', 'mak'] as const)(
    'refuses session keys whose %s check value does not match',
    async (which) => {
      const { t, events } = setUp({ badCheckValue: which });
      const result = await t.signOn();
      expect(result).toEqual({ ok: false, reason: `${which}_check_value` });
      expect(t.signedOn).toBe(false);
      expect(events.at(-1)!.error).toBe('key_check');
      // Without keys, nothing financial goes out.
      const outcome = await t.purchase({ amountFen: 100n, card: chip });
      expect(outcome.entry).toBeNull();
    },
  );

  it('MACs every financial request so the host verifies it, and verifies every answer’s MAC', async () => {
    const { t, stub, events } = setUp();
    await t.signOn();
    const bought = await t.purchase({ amountFen: 5_000n, card: chip });
    await t.purchaseByQr({ amountFen: 800n, qr: '281234567890123456' });
    await t.balance(chip);
    await t.void(bought.entry!);
    const other = await t.purchase({
      amountFen: 7_000n,
      card: { ...chip, entry: 'contactless', pin: false },
    });
    await t.refund(other.entry!, 1_000n);
    const hold = await t.preAuth({ amountFen: 20_000n, card: chip });
    const done = await t.completion(hold.entry!, 18_000n);
    await t.completionVoid(done.entry!);
    const hold2 = await t.preAuth({ amountFen: 9_000n, card: chip });
    await t.preAuthCancel(hold2.entry!);
    await t.settle();
    const financial = stub.requests.filter((r) => r.macValid !== null);
    expect(financial.map((r) => r.message.mti)).toEqual([
      ...['0200', '0200', '0200', '0200', '0200', '0220', '0100', '0200', '0200', '0100', '0100', '0500'],
    ]);
    expect(financial.every((r) => r.macValid)).toBe(true);
    const answers = events.filter((e) => e.financial);
    expect(answers.every((e) => e.mac === 'valid' && e.code === '00' && e.error === null)).toBe(true);
  });

  it('counts a bad answer MAC as an error and reverses an approval it cannot trust (06)', async () => {
    const { t, sent, events } = setUp({
      behave: (m, n) => (m.mti === '0200' && n === 2 ? 'bad_mac' : 'answer'),
    });
    await t.signOn();
    const outcome = await t.purchase({ amountFen: 3_300n, card: chip });
    expect(outcome.event).toMatchObject({ mac: 'bad', error: 'mac', code: '00' });
    await outcome.followUp;
    const reversal = sent('0400')[0];
    expect(field(reversal, 39)).toBe('06');
    expect(field(reversal, 11)).toBe(outcome.entry!.stan);
    expect(outcome.entry!.state).toBe('reversed');
    expect(events.filter((e) => e.error === 'mac')).toHaveLength(1);
  });

  it('reverses a purchase left unanswered (98), the same STAN, batch, amount and processing code, until answered', async () => {
    let reversals = 0;
    const { t, sent } = setUp({
      behave: (m) => {
        if (m.mti === '0200') return 'drop';
        if (m.mti === '0400' && ++reversals <= 2) return 'drop';
        return 'answer';
      },
    });
    await t.signOn();
    const outcome = await t.purchase({ amountFen: 6_600n, card: chip });
    expect(outcome.event?.error).toBe('timeout');
    expect(outcome.entry!.state).toBe('reversing');
    const answered = await outcome.followUp;
    expect(answered?.attempt).toBe(3);
    const [original] = sent('0200');
    const attempts = sent('0400');
    expect(attempts).toHaveLength(3);
    for (const r of attempts) {
      for (const id of [3, 4, 11, 13, 60]) expect(field(r, id)).toEqual(field(original, id));
      expect(field(r, 39)).toBe('98');
    }
    expect(outcome.entry!.state).toBe('reversed');
  });

  it('reverses a purchase whose answer it is told to lose', async () => {
    const { t, sent } = setUp();
    await t.signOn();
    const outcome = await t.purchase({ amountFen: 1_200n, card: chip, loseAnswer: true });
    expect(outcome.event?.code).toBe('00');
    await outcome.followUp;
    expect(field(sent('0400')[0], 39)).toBe('98');
    expect(t.journal.totals(t.batch).purchaseCount).toBe(0);
  });

  it('never reverses a refund: an unanswered 0220 advice is sent again, the same, until answered', async () => {
    let refunds = 0;
    const { t, sent } = setUp({ behave: (m) => (m.mti === '0220' && ++refunds === 1 ? 'drop' : 'answer') });
    await t.signOn();
    const bought = await t.purchase({ amountFen: 9_900n, card: chip });
    const refund = await t.refund(bought.entry!, 900n);
    expect(refund.entry!.state).toBe('unanswered');
    await refund.followUp;
    expect(sent('0400')).toHaveLength(0);
    const advices = sent('0220');
    expect(advices).toHaveLength(2);
    expect(advices[1]!.fields[11]).toBe(advices[0]!.fields[11]);
    expect(advices[1]!.fields[4]).toBe(advices[0]!.fields[4]);
    expect(refund.entry!).toMatchObject({ state: 'answered', code: '00' });
  });

  it('names real originals: a void carries the purchase’s RRN (37) and batch, STAN and date (61)', async () => {
    const { t, sent } = setUp();
    await t.signOn();
    const bought = await t.purchase({ amountFen: 4_400n, card: chip });
    await t.void(bought.entry!);
    const voidRequest = sent('0200').at(-1)!;
    expect(voidRequest.fields[37]).toBe(bought.entry!.rrn);
    expect(voidRequest.fields[61]).toBe(`000007${bought.entry!.stan}${bought.entry!.date}`);
    expect(t.journal.voidable(t.batch)).toHaveLength(0);
  });

  it('settles with totals of approved purchases, QR and completions, voids excluded, refunds counted', async () => {
    const { t, sent } = setUp({
      behave: (m) => (m.mti === '0200' && m.fields[4] === '000000001051' ? { code: '51' } : 'answer'),
    });
    await t.signOn();
    const a = await t.purchase({ amountFen: 10_000n, card: chip });
    await t.purchase({ amountFen: 20_000n, card: chip });
    await t.purchaseByQr({ amountFen: 3_000n, qr: '134567890123456789' });
    await t.purchase({ amountFen: 1_051n, card: chip }); // declined 51
    await (await t.purchase({ amountFen: 7_000n, card: chip, loseAnswer: true })).followUp; // reversed
    await t.void(a.entry!);
    const b = await t.purchase({ amountFen: 5_000n, card: chip });
    await t.refund(b.entry!, 1_500n);
    const hold = await t.preAuth({ amountFen: 40_000n, card: chip });
    await t.completion(hold.entry!, 35_000n);
    const result = await t.settle();
    const expected = { purchaseCount: 4, purchaseAmount: 63_000n, refundCount: 1, refundAmount: 1_500n };
    expect(result).toMatchObject({ ok: true, code: '00', batch: 7, totals: expected, balanced: true });
    expect(parseBatchTotals(sent('0500')[0]!.fields[48] as string)).toEqual(expected);
  });

  it('opens the next batch after settlement: batch + 1, STANs from 000001 again', async () => {
    const { t, sent } = setUp();
    await t.signOn();
    await t.purchase({ amountFen: 100n, card: chip });
    expect(t.batch).toBe(7);
    await t.settle();
    expect(t.batch).toBe(8);
    expect(t.stan).toBe(1);
    await t.purchase({ amountFen: 200n, card: chip });
    const next = sent('0200').at(-1)!;
    expect(next.fields[11]).toBe('000001');
    expect(parseField60(next.fields[60] as string)?.batch).toBe('000008');
    expect(t.journal.totals(8)).toMatchObject({ purchaseCount: 1, purchaseAmount: 200n });
  });

  it('increments its STAN with every message and wraps from 999999 to 000001', async () => {
    const { t, sent } = setUp({}, { stanStart: 999_998 });
    await t.signOn();
    await t.heartbeat();
    await t.purchase({ amountFen: 100n, card: chip });
    expect(sent().map((m) => m.fields[11])).toEqual(['999998', '999999', '000001']);
  });

  it('signs on again after 97, A0 or 77 before its next request', async () => {
    const { t, sent } = setUp({
      behave: (m, n) => (m.mti === '0200' && n === 2 ? { code: 'A0' } : 'answer'),
    });
    await t.signOn();
    await t.purchase({ amountFen: 100n, card: chip });
    expect(t.signedOn).toBe(false);
    await t.purchase({ amountFen: 200n, card: chip });
    expect(sent().map((m) => m.mti)).toEqual(['0800', '0200', '0800', '0200']);
  });

  it('prints card numbers masked only', async () => {
    const { t, lines } = setUp();
    await t.signOn();
    for (const c of [...testCards, ...hotlistedCards])
      await t.purchase({ amountFen: 100n, card: { card: c, entry: 'manual', pin: false } });
    expect(lines.length).toBeGreaterThan(testCards.length);
    const text = lines.join('\n');
    for (const c of [...testCards, ...hotlistedCards]) expect(text).not.toContain(c.pan);
    expect(text).toContain('622202*********0017');
  });

  it('keeps its journal bounded: older batches go first, the current batch stays whole', async () => {
    const { t } = setUp({}, { journalMax: 5 });
    await t.signOn();
    for (let i = 0; i < 4; i++) await t.purchase({ amountFen: 100n, card: chip });
    await t.settle();
    for (let i = 0; i < 4; i++) await t.purchase({ amountFen: 200n, card: chip });
    expect(t.journal.size).toBe(5);
    expect(t.journal.all().filter((e) => e.batch === 8)).toHaveLength(4);
    expect(t.journal.totals(8)).toMatchObject({ purchaseCount: 4, purchaseAmount: 800n });
  });

  it('repeats a request exactly, and sends malformed ones the host can still answer (30)', async () => {
    const { t, stub } = setUp();
    await t.signOn();
    const bought = await t.purchase({ amountFen: 2_000n, card: chip });
    const again = await t.repeat(bought.entry!);
    expect(again).toMatchObject({ stan: bought.entry!.stan, code: '00', error: null });
    const [first, second] = stub.requests
      .filter((r) => r.message.mti === '0200')
      .map((r) => r.message.fields);
    expect(second).toEqual(first);
    for (const problem of ['truncated', 'bad_bcd'] as const) {
      const event = await t.malformed(problem);
      expect(event).toMatchObject({ kind: 'malformed', code: '30', error: null });
    }
  });
});
