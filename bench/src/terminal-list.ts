/**
 * The terminal ledger over 200,000 terminals: GET /api/terminals with its filters (status, model, org
 * subtree, warehouse, serial prefix, TID) as the Beijing branch ops manager, p50/p95/p99 of sequential
 * requests against the real server on the embedded database.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startServer } from './server';

const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 200_000);
const QUERIES = 400;

async function connect(dataDir: string, databaseUrl: string | null) {
  if (databaseUrl) {
    const external = new pg.Client({ connectionString: databaseUrl });
    await external.connect();
    return external;
  }
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const note = path.join(dataDir, 'pg-cluster-location');
  const clusterDir = existsSync(note) ? readFileSync(note, 'utf8').trim() : path.join(dataDir, 'pg');
  const port = readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  const client = new pg.Client({
    connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/posops`,
  });
  await client.connect();
  return client;
}

/** 200,000 units spread over the Beijing and Shanghai warehouses and models; a fifth installed. */
async function seed(dataDir: string, databaseUrl: string | null) {
  const client = await connect(dataDir, databaseUrl);
  const started = performance.now();
  await client.query(
    `WITH w AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(org_id ORDER BY code) AS orgs FROM warehouses),
          m AS (SELECT array_agg(id ORDER BY brand, model) AS ids FROM terminal_models)
     INSERT INTO terminals (serial_no, model_id, org_id, warehouse_id, status, firmware_version, created_at)
     SELECT 'BENCH-' || lpad(g::text, 7, '0'), m.ids[1 + g % cardinality(m.ids)],
            w.orgs[1 + g % cardinality(w.ids)], w.ids[1 + g % cardinality(w.ids)],
            (ARRAY['in_stock','in_stock','in_stock','faulty','in_repair','retired','lost'])[1 + g % 7],
            '1.' || (g % 5) || '.0', now() - (g || ' seconds')::interval
       FROM generate_series(1, $1) g, w, m`,
    [TERMINALS],
  );
  // Each unit's receipt in its history, as imports and goods receipts write it (the register reads it).
  await client.query(
    `INSERT INTO terminal_events (terminal_id, org_id, event, to_status, actor_name, detail)
     SELECT id, org_id, 'receive', 'in_stock', 'bench', '{}'::jsonb FROM terminals WHERE serial_no LIKE 'BENCH-%'`,
  );
  // As autovacuum does after a bulk load: the receipts' books left a dead version of every unit.
  await client.query('VACUUM ANALYZE terminals');
  await client.query('VACUUM ANALYZE terminal_events');
  const ids = await client.query<{ bj: string; wh: string; model: string }>(
    `SELECT (SELECT id FROM orgs WHERE code = 'BJ') AS bj,
            (SELECT id FROM warehouses WHERE code = 'WH-BJ') AS wh,
            (SELECT id FROM terminal_models ORDER BY brand, model LIMIT 1) AS model`,
  );
  await client.end();
  return { seconds: (performance.now() - started) / 1000, ...ids.rows[0]! };
}

export async function terminalListBench(): Promise<object[]> {
  const server = await startServer();
  try {
    const seeded = await seed(server.dataDir, server.databaseUrl);
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bj.ops', password: 'posops-demo-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const statuses = ['in_stock', 'faulty', 'in_repair', 'retired', 'lost', 'installed'];
    const queries = Array.from({ length: QUERIES }, (_, i) => {
      const status = statuses[i % statuses.length]!;
      return [
        '',
        `status=${status}`,
        `modelId=${seeded.model}`,
        `orgId=${seeded.bj}&status=${status}`,
        `warehouseId=${seeded.wh}`,
        `q=BENCH-00${String(i % 100).padStart(2, '0')}`,
        `q=BENCH-${String(1 + i * 401).padStart(7, '0')}`,
        `status=${status}&modelId=${seeded.model}`,
      ][i % 8]!;
    });
    const timings: number[] = [];
    for (const qs of queries) {
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}/api/terminals?limit=20&${qs}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`terminals ${qs}: ${response.status}`);
      timings.push(performance.now() - started);
    }
    const overview: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}/api/terminals/overview`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`overview: ${response.status}`);
      overview.push(performance.now() - started);
    }
    const pct = (list: number[], p: number) => {
      const sorted = [...list].sort((a, b) => a - b);
      return Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1));
    };
    timings.sort((a, b) => a - b);
    const at = (p: number) => pct(timings, p);
    return [
      {
        bench: 'terminal-overview',
        n: overview.length,
        terminals: TERMINALS,
        p50_ms: pct(overview, 0.5),
        p95_ms: pct(overview, 0.95),
        p99_ms: pct(overview, 0.99),
        db: server.dbLabel,
      },
      {
        bench: 'terminal-list',
        n: timings.length,
        terminals: TERMINALS,
        seed_seconds: Number(seeded.seconds.toFixed(1)),
        p50_ms: at(0.5),
        p95_ms: at(0.95),
        p99_ms: at(0.99),
        db: server.dbLabel,
      },
    ];
  } finally {
    await server.stop();
  }
}
