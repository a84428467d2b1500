import type { ColumnType, Generated } from 'kysely';

export interface WorkflowRunsTable {
  id: Generated<string>;
  workflow: string;
  object_id: string;
  status: string;
  steps: ColumnType<unknown, string | undefined, string>;
  error: string | null;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  ended_at: Date | null;
}

export interface WorkflowTables {
  workflow_runs: WorkflowRunsTable;
}
