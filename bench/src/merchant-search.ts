/**
 * Merchant search over 100,000 merchants: GET /api/merchants?q=… (fuzzy Chinese name, MID, credit code)
 * as a branch user, p50/p95/p99 of sequential requests against the real server on the embedded database.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startServer } from './server';

const MERCHANTS = Number(process.env.BENCH_MERCHANTS ?? 100_000);
const QUERIES = 400;

const names = [
  '面馆',
  '便利店',
  '鲜花坊',
  '文具',
  '咖啡',
  '珠宝',
  '健身',
  '洗衣',
  '维修',
  '书屋',
  '水果',
  '五金',
  '药房',
  '烘焙',
  '火锅',
];
const places = ['朝阳', '海淀', '东城', '西城', '丰台', '通州', '顺义', '昌平', '大兴', '望京'];

async function seed(dataDir: string) {
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const note = path.join(dataDir, 'pg-cluster-location');
  const clusterDir = existsSync(note) ? readFileSync(note, 'utf8').trim() : path.join(dataDir, 'pg');
  const port = readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  const client = new pg.Client({
    connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/posops`,
  });
  await client.connect();
  const started = performance.now();
  await client.query(
    `WITH o AS (SELECT id FROM orgs WHERE code = 'BJCY'), u AS (SELECT id FROM users WHERE username = 'frontdesk')
     INSERT INTO merchant_applications (id, no, org_id, status, form, merchant_name, credit_code, mcc, created_by)
     SELECT md5('bench' || g)::uuid, 'APBENCH' || lpad(g::text, 8, '0'), o.id, 'active', '{}',
            '北京' || ($2::text[])[1 + g % 10] || '测试' || g || ($1::text[])[1 + g % 15],
            '9111' || lpad(g::text, 14, '0'), '5812', u.id
       FROM generate_series(1, $3) g, o, u`,
    [names, places, MERCHANTS],
  );
  await client.query(
    `INSERT INTO merchants (org_id, application_id, mid, name, short_name, mcc, credit_code, status, risk_grade,
                            single_limit_minor, daily_limit_minor, monthly_limit_minor, inspection_months,
                            division_code, address_detail, settlement_account_type, settlement_bank_name,
                            settlement_branch_name, settlement_holder_name, account_no_sealed, account_hash,
                            account_masked, rate_plan_id, sales_rep_id)
     SELECT a.org_id, a.id, '8981101' || lpad(g::text, 8, '0'), a.merchant_name, left(a.merchant_name, 20), '5812',
            a.credit_code, 'active', (ARRAY['A','B','C','D'])[1 + g % 4], 500000, 5000000, 50000000, 12,
            '110105', '建国路' || g || '号', 'corporate', '中国工商银行', '北京朝阳支行', a.merchant_name,
            'bench-not-sealed', md5('account' || g), '6222********' || lpad((g % 10000)::text, 4, '0'),
            (SELECT id FROM rate_plans ORDER BY code LIMIT 1),
            CASE WHEN g % 3 = 0 THEN (SELECT id FROM users WHERE username = 'sales') END
       FROM generate_series(1, $1) g JOIN merchant_applications a ON a.id = md5('bench' || g)::uuid`,
    [MERCHANTS],
  );
  await client.query('ANALYZE merchants; ANALYZE merchant_applications');
  const ids = await client.query<{ sales: string; bj: string }>(
    `SELECT (SELECT id FROM users WHERE username = 'sales') AS sales, (SELECT id FROM orgs WHERE code = 'BJ') AS bj`,
  );
  await client.end();
  return {
    seconds: (performance.now() - started) / 1000,
    salesRepId: ids.rows[0]!.sales,
    bjOrgId: ids.rows[0]!.bj,
  };
}

export async function merchantSearchBench(): Promise<object[]> {
  const server = await startServer();
  try {
    const seeded = await seed(server.dataDir);
    const seedSeconds = seeded.seconds;
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bj.ops', password: 'posops-demo-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const queries = [
      ...Array.from({ length: QUERIES / 4 }, (_, i) => names[i % names.length]!),
      ...Array.from({ length: QUERIES / 4 }, (_, i) => `${places[i % places.length]}测试${1000 + i * 37}`),
      ...Array.from({ length: QUERIES / 4 }, (_, i) => `8981101${String(1 + i * 911).padStart(8, '0')}`),
      ...Array.from({ length: QUERIES / 4 }, (_, i) => `9111${String(1 + i * 613).padStart(14, '0')}`),
    ];
    const time = async (queryStrings: string[]) => {
      const timings: number[] = [];
      for (const qs of queryStrings) {
        const started = performance.now();
        const response = await fetch(`${server.baseUrl}/api/merchants?limit=20&${qs}`, {
          headers: { cookie },
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`search ${qs}: ${response.status}`);
        timings.push(performance.now() - started);
      }
      timings.sort((a, b) => a - b);
      const at = (p: number) =>
        Number(timings[Math.min(timings.length - 1, Math.floor(p * timings.length))]!.toFixed(1));
      return { n: timings.length, p50_ms: at(0.5), p95_ms: at(0.95), p99_ms: at(0.99) };
    };
    const search = await time(queries.map((q) => `q=${encodeURIComponent(q)}`));
    // The list's filters: grade, sales rep, org subtree, status, alone and with a name.
    const grades = ['A', 'B', 'C', 'D'];
    const filters = await time(
      Array.from({ length: QUERIES }, (_, i) => {
        const grade = grades[i % 4]!;
        return [
          `grade=${grade}`,
          `salesRepId=${seeded.salesRepId}`,
          `orgId=${seeded.bjOrgId}&status=active`,
          `grade=${grade}&salesRepId=${seeded.salesRepId}`,
          `grade=${grade}&q=${encodeURIComponent(names[i % names.length]!)}`,
        ][i % 5]!;
      }),
    );
    const common = { merchants: MERCHANTS, seed_seconds: Number(seedSeconds.toFixed(1)), db: 'embedded' };
    return [
      { bench: 'merchant-search', ...search, ...common },
      { bench: 'merchant-filters', ...filters, ...common },
    ];
  } finally {
    await server.stop();
  }
}
