import path from 'node:path';
import { type SpawnedChannelSimulator, spawnChannelSimulator } from '@posops/channel-sim';
import { systemClock } from '@posops/kernel';
import pino from 'pino';
import { DEMO_PASSWORD, demoUsers } from './modules/identity';
import { loadConfig } from './platform/config';
import { resolveDatabase } from './platform/db/database-url';
import { type JobRunner, startJobs } from './platform/jobs';
import { createPosOps } from './platform/posops';

/** Process concerns only: configuration, database, listen, jobs, signals. */
async function main() {
  const startedAt = performance.now();
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const log = (msg: string, extra?: object) => {
    const { level, ...fields } = (extra ?? {}) as { level?: string };
    if (level === 'warn') logger.warn(fields, msg);
    else logger.info(fields, msg);
  };
  const { url, embedded } = await resolveDatabase(config, log);
  const posops = await createPosOps(config, url, systemClock, {
    logger: {
      level: config.LOG_LEVEL,
      redact: {
        paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
        remove: true,
      },
    },
  });
  let jobs: JobRunner | null = null;
  if (config.JOBS) jobs = await startJobs(url, config.TZ_BUSINESS, posops.jobs, log);
  // Demo mode: the channel simulator (acquiring bank / card scheme) runs beside, as its own process;
  // started first, so that a server answering its health check has everything up.
  let channel: SpawnedChannelSimulator | null = null;
  if (config.DEMO && config.CHANNEL_SIMULATOR) {
    channel = await spawnChannelSimulator({
      env: {
        CHANNEL_DATA_DIR: path.join(config.DATA_DIR, 'channel'),
        LOG_LEVEL: config.LOG_LEVEL,
        ...(config.CHANNEL_MAC_KEY ? { CHANNEL_MAC_KEY: config.CHANNEL_MAC_KEY } : {}),
      },
    });
    if (!config.CHANNEL_ADDRESS) {
      posops.host.useChannel({
        host: '127.0.0.1',
        port: channel.port,
        macKeyHex: config.CHANNEL_MAC_KEY && config.CHANNEL_MAC_KEY !== 'off' ? config.CHANNEL_MAC_KEY : null,
        timeoutMs: config.CHANNEL_TIMEOUT_MS,
      });
    }
  }
  const terminalPort = await posops.host.listen(config.TERMINAL_PORT, config.HOST);
  await posops.app.listen({ port: config.PORT, host: config.HOST });
  const secondsToReady = ((performance.now() - startedAt) / 1000).toFixed(2);
  log('PosOps is up', {
    port: config.PORT,
    terminalPort,
    channelPort: channel?.port ?? null,
    database: embedded ? 'embedded' : 'external',
    seconds: Number(secondsToReady),
  });

  if (config.DEMO) {
    const lines = [
      '',
      `PosOps console: http://localhost:${config.PORT}/   API reference: http://localhost:${config.PORT}/api/docs`,
      `Demo logins (DEMO ONLY; password for all: ${DEMO_PASSWORD}):`,
      ...demoUsers.map((u) => `  ${u.username.padEnd(12)} ${u.role.padEnd(15)} ${u.name}`),
      `  ${'m898110158120001'.padEnd(12)} ${'merchant'.padEnd(15)} 北京张记面馆 (merchant portal)`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await posops.host.close();
      await channel?.stop();
      await posops.app.close();
      await jobs?.stop();
      await posops.db.destroy();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`PosOps failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
