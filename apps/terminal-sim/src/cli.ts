import { parseArgs } from 'node:util';
import { DEMO_MID, DEMO_SERIAL_PREFIX, DEMO_TID_FROM, DEMO_TMK, type LoadOptions } from './load';
import { defaultMix, parseMix } from './scenario';

/**
 * The command line of the simulator (README "Terminal simulator"):
 *   node --import tsx apps/terminal-sim/src/main.ts --host 127.0.0.1 --port 8583 --terminals 8 \
 *     --tid-from 10000001 --mid 898310054110001 --tmk 0123456789ABCDEFFEDCBA9876543210 \
 *     --rate 50 --duration 30 --mix purchase=70,qr=10,void=5,refund=5,preauth=5,reversal=5 --settle
 * --verbose writes each exchange to stderr, card numbers masked.
 */

export const usage = `terminal-sim: POS terminals against the terminal host (docs/terminal-protocol.md)
  --host H             host address (127.0.0.1)
  --port N             TERMINAL_PORT of the server (8583)
  --terminals N        simulated terminals (8)
  --tid-from N         first TID; the rest follow (${DEMO_TID_FROM})
  --mid M              merchant id (${DEMO_MID})
  --tmk HEX            terminal master key of every terminal (the demo's published test key)
  --rate R             arrivals per second, open model (50)
  --duration S         seconds of arrivals (30)
  --mix k=w,…          kinds and weights (${Object.entries(defaultMix)
    .map(([k, w]) => `${k}=${w}`)
    .join(',')})
  --settle             settle every terminal's batch at the end
  --connection P       persistent | per-transaction | mixed (persistent)
  --timeout S          seconds without an answer before a reversal (60)
  --retry S            seconds between attempts of an owed reversal (5)
  --stan-from N|clock  first STAN of each terminal (clock: ten a second since midnight)
  --serial-prefix P    SN in heartbeats: P + the TID's offset from 10000001 ('' sends none; ${DEMO_SERIAL_PREFIX})
  --fw V               firmware version reported in heartbeats (none by default)
  --gp LAT,LNG|none    position of the first terminal, the next 0.0001° north each (default: the demo store's)
  --seed N             random seed, to repeat a run
  --verbose            every exchange on stderr (card numbers masked)`;

function number(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name}: a number from ${min} to ${max}`);
  return n;
}

export function parseCommandLine(argv: string[]): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      terminals: { type: 'string' },
      'tid-from': { type: 'string' },
      mid: { type: 'string', default: DEMO_MID },
      tmk: { type: 'string', default: DEMO_TMK },
      rate: { type: 'string' },
      duration: { type: 'string' },
      mix: { type: 'string' },
      settle: { type: 'boolean', default: false },
      connection: { type: 'string', default: 'persistent' },
      timeout: { type: 'string' },
      retry: { type: 'string' },
      'stan-from': { type: 'string', default: 'clock' },
      'serial-prefix': { type: 'string', default: DEMO_SERIAL_PREFIX },
      fw: { type: 'string' },
      gp: { type: 'string' },
      seed: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (!/^\d{15}$/.test(values.mid)) throw new Error('--mid: 15 digits');
  if (!/^[0-9A-Fa-f]{32}$/.test(values.tmk)) throw new Error('--tmk: 32 hex digits');
  if (!['persistent', 'per-transaction', 'mixed'].includes(values.connection))
    throw new Error('--connection: persistent, per-transaction or mixed');
  const stanFrom =
    values['stan-from'] === 'clock' ? 'clock' : number(values['stan-from'], 'stan-from', 1, 1, 999_999);
  let position: LoadOptions['position'];
  if (values.gp !== undefined && values.gp !== 'none') {
    const m = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/.exec(values.gp);
    if (!m) throw new Error('--gp: LAT,LNG in degrees, or none');
    position = { latitude: Number(m[1]), longitude: Number(m[2]) };
  }
  const tidFrom = number(values['tid-from'], 'tid-from', DEMO_TID_FROM, 10_000_000, 99_999_999);
  const terminals = number(values.terminals, 'terminals', 8, 1, 10_000);
  if (tidFrom + terminals - 1 > 99_999_999) throw new Error('--tid-from + --terminals: TIDs beyond 99999999');
  return {
    host: values.host,
    port: number(values.port, 'port', 8583, 1, 65_535),
    terminals,
    tidFrom,
    mid: values.mid,
    tmk: values.tmk,
    rate: number(values.rate, 'rate', 50, 0.001, 100_000),
    durationSeconds: number(values.duration, 'duration', 30, 0.001, 86_400),
    mix: values.mix ? parseMix(values.mix) : defaultMix,
    settle: values.settle,
    connection: values.connection as LoadOptions['connection'],
    timeoutMs: number(values.timeout, 'timeout', 60, 0.01, 600) * 1000,
    retryMs: number(values.retry, 'retry', 5, 0.01, 600) * 1000,
    stanFrom,
    serialPrefix: values['serial-prefix'] === '' ? null : values['serial-prefix'],
    firmware: values.fw,
    position: values.gp === 'none' ? null : position,
    seed: values.seed === undefined ? undefined : number(values.seed, 'seed', 0, 0, 2 ** 32 - 1),
    log: values.verbose ? (line: string) => process.stderr.write(`${line}\n`) : undefined,
  };
}
