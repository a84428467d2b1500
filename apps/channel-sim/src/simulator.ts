import { access } from 'node:fs/promises';
import path from 'node:path';
import { systemClock } from '@posops/kernel';
import { type ClearingEncoding, defaultClearingFileName } from './clearing-file';
import { silentLogger } from './logger';
import { settlementDateAt } from './sandbox';
import { type ChannelServer, type ChannelServerOptions, createChannelServer } from './server';

/**
 * The simulator as a service: the TCP server over a data directory, plus the daily clearing file written
 * by itself once a settlement date has closed (cut-off + a grace delay for late reversals), as a channel
 * drops its file for the acquirer to fetch. Days closed while it was down are written at start.
 */

export interface ChannelSimulatorOptions extends ChannelServerOptions {
  dataDir: string;
  /** The daily file: its encoding and how long after the cut-off it is written. false: none. */
  autoClearing?: { encoding?: ClearingEncoding; delayMinutes?: number } | false;
}

export interface ChannelSimulator extends ChannelServer {
  dataDir: string;
  /** Where the daily files go: `<dataDir>/clearing`. */
  clearingDir: string;
}

const CLEARING_CHECK_MS = 60_000;

export async function startChannelSimulator(options: ChannelSimulatorOptions): Promise<ChannelSimulator> {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const server = await createChannelServer(options);
  const clearingDir = path.join(options.dataDir, 'clearing');
  const auto = options.autoClearing === false ? null : (options.autoClearing ?? {});
  const written = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const writeClosedDays = async () => {
    if (!auto) return;
    const delayMs = (auto.delayMinutes ?? 10) * 60_000;
    const { timeZone, cutoffMinutes } = server.rules;
    const open = settlementDateAt(new Date(clock.now().getTime() - delayMs), timeZone, cutoffMinutes);
    for (const date of server.ledger.settlementDates()) {
      if (date >= open || written.has(date)) continue;
      const out = path.join(clearingDir, defaultClearingFileName(server.clearingConfig, date));
      try {
        await access(out);
        written.add(date);
        continue;
      } catch {}
      try {
        const result = await server.writeClearingFile({
          settlementDate: date,
          out,
          encoding: auto.encoding ?? 'utf8',
        });
        written.add(date);
        logger.info(
          {
            file: out,
            settlementDate: date,
            records: result.totals.records,
            netFen: result.totals.netFen.toString(),
          },
          'clearing file written',
        );
      } catch (error) {
        logger.error({ settlementDate: date, error: (error as Error).message }, 'clearing file not written');
      }
    }
  };
  const tick = () => {
    running ??= writeClosedDays().finally(() => {
      running = null;
    });
    return running;
  };
  if (auto) {
    await tick();
    timer = setInterval(() => void tick(), CLEARING_CHECK_MS);
    timer.unref();
  }
  logger.info(
    {
      port: server.port,
      host: server.host,
      dataDir: options.dataDir,
      mac: options.macKeyHex ? 'on' : 'off',
      settlementDate: server.settlementDate(),
    },
    'channel simulator listening',
  );
  return {
    ...server,
    dataDir: options.dataDir,
    clearingDir,
    async close() {
      if (timer) clearInterval(timer);
      await running;
      await server.close();
    },
  };
}
