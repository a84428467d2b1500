/** Starts the real server (as `npm start` does) on a fresh DATA_DIR; measures the time to healthy. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { createDatabaseSql } from '../../apps/server/src/platform/db/database-url';
import { removeDataDir } from '../../apps/server/src/platform/db/embedded-postgres';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * With BENCH_DATABASE_URL (a server's maintenance database, e.g. postgres://postgres@127.0.0.1:5432/postgres)
 * the bench runs on a fresh database of that server, dropped afterwards; else on the embedded one.
 */
async function externalDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = process.env.BENCH_DATABASE_URL;
  if (!admin) return null;
  const name = `posops_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(createDatabaseSql(name));
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(repoRoot, '.test-data', 'bench-'));
  const external = await externalDatabase();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      // A free port for the terminal host too: several servers may run at once.
      TERMINAL_PORT: '0',
      CHANNEL_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS: 'off',
      DATABASE_URL: external?.url ?? '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status === 200) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const secondsToHealthy = (performance.now() - started) / 1000;
  return {
    baseUrl,
    dataDir,
    /** The database the server uses when it is not the embedded one. */
    databaseUrl: external?.url ?? null,
    dbLabel: external ? 'external' : 'embedded',
    secondsToHealthy,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      removeDataDir(dataDir);
      await external?.drop();
    },
  };
}
