import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app';
import { type JobRunner, startJobs } from './jobs';

let app: TestApp;
let runner: JobRunner | null = null;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await runner?.stop();
  await app?.stop();
});

describe('the job queue on PostgreSQL', () => {
  it('schedules every job in the business time zone and runs a triggered one through the queue', async () => {
    const dormant = app.jobs.find((j) => j.name === 'identity.dormant-accounts');
    expect(dormant).toBeDefined();
    // A non-demo user who has not signed in for 100 days.
    const admin = await app.as('admin');
    const created = await admin.post('/api/users', {
      username: 'old.timer',
      displayName: '老用户',
      orgId: (await app.db.selectFrom('orgs').select('id').where('code', '=', 'BJ').executeTakeFirstOrThrow())
        .id,
    });
    expect(created.status).toBe(201);
    await app.db
      .updateTable('users')
      .set({ created_at: new Date(Date.now() - 100 * 86_400_000) } as never)
      .where('username', '=', 'old.timer')
      .execute();

    const runs: string[] = [];
    const jobs = app.jobs.map((j) => ({
      ...j,
      run: async () => {
        runs.push(j.name);
        return j.run();
      },
    }));
    runner = await startJobs(app.database.url, 'Asia/Shanghai', jobs, () => undefined);
    const { rows: schedules } = await app.pool.query<{ name: string }>('SELECT name FROM pgboss.schedule');
    expect(schedules.map((s) => s.name).sort()).toEqual(app.jobs.map((j) => j.name).sort());

    await runner.trigger('identity.dormant-accounts');
    await expect.poll(() => runs, { timeout: 15_000, interval: 200 }).toContain('identity.dormant-accounts');
    await expect
      .poll(
        async () =>
          (
            await app.db
              .selectFrom('users')
              .select('status')
              .where('username', '=', 'old.timer')
              .executeTakeFirstOrThrow()
          ).status,
        { timeout: 15_000 },
      )
      .toBe('disabled');
    await expect(runner.trigger('no.such.job')).rejects.toThrow('no scheduled job no.such.job');
  });
});
