import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE = 'posops';

/**
 * The application database takes the C.UTF-8 character classes: with plain C, PostgreSQL sees no letters
 * in Chinese text and trigram search (商户名称模糊查询) finds nothing. Collation stays byte order.
 */
export function createDatabaseSql(name: string): string {
  return `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' TEMPLATE template0`;
}

/** Creates the application database inside a fresh embedded cluster, once. */
async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(createDatabaseSql(name));
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR, started or adopted. */
export async function resolveDatabase(
  config: { DATABASE_URL?: string | undefined; DATA_DIR: string; EMBEDDED_PG_PORT?: number | undefined },
  log: (msg: string, extra?: object) => void,
): Promise<{ url: string; embedded: EmbeddedPostgres | null }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    log,
    ...(config.EMBEDDED_PG_PORT ? { port: config.EMBEDDED_PG_PORT } : {}),
  });
  return { url: await ensureDatabase(embedded.connectionString, EMBEDDED_DATABASE), embedded };
}
