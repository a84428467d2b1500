/**
 * API bench: requests/s and latency of an authenticated list call (GET /api/users, session lookup,
 * permission check, org-scoped query) next to a bare route of the same server (GET /api/health/live),
 * measured with autocannon against a real server on the embedded PostgreSQL.
 */
import autocannon from 'autocannon';
import { startServer } from './server';

function measure(url: string, headers: Record<string, string>, seconds: number, connections: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, headers, duration: seconds, connections, pipelining: 1 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

export async function apiBench(): Promise<object[]> {
  const server = await startServer();
  try {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'posops-demo-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const seconds = Number(process.env.BENCH_SECONDS ?? 10);
    const connections = 16;
    // warm-up
    await measure(`${server.baseUrl}/api/users?limit=20`, { cookie }, 2, connections);
    const results: object[] = [];
    for (const [name, url, headers] of [
      ['api-bare-route', `${server.baseUrl}/api/health/live`, {}],
      ['api-authenticated-list', `${server.baseUrl}/api/users?limit=20`, { cookie }],
    ] as const) {
      const r = await measure(url, headers, seconds, connections);
      results.push({
        bench: name,
        n: r.requests.total,
        seconds,
        per_second: Math.round(r.requests.average),
        p50_ms: r.latency.p50,
        p99_ms: r.latency.p99,
        non_2xx: r.non2xx,
        connections,
        db: 'embedded',
      });
    }
    return results;
  } finally {
    await server.stop();
  }
}
