import { luhnValid } from '@posops/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { hotlistedCards, testCards } from './cards';
import { parseCommandLine } from './cli';
import { DEMO_TMK, runLoad, startBackgroundLoad } from './load';
import { approvingAmount, clockStan, defaultMix, mixPicker, parseMix, seededRandom } from './scenario';
import { StubHost } from './stub-host';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function stubOverTcp(options: ConstructorParameters<typeof StubHost>[0] = { tmk: DEMO_TMK }) {
  const stub = new StubHost(options);
  const server = await stub.listen();
  closers.push(server.close);
  return { stub, port: server.port };
}

describe('load generator', () => {
  it('runs an open-model load: offered by the rate, every arrival answered, reversals answered, batches settled', async () => {
    const { stub, port } = await stubOverTcp();
    const report = await runLoad({
      host: '127.0.0.1',
      port,
      terminals: 4,
      rate: 200,
      durationSeconds: 1,
      mix: parseMix('purchase=50,qr=10,void=10,refund=10,preauth=5,completion=5,reversal=10'),
      settle: true,
      seed: 42,
      timeoutMs: 2000,
    });
    expect(report).toMatchObject({ bench: 'host', terminals: 4, signed_on: 4, offered: 200, dropped: 0 });
    expect(report.accepted).toBe(200);
    expect(report.n).toBe(200);
    expect(report.per_second).toBeGreaterThan(0);
    expect(report.p50_ms).toBeGreaterThan(0);
    expect(report.p99_ms).toBeGreaterThanOrEqual(report.p50_ms);
    expect(report.peak_rss_mb).toBeGreaterThan(0);
    expect(report.errors).toEqual({
      timeouts: 0,
      mac_failures: 0,
      format_errors: 0,
      connection_errors: 0,
      key_check_failures: 0,
      sign_on_failures: 0,
    });
    expect(report.reversals.sent).toBe(report.by_kind.reversal);
    expect(report.reversals).toMatchObject({ answered: report.reversals.sent, pending: 0 });
    expect(report.settlement).toEqual({ terminals: 4, balanced: 4, not_balanced: 0, failed: 0 });
    expect(Object.keys(report.deviations)).toEqual([]);
    // Every financial request reached the host with a MAC it verified.
    expect(stub.requests.filter((r) => r.macValid === false)).toHaveLength(0);
    expect(stub.requests.filter((r) => r.message.mti === '0500')).toHaveLength(4);
    // The report is one JSON line.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('opens a connection per transaction, or mixes both kinds of terminal', async () => {
    const { port } = await stubOverTcp();
    for (const connection of ['per-transaction', 'mixed'] as const) {
      const report = await runLoad({
        host: '127.0.0.1',
        port,
        terminals: 2,
        rate: 40,
        durationSeconds: 0.5,
        connection,
        seed: 7,
        timeoutMs: 2000,
      });
      expect(report).toMatchObject({ offered: 20, accepted: 20, connection });
      expect(report.errors.connection_errors).toBe(0);
    }
  });

  it('counts timeouts and sends the reversals it owes when the host does not answer', async () => {
    let purchases = 0;
    const { port } = await stubOverTcp({
      tmk: DEMO_TMK,
      behave: (m) => (m.mti === '0200' && ++purchases % 2 === 0 ? 'drop' : 'answer'),
    });
    const report = await runLoad({
      host: '127.0.0.1',
      port,
      terminals: 2,
      rate: 20,
      durationSeconds: 0.5,
      mix: { purchase: 1 },
      timeoutMs: 100,
      retryMs: 20,
      seed: 1,
    });
    expect(report.offered).toBe(10);
    expect(report.errors.timeouts).toBe(5);
    expect(report.accepted).toBe(5);
    expect(report.reversals).toEqual({ sent: 5, answered: 5, pending: 0 });
  });

  it('reports key check failures and drops nothing silently when no terminal can sign on', async () => {
    const { port } = await stubOverTcp({ tmk: DEMO_TMK, badCheckValue: 'mak' });
    const report = await runLoad({
      host: '127.0.0.1',
      port,
      terminals: 2,
      rate: 20,
      durationSeconds: 0.2,
      timeoutMs: 200,
    });
    expect(report.signed_on).toBe(0);
    expect(report.errors.key_check_failures).toBeGreaterThanOrEqual(2);
    expect(report.offered).toBe(4);
    expect(report.accepted).toBe(0);
  });

  it('keeps a light background load going until stopped', async () => {
    const { stub, port } = await stubOverTcp();
    const load = startBackgroundLoad({
      host: '127.0.0.1',
      port,
      terminals: 2,
      rate: 50,
      heartbeatSeconds: 0.1,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await load.stop();
    const report = load.report();
    expect(report.signed_on).toBe(2);
    expect(report.accepted).toBeGreaterThan(5);
    expect(stub.requests.filter((r) => r.message.mti === '0820').length).toBeGreaterThanOrEqual(4);
    const after = stub.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(stub.requests.length).toBe(after);
  });
});

describe('scenario', () => {
  it('uses Luhn-valid test cards only', () => {
    for (const c of [...testCards, ...hotlistedCards]) expect(luhnValid(c.pan)).toBe(true);
  });

  it('reads a mix and picks kinds by weight', () => {
    expect(parseMix('purchase=70,qr=10,void=5,refund=5,preauth=5,reversal=5')).toEqual({
      purchase: 70,
      qr: 10,
      void: 5,
      refund: 5,
      preauth: 5,
      reversal: 5,
    });
    expect(() => parseMix('purchase=70,teleport=1')).toThrow(/unknown kind teleport/);
    expect(() => parseMix('purchase=0')).toThrow(/above 0/);
    const next = mixPicker({ purchase: 3, qr: 1 }, seededRandom(3));
    const picks = Array.from({ length: 4000 }, next);
    const share = picks.filter((k) => k === 'purchase').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
    expect(Object.keys(defaultMix)).toContain('reversal');
  });

  it('keeps ordinary amounts off the sandbox endings that decline or never answer', () => {
    expect(approvingAmount(1_298n)).toBe(1_297n);
    expect(approvingAmount(1_299n)).toBe(1_297n);
    expect(approvingAmount(1_251n)).toBe(1_250n);
    expect(approvingAmount(1_200n)).toBe(1_200n);
  });

  it('starts STANs from the time of day so a rerun does not repeat them', () => {
    expect(clockStan(new Date('2026-11-25T16:00:00Z'), 'Asia/Shanghai')).toBe(1);
    expect(clockStan(new Date('2026-11-25T16:00:01Z'), 'Asia/Shanghai')).toBe(11);
    expect(clockStan(new Date('2026-11-26T15:59:59Z'), 'Asia/Shanghai')).toBe(863_991);
  });

  it('reads the command line of the README', () => {
    const options = parseCommandLine(
      '--host 127.0.0.1 --port 8583 --terminals 8 --tid-from 10000001 --mid 898310054110001 --tmk 0123456789ABCDEFFEDCBA9876543210 --rate 50 --duration 30 --mix purchase=70,qr=10,void=5,refund=5,preauth=5,reversal=5 --settle'.split(
        ' ',
      ),
    );
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 8583,
      terminals: 8,
      tidFrom: 10_000_001,
      rate: 50,
      durationSeconds: 30,
      settle: true,
      connection: 'persistent',
      stanFrom: 'clock',
      mix: { purchase: 70, reversal: 5 },
    });
    expect(() => parseCommandLine(['--connection', 'carrier-pigeon'])).toThrow(/--connection/);
    expect(() => parseCommandLine(['--tmk', 'XYZ'])).toThrow(/--tmk/);
  });
});
