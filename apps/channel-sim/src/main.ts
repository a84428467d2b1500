import path from 'node:path';
import { parseArgs } from 'node:util';
import { addDays, systemClock } from '@posops/kernel';
import pino from 'pino';
import {
  type ClearingEncoding,
  clearingEncodings,
  defaultClearingFileName,
  writeClearingFile,
} from './clearing-file';
import { channelOptionsFromEnv } from './config';
import { defaultRules } from './engine';
import { replayJournal } from './journal';
import { Ledger } from './ledger';
import { settlementDateAt } from './sandbox';
import { defaultClearingConfig } from './server';
import { startChannelSimulator } from './simulator';

/**
 * Process concerns only.
 *   node --import tsx apps/channel-sim/src/main.ts [serve]
 *   node --import tsx apps/channel-sim/src/main.ts clearing [--date YYYY-MM-DD] [--encoding utf8|utf8-bom|gbk]
 *        [--out FILE] [--drop N] [--extra N] [--amount N] [--status N] [--seed N]
 * Settings come from the environment (docs/channel-protocol.md).
 */

async function serve() {
  const options = channelOptionsFromEnv();
  const logger = pino({ level: options.logLevel, base: { process: 'channel-sim' } });
  const simulator = await startChannelSimulator({ ...options, logger });
  // Started by spawnChannelSimulator: tell the parent where we listen, and leave with it.
  process.send?.({ type: 'listening', port: simulator.port });
  let closing = false;
  const shutdown = async (reason: string) => {
    if (closing) return;
    closing = true;
    logger.info({ reason }, 'channel simulator shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await simulator.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('disconnect', () => void shutdown('parent gone'));
}

const count = (value: string | undefined, name: string): number => {
  if (value === undefined) return 0;
  if (!/^\d{1,7}$/.test(value)) throw new Error(`--${name}: a whole number`);
  return Number(value);
};

async function clearing(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      date: { type: 'string' },
      encoding: { type: 'string', default: 'utf8' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      drop: { type: 'string' },
      extra: { type: 'string' },
      amount: { type: 'string' },
      status: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const options = channelOptionsFromEnv();
  const rules = { ...defaultRules, ...options.rules };
  const config = { ...defaultClearingConfig, timeZone: rules.timeZone, ...options.clearing };
  const dataDir = values['data-dir'] ?? options.dataDir;
  // Default: the last closed settlement date (the file one asks for after the cut-off).
  const date =
    values.date ?? addDays(settlementDateAt(systemClock.now(), rules.timeZone, rules.cutoffMinutes), -1);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('--date: YYYY-MM-DD');
  const encoding = values.encoding as ClearingEncoding;
  if (!clearingEncodings.includes(encoding)) throw new Error(`--encoding: ${clearingEncodings.join(', ')}`);
  const inject = {
    drop: count(values.drop, 'drop'),
    extra: count(values.extra, 'extra'),
    amount: count(values.amount, 'amount'),
    status: count(values.status, 'status'),
    seed: count(values.seed ?? '1', 'seed'),
  };
  const injecting = inject.drop + inject.extra + inject.amount + inject.status > 0;
  const ledger = new Ledger();
  // Read-only: the simulator may be running and writing; originals from the retention are needed too.
  await replayJournal(dataDir, ledger, { fromDate: addDays(date, -rules.retentionDays), repair: false });
  const out = values.out ?? path.join(dataDir, 'clearing', defaultClearingFileName(config, date));
  const result = await writeClearingFile(ledger, {
    settlementDate: date,
    out,
    encoding,
    ...(injecting ? { inject } : {}),
    config,
    generatedAt: systemClock.now(),
  });
  process.stdout.write(
    `${JSON.stringify(
      {
        file: result.file,
        sidecar: result.sidecar,
        settlementDate: date,
        encoding,
        totals: Object.fromEntries(Object.entries(result.totals).map(([k, v]) => [k, String(v)])),
        differences: result.differences.length,
      },
      null,
      2,
    )}\n`,
  );
}

const [command = 'serve', ...rest] = process.argv.slice(2);
const run = command === 'serve' ? serve() : command === 'clearing' ? clearing(rest) : null;
if (!run) {
  process.stderr.write(
    'usage: main.ts [serve] | clearing [--date YYYY-MM-DD] [--encoding utf8|utf8-bom|gbk] [--out FILE]\n',
  );
  process.exit(2);
}
run.catch((error: unknown) => {
  process.stderr.write(`channel simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
