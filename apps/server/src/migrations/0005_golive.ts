import { type Kysely, sql } from 'kysely';

/** Go-live (开通): merchants with their MID, installation work orders, training, the portal login. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE merchants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id),
      application_id uuid NOT NULL UNIQUE REFERENCES merchant_applications(id),
      mid text NOT NULL UNIQUE CHECK (mid ~ '^[0-9]{15}$'),
      name text NOT NULL,
      short_name text NOT NULL,
      mcc text NOT NULL,
      credit_code text NOT NULL,
      status text NOT NULL CHECK (status IN ('onboarding', 'active', 'suspended', 'frozen', 'closed', 'cancelled')),
      risk_grade text NOT NULL CHECK (risk_grade IN ('A', 'B', 'C', 'D')),
      single_limit_minor bigint NOT NULL,
      daily_limit_minor bigint NOT NULL,
      monthly_limit_minor bigint NOT NULL,
      inspection_months int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      activated_at timestamptz,
      version int NOT NULL DEFAULT 0
    );
    CREATE INDEX merchants_org_created ON merchants (org_id, created_at DESC, id DESC);

    -- MID = acquirer code (3) + region (4) + MCC (4) + sequence (4): one sequence per region and MCC.
    CREATE TABLE mid_sequences (
      region text NOT NULL,
      mcc text NOT NULL,
      last int NOT NULL,
      PRIMARY KEY (region, mcc),
      CHECK (last BETWEEN 1 AND 9999)
    );

    -- Work orders: installation requested at go-live; the terminal-fleet module fulfils them.
    CREATE TABLE work_orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      no text NOT NULL UNIQUE,
      org_id uuid NOT NULL REFERENCES orgs(id),
      merchant_id uuid NOT NULL REFERENCES merchants(id),
      kind text NOT NULL CHECK (kind IN ('install', 'inspection', 'repair', 'relocation', 'retrieval')),
      status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
      terminal_model text,
      serial_no text,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      completed_at timestamptz,
      completed_by uuid REFERENCES users(id),
      cancelled_reason text
    );
    CREATE INDEX work_orders_merchant ON work_orders (merchant_id, created_at);
    CREATE SEQUENCE work_order_no;

    -- 培训: who trained the merchant, when, on what.
    CREATE TABLE merchant_trainings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id),
      merchant_id uuid NOT NULL REFERENCES merchants(id),
      trainer_name text NOT NULL,
      trained_at timestamptz NOT NULL,
      topics text[] NOT NULL CHECK (cardinality(topics) > 0),
      attendees text NOT NULL,
      recorded_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE INDEX merchant_trainings_merchant ON merchant_trainings (merchant_id);

    -- A merchant portal login belongs to one merchant and sees nothing else.
    ALTER TABLE users ADD COLUMN merchant_id uuid REFERENCES merchants(id);

    -- Cross-module flows written as steps with compensations leave a record of each run.
    CREATE TABLE workflow_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workflow text NOT NULL,
      object_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'completed', 'compensated', 'compensation_failed')),
      steps jsonb NOT NULL DEFAULT '[]',
      error text,
      started_at timestamptz NOT NULL DEFAULT ms_now(),
      ended_at timestamptz
    );
    CREATE INDEX workflow_runs_object ON workflow_runs (workflow, object_id, started_at DESC);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
