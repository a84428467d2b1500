import { type Kysely, sql } from 'kysely';

/** Merchant applications (进件) with their review checklist and history; the blacklist (风控名单). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE merchant_application_no;

    CREATE TABLE merchant_applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      no text NOT NULL UNIQUE,
      org_id uuid NOT NULL REFERENCES orgs(id),
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'returned', 'reviewed',
        'pending_approval', 'approved', 'rejected', 'contracted', 'active', 'withdrawn')),
      form jsonb NOT NULL DEFAULT '{}',
      -- Search and duplicate keys, kept in step with the form by the service.
      merchant_name text,
      credit_code text,
      mcc text,
      -- Personal numbers: sealed (AES-GCM) for the clear value, keyed hash for matching; the form holds
      -- them masked only.
      id_number_sealed text,
      account_no_sealed text,
      id_number_hash text,
      account_hash text,
      mobile_hash text,
      sales_rep_id uuid REFERENCES users(id),
      agent_org_id uuid REFERENCES orgs(id),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      updated_at timestamptz NOT NULL DEFAULT ms_now(),
      submitted_at timestamptz,
      version int NOT NULL DEFAULT 0
    );
    CREATE INDEX merchant_applications_org_created ON merchant_applications (org_id, created_at DESC, id DESC);
    CREATE INDEX merchant_applications_status ON merchant_applications (status, created_at DESC);
    CREATE INDEX merchant_applications_credit_code ON merchant_applications (credit_code) WHERE credit_code IS NOT NULL;
    CREATE INDEX merchant_applications_id_number ON merchant_applications (id_number_hash) WHERE id_number_hash IS NOT NULL;
    CREATE INDEX merchant_applications_account ON merchant_applications (account_hash) WHERE account_hash IS NOT NULL;

    CREATE TABLE merchant_application_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES merchant_applications(id),
      at timestamptz NOT NULL DEFAULT ms_now(),
      actor_id uuid REFERENCES users(id),
      actor_name text NOT NULL,
      event text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      comment text
    );
    CREATE INDEX merchant_application_events_app ON merchant_application_events (application_id, id);

    -- The checklist of the review: system checks run at each submission, reviewer decisions per item.
    CREATE TABLE merchant_application_checks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES merchant_applications(id),
      round int NOT NULL,
      item text NOT NULL,
      field text,
      result text NOT NULL CHECK (result IN ('passed', 'failed', 'warning', 'overridden')),
      detail text NOT NULL,
      source text NOT NULL CHECK (source IN ('system', 'reviewer')),
      reviewer_id uuid REFERENCES users(id),
      comment text,
      at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE INDEX merchant_application_checks_app ON merchant_application_checks (application_id, round, id);

    -- 信用评估: the score with its factors, the grade and limits it proposes, and any override.
    CREATE TABLE merchant_risk_assessments (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES merchant_applications(id),
      score int NOT NULL CHECK (score >= 0),
      factors jsonb NOT NULL,
      proposed_grade text NOT NULL CHECK (proposed_grade IN ('A', 'B', 'C', 'D')),
      grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
      single_limit_minor bigint NOT NULL CHECK (single_limit_minor > 0),
      daily_limit_minor bigint NOT NULL CHECK (daily_limit_minor >= single_limit_minor),
      monthly_limit_minor bigint NOT NULL CHECK (monthly_limit_minor >= daily_limit_minor),
      inspection_months int NOT NULL CHECK (inspection_months BETWEEN 1 AND 24),
      override_reason text,
      assessed_by uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT ms_now(),
      CHECK ((grade = proposed_grade AND override_reason IS NULL) OR override_reason IS NOT NULL)
    );
    CREATE INDEX merchant_risk_assessments_app ON merchant_risk_assessments (application_id, id DESC);

    -- 黑名单: values are kept only as keyed hashes (and masked for display), never in clear.
    CREATE TABLE blacklist_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('credit_code', 'id_number', 'account', 'mobile', 'merchant_name')),
      value_hash text NOT NULL,
      value_masked text NOT NULL,
      reason text NOT NULL,
      source text NOT NULL DEFAULT 'manual',
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      removed_at timestamptz
    );
    CREATE UNIQUE INDEX blacklist_entries_active ON blacklist_entries (kind, value_hash) WHERE active;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
