import { PgBoss } from 'pg-boss';

export interface ScheduledJob {
  name: string;
  /** Cron expression, in the business time zone. */
  cron: string;
  run: () => Promise<unknown>;
}

export interface JobRunner {
  /** Queues one run of a scheduled job now (an operator's "run now", and tests). */
  trigger(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The job queue and its schedules live in PostgreSQL (pg-boss, schema `pgboss`), so several server
 * processes share them and each scheduled run happens once.
 */
export async function startJobs(
  connectionString: string,
  timeZone: string,
  jobs: readonly ScheduledJob[],
  log: (msg: string, extra?: object) => void,
): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4 });
  boss.on('error', (error: unknown) => log('job queue error', { error: String(error) }));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, null, { tz: timeZone });
    await boss.work(job.name, { pollingIntervalSeconds: 1 }, async () => {
      const started = Date.now();
      const result = await job.run();
      log('job done', { job: job.name, ms: Date.now() - started, result });
    });
  }
  return {
    async trigger(name) {
      if (!jobs.some((j) => j.name === name)) throw new Error(`no scheduled job ${name}`);
      await boss.send(name, {});
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
