/**
 * Throwaway databases for integration tests, on the server chosen by the global setup
 * (embedded PostgreSQL, or TEST_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabaseSql } from '../src/platform/db/database-url';

export interface TestDatabase {
  /** Connection string of the new, empty database. */
  url: string;
  /** Drop it, closing any connection still open to it. Safe to call twice. */
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `posops_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(createDatabaseSql(pg.escapeIdentifier(name))));
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.href,
    drop() {
      // WITH (FORCE) (PostgreSQL 13+) ends sessions a test left open (a pool not yet closed).
      dropped ??= withAdmin(async (c) => {
        await c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      });
      return dropped;
    },
  };
}
