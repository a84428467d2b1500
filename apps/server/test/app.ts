/**
 * A fresh PosOps per test file: its own database on the test server, demo data seeded, listening on a
 * random port of 127.0.0.1, driven over real HTTP.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Clock, fixedClock } from '@posops/kernel';
import { loadConfig } from '../src/platform/config';
import { createPosOps, type PosOps } from '../src/platform/posops';
import { createTestDatabase, type TestDatabase } from './database';

export const DEMO_PASSWORD = 'posops-demo-2026';

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (options.csrf !== false && this.csrfToken && method !== 'GET')
      headers['x-csrf-token'] = this.csrfToken;
    let payload: string | undefined = options.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
    }
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, body: payload ?? null });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown, options?: { csrf?: boolean }) {
    return this.request<T>('POST', url, body, options);
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  put<T = any>(url: string, body?: unknown) {
    return this.request<T>('PUT', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(username: string, password = DEMO_PASSWORD, totp?: string) {
    const response = await this.post('/api/auth/login', { username, password, ...(totp ? { totp } : {}) });
    if (response.status === 200) this.csrfToken = (response.body as { csrfToken: string }).csrfToken;
    return response;
  }
}

export interface TestApp extends PosOps {
  baseUrl: string;
  /** The terminal host's ISO 8583 port. */
  terminalPort: number;
  database: TestDatabase;
  clock: Clock & { advance(ms: number): void; set(at: Date): void };
  client(): Client;
  /** A client signed in as a demo user. */
  as(username: string): Promise<Client>;
  stop(): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: { demoActivity?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DEMO: 'true',
    JOBS: 'false',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'posops-test-')),
    ...env,
  });
  const clock = fixedClock(new Date());
  // POSOPS_TEST_LOG=error shows the server's own log of a failing test (500s and their stacks).
  const logger = process.env.POSOPS_TEST_LOG ? { level: process.env.POSOPS_TEST_LOG } : false;
  const posops = await createPosOps(config, database.url, clock, {
    logger,
    demoActivity: options.demoActivity ?? false,
  });
  await posops.app.listen({ port: 0, host: '127.0.0.1' });
  const terminalPort = await posops.host.listen(0, '127.0.0.1');
  const address = posops.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ...posops,
    baseUrl,
    terminalPort,
    database,
    clock,
    client: () => new Client(baseUrl),
    async as(username: string) {
      const client = new Client(baseUrl);
      const response = await client.login(username);
      if (response.status !== 200)
        throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
      return client;
    },
    async stop() {
      await posops.close();
      await database.drop();
    },
  };
}

/** Id of a demo org by code, and of a demo user by username, straight from the database. */
export async function orgId(app: PosOps, code: string): Promise<string> {
  return (await app.db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}
export async function userId(app: PosOps, username: string): Promise<string> {
  return (
    await app.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id;
}
export async function roleId(app: PosOps, code: string): Promise<string> {
  return (await app.db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow())
    .id;
}
