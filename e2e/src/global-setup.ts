/**
 * Global setup of the end-to-end journeys: builds the console, starts the real server (`main.ts`, as
 * `npm start` does) on a fresh embedded PostgreSQL with demo data, and provides its URL.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeDataDir } from '../../apps/server/src/platform/db/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy within ${timeoutMs} ms`);
}

/** The environment `npm start` runs in: without the `NODE_ENV=test` Vitest sets (a production build). */
function startEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_ENV;
  return env;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = path.join(repoRoot, '.test-data', `e2e-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  // The console is built into this run's own directory, so a build elsewhere cannot swap it mid-run.
  const consoleDir = path.join(dataDir, 'console');
  const build = spawnSync(
    'npm',
    ['run', 'build', '--workspace', '@posops/console', '--', '--outDir', consoleDir, '--emptyOutDir'],
    { cwd: repoRoot, stdio: 'inherit', env: startEnv() },
  );
  if (build.status !== 0) throw new Error('console build failed');
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...startEnv(),
      CONSOLE_DIR: consoleDir,
      PORT: String(port),
      // A free port for the terminal host too: several servers may run at once.
      TERMINAL_PORT: '0',
      CHANNEL_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: 'on',
      JOBS: 'off',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output.join('')}`);
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    const running = () => child.exitCode === null && child.signalCode === null;
    if (running()) {
      let timer: NodeJS.Timeout | undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // The grace timer is cleared once the server is gone, or it would hold the run open.
      const grace = new Promise((resolve) => {
        timer = setTimeout(resolve, 15_000);
      });
      await Promise.race([exited, grace]);
      clearTimeout(timer);
      if (running()) child.kill('SIGKILL');
    }
    removeDataDir(dataDir);
  };
}
