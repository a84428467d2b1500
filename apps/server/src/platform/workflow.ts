import type { Db } from './db/database';

/**
 * A flow across modules as an explicit list of steps, each with its compensation (STYLE.md, Medusa
 * workflows). Each step commits on its own, as a step in another module or system would; when one
 * fails, the steps already done are compensated in reverse order, so nothing is left half done. Every
 * run is recorded in workflow_runs with what each step did.
 */
export interface WorkflowStep<C, R = unknown> {
  name: string;
  run(context: C, done: Record<string, unknown>): Promise<R>;
  compensate(context: C, result: R): Promise<void>;
}

export class WorkflowFailed extends Error {
  constructor(
    readonly workflow: string,
    readonly step: string,
    override readonly cause: unknown,
    readonly compensated: boolean,
  ) {
    super(
      `${workflow}: step ${step} failed${compensated ? '; the steps before it were undone' : ' and undoing failed'}`,
    );
  }
}

export async function runWorkflow<C>(
  db: Db,
  workflow: string,
  objectId: string,
  context: C,
  steps: readonly WorkflowStep<C, unknown>[],
): Promise<Record<string, unknown>> {
  const run = await db
    .insertInto('workflow_runs')
    .values({ workflow, object_id: objectId, status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const log: {
    step: string;
    status: 'done' | 'failed' | 'compensated' | 'compensation_failed';
    error?: string;
  }[] = [];
  const done: Record<string, unknown> = {};
  const results: { step: WorkflowStep<C, unknown>; result: unknown }[] = [];
  const save = (status: string, error: string | null) =>
    db
      .updateTable('workflow_runs')
      .set({
        status,
        steps: JSON.stringify(log),
        error,
        ...(status === 'running' ? {} : { ended_at: new Date() }),
      })
      .where('id', '=', run.id)
      .execute();
  for (const step of steps) {
    try {
      const result = await step.run(context, done);
      done[step.name] = result;
      results.push({ step, result });
      log.push({ step: step.name, status: 'done' });
    } catch (error) {
      log.push({
        step: step.name,
        status: 'failed',
        error: String(error instanceof Error ? error.message : error),
      });
      let compensated = true;
      for (const { step: previous, result } of results.reverse()) {
        try {
          await previous.compensate(context, result);
          log.push({ step: previous.name, status: 'compensated' });
        } catch (undoError) {
          compensated = false;
          log.push({ step: previous.name, status: 'compensation_failed', error: String(undoError) });
        }
      }
      await save(
        compensated ? 'compensated' : 'compensation_failed',
        String(error instanceof Error ? error.message : error),
      );
      throw new WorkflowFailed(workflow, step.name, error, compensated);
    }
  }
  await save('completed', null);
  return done;
}
