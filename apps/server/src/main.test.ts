/**
 * The process as `npm start` runs it: start on an empty DATA_DIR, survive a SIGKILL (the next start
 * adopts the PostgreSQL left running), and stop cleanly on SIGTERM, taking its database down with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDataDir } from './platform/db/embedded-postgres';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(path.join(repoRoot, '.test-data', 'main-'));
const children: ChildProcess[] = [];

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

async function start(port: number) {
  const output: string[] = [];
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
      JOBS: 'off',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
  // A first start initialises PostgreSQL and seeds the whole demo (with the protocol's chain store).
  const deadline = Date.now() + 110_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${output.join('')}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return { child, output };
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy in time: ${output.join('')}`);
}

function clusterDir(): string {
  const note = path.join(dataDir, 'pg-cluster-location');
  return existsSync(note) ? readFileSync(note, 'utf8').trim() : path.join(dataDir, 'pg');
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  // A cluster left behind by a failed assertion: stop it through a last clean start and SIGTERM.
  if (existsSync(path.join(clusterDir(), 'postmaster.pid'))) {
    const { child } = await start(await freePort()).catch(() => ({ child: null }));
    child?.kill('SIGTERM');
    if (child) await exited(child);
  }
  removeDataDir(dataDir);
});

describe('the server process', () => {
  it('starts on an empty data directory, prints the demo logins, and answers', async () => {
    const port = await freePort();
    const { child, output } = await start(port);
    expect(output.join('')).toContain('admin');
    expect(output.join('')).toContain('posops-demo-2026');
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'posops-demo-2026' }),
    });
    expect(login.status).toBe(200);
    // Killed without a chance to clean up: its PostgreSQL keeps running.
    child.kill('SIGKILL');
    await exited(child);
    expect(existsSync(path.join(clusterDir(), 'postmaster.pid'))).toBe(true);
  }, 120_000);

  it('after a SIGKILL, starts again on the PostgreSQL left running and carries on', async () => {
    const port = await freePort();
    const { child, output } = await start(port);
    expect(output.join('')).toMatch(/adopt/i);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'posops-demo-2026' }),
    });
    expect(login.status).toBe(200);
    // SIGTERM: a clean stop, exit code 0, and the embedded PostgreSQL stopped too.
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(existsSync(path.join(clusterDir(), 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
