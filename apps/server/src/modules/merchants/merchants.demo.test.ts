import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({}, { demoActivity: true });
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

const countBy = async (table: string, column: string) =>
  Object.fromEntries(
    (
      await sql<{ k: string; n: bigint }>`
        SELECT ${sql.ref(column)} AS k, count(*) AS n FROM ${sql.table(table)} GROUP BY 1`.execute(app.db)
    ).rows.map((r) => [r.k, Number(r.n)]),
  );

describe('demo data', () => {
  it('has applications in every stage of onboarding and merchants in every state of their lifecycle', async () => {
    const applications = await countBy('merchant_applications', 'status');
    for (const status of [
      'draft',
      'submitted',
      'in_review',
      'returned',
      'reviewed',
      'pending_approval',
      'approved',
      'rejected',
      'contracted',
      'active',
    ]) {
      expect(applications[status], status).toBeGreaterThan(0);
    }
    const merchants = await countBy('merchants', 'status');
    expect(merchants.active).toBeGreaterThanOrEqual(6);
    for (const status of ['suspended', 'frozen', 'closed']) expect(merchants[status], status).toBe(1);
  });

  it('has change requests waiting, returned, scheduled and applied, and merchants brought by a sales rep and an agent', async () => {
    const changes = await countBy('merchant_change_requests', 'status');
    for (const status of ['pending_approval', 'returned', 'scheduled', 'applied'])
      expect(changes[status], status).toBe(1);
    const { rows } = await sql<{ reps: bigint; agents: bigint }>`
      SELECT count(sales_rep_id) AS reps, count(agent_org_id) AS agents FROM merchants`.execute(app.db);
    expect(Number(rows[0]!.reps)).toBeGreaterThan(0);
    expect(Number(rows[0]!.agents)).toBeGreaterThan(0);
    const relocation =
      await sql`SELECT 1 FROM work_orders WHERE kind = 'relocation' AND status = 'open'`.execute(app.db);
    expect(relocation.rows).toHaveLength(1);
  });
});
