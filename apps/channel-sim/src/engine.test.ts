import type { IsoMessage } from '@posops/iso8583';
import { fixedClock } from '@posops/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChannelEngine, defaultRules } from './engine';
import type { JournalWriter } from './journal';
import { type JournalEvent, Ledger } from './ledger';
import { TEST_ACQUIRER, testRequests } from './test-client';

type Request = ReturnType<ReturnType<typeof testRequests>['purchase']>;
type Command = { op: 'refund'; fen: number } | { op: 'void' } | { op: 'reverse' } | { op: 'repeat' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('refund' as const), fen: fc.integer({ min: 1, max: 6000 }) }),
  fc.constant({ op: 'void' as const }),
  fc.constant({ op: 'reverse' as const }),
  fc.constant({ op: 'repeat' as const }),
);

function engineWithJournal() {
  const events: JournalEvent[] = [];
  const journal: JournalWriter = {
    append: (e) => {
      events.push(structuredClone(e));
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
  const ledger = new Ledger();
  const engine = new ChannelEngine(ledger, journal, {
    rules: defaultRules,
    clock: fixedClock(new Date('2026-11-25T02:00:00Z')),
    panKey: new Uint8Array(32),
    hotlist: new Map(),
  });
  const send = (r: Request) =>
    engine.handle({ tpdu: { destination: '0001', source: '0002' }, ...r } as IsoMessage);
  return { events, ledger, send };
}

const keyOf = (r: Request) => `${TEST_ACQUIRER}|${r.fields[13]}|${r.fields[11]}`;

describe('the ledger under any sequence of voids, refunds, repeats and reversals', () => {
  it('never refunds more than the original, never both voids and refunds, and the journal rebuilds the same state', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        const { events, ledger, send } = engineWithJournal();
        const req = testRequests();
        const purchase = req.purchase(10000);
        expect(send(purchase).fields[39]).toBe('00');
        const sent: Request[] = [];
        for (const c of commands) {
          const last = sent.at(-1);
          if (c.op === 'refund') sent.push(req.refund(purchase, c.fen));
          else if (c.op === 'void') sent.push(req.void(purchase));
          else if (c.op === 'reverse' && last) {
            send(req.reversal(last));
            continue;
          } else if (c.op === 'repeat' && last) {
            send(last);
            continue;
          } else continue;
          send(sent.at(-1)!);
        }
        const state = ledger.txn(keyOf(purchase))!;
        const standingRefunds = sent
          .filter((r) => r.mti === '0220')
          .map((r) => ledger.txn(keyOf(r))!)
          .filter((s) => s.event.code === '00' && !s.reversed)
          .reduce((sum, s) => sum + s.amountFen, 0n);
        expect(state.refundedFen).toBe(standingRefunds);
        expect(state.refundedFen).toBeLessThanOrEqual(10000n);
        expect(state.voidedBy !== null && state.refundedFen > 0n).toBe(false);
        const rebuilt = new Ledger();
        for (const e of events) rebuilt.apply(e);
        const again = rebuilt.txn(keyOf(purchase))!;
        expect({ r: again.refundedFen, v: again.voidedBy, x: again.reversed }).toEqual({
          r: state.refundedFen,
          v: state.voidedBy,
          x: state.reversed,
        });
        expect(rebuilt.size).toBe(ledger.size);
      }),
      { numRuns: 300 },
    );
  });
});
