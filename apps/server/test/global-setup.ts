/**
 * Global setup of the integration tests: one PostgreSQL server for the whole run. The server named by
 * TEST_DATABASE_URL when set (CI), else an embedded one under <repo>/.test-data/embedded. Tests create
 * throwaway databases on it through `createTestDatabase()` (./database.ts).
 */
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { removeDataDir, startEmbeddedPostgres } from '../src/platform/db/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection to the test server's admin database; never a test's own database. */
    adminDatabaseUrl: string;
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    await ensureDatabaseExists(external);
    project.provide('adminDatabaseUrl', external);
    return async () => {};
  }
  const t0 = performance.now();
  const dataDir = path.join(repoRoot, '.test-data', `run-${process.pid}`);
  const embedded = await startEmbeddedPostgres({
    // One cluster per test run, so runs side by side never stop each other's database.
    dataDir,
    log: (msg, extra) => {
      if (process.env.POSOPS_TEST_DB_LOG) console.error(msg, extra ?? '');
    },
  });
  if (process.env.POSOPS_TEST_DB_LOG) {
    console.error(`test database ready in ${Math.round(performance.now() - t0)} ms on port ${embedded.port}`);
  }
  project.provide('adminDatabaseUrl', embedded.connectionString);
  return async () => {
    await embedded.stop();
    removeDataDir(dataDir);
  };
}

/** TEST_DATABASE_URL may name a database that does not exist yet: create it through `postgres`. */
async function ensureDatabaseExists(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') {
      throw new Error(`TEST_DATABASE_URL: cannot connect: ${(err as Error).message}`);
    }
  } finally {
    await client.end().catch(() => {});
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.href });
  await admin.connect();
  try {
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // created meanwhile
  } finally {
    await admin.end();
  }
}
