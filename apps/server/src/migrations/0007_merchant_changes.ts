import { type Kysely, sql } from 'kysely';

/**
 * The merchant's current profile (address, settlement account, rate plan, 业务归属) on the merchant row,
 * its rates over time, and change requests (变更申请) that go through approval and take effect on a date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE merchants
      ADD COLUMN division_code text,
      ADD COLUMN address_detail text,
      ADD COLUMN settlement_account_type text CHECK (settlement_account_type IN ('corporate', 'personal')),
      ADD COLUMN settlement_bank_name text,
      ADD COLUMN settlement_branch_name text,
      ADD COLUMN settlement_holder_name text,
      ADD COLUMN account_no_sealed text,
      ADD COLUMN account_hash text,
      ADD COLUMN account_masked text,
      ADD COLUMN rate_plan_id uuid REFERENCES rate_plans(id),
      ADD COLUMN sales_rep_id uuid REFERENCES users(id),
      ADD COLUMN agent_org_id uuid REFERENCES orgs(id);

    -- Merchants that went live before this migration: their profile is their application's.
    UPDATE merchants m SET
      division_code = a.form #>> '{business,address,divisionCode}',
      address_detail = a.form #>> '{business,address,detail}',
      settlement_account_type = a.form #>> '{settlement,accountType}',
      settlement_bank_name = a.form #>> '{settlement,bankName}',
      settlement_branch_name = a.form #>> '{settlement,branchName}',
      settlement_holder_name = a.form #>> '{settlement,holderName}',
      account_no_sealed = a.account_no_sealed,
      account_hash = a.account_hash,
      account_masked = a.form #>> '{settlement,accountNo}',
      sales_rep_id = a.sales_rep_id,
      agent_org_id = a.agent_org_id
    FROM merchant_applications a WHERE a.id = m.application_id;
    UPDATE merchants m SET rate_plan_id = c.rate_plan_id
    FROM merchant_contracts c WHERE c.application_id = m.application_id;

    ALTER TABLE merchants
      ALTER COLUMN division_code SET NOT NULL,
      ALTER COLUMN address_detail SET NOT NULL,
      ALTER COLUMN settlement_account_type SET NOT NULL,
      ALTER COLUMN settlement_bank_name SET NOT NULL,
      ALTER COLUMN settlement_branch_name SET NOT NULL,
      ALTER COLUMN settlement_holder_name SET NOT NULL,
      ALTER COLUMN account_no_sealed SET NOT NULL,
      ALTER COLUMN account_hash SET NOT NULL,
      ALTER COLUMN account_masked SET NOT NULL,
      ALTER COLUMN rate_plan_id SET NOT NULL,
      ADD CONSTRAINT merchants_division_code CHECK (division_code ~ '^[0-9]{6}$'),
      ADD CONSTRAINT merchants_limits_rise
        CHECK (single_limit_minor > 0 AND daily_limit_minor >= single_limit_minor
          AND monthly_limit_minor >= daily_limit_minor);
    CREATE INDEX merchants_grade ON merchants (risk_grade, created_at DESC, id DESC);
    CREATE INDEX merchants_sales_rep ON merchants (sales_rep_id, created_at DESC, id DESC) WHERE sales_rep_id IS NOT NULL;
    CREATE INDEX merchants_agent_org ON merchants (agent_org_id) WHERE agent_org_id IS NOT NULL;
    CREATE INDEX merchants_account ON merchants (account_hash);

    -- 费率 over time: the rates a merchant pays from a date on. The contract's first, then each
    -- approved change from its effective date; what applied on a past day never changes.
    CREATE TABLE merchant_rates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id),
      merchant_id uuid NOT NULL REFERENCES merchants(id),
      rate_plan_id uuid NOT NULL REFERENCES rate_plans(id),
      rates jsonb NOT NULL,
      effective_from date NOT NULL,
      source text NOT NULL CHECK (source IN ('contract', 'change')),
      change_request_id uuid,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      UNIQUE (merchant_id, effective_from)
    );
    INSERT INTO merchant_rates (org_id, merchant_id, rate_plan_id, rates, effective_from, source)
    SELECT m.org_id, m.id, c.rate_plan_id, c.rates, c.effective_date, 'contract'
    FROM merchants m JOIN merchant_contracts c ON c.application_id = m.application_id;

    CREATE SEQUENCE merchant_change_no;

    -- 变更申请: one open request per merchant and kind. before/after are what people see (account
    -- numbers masked); a new account number is kept sealed and hashed beside them.
    CREATE TABLE merchant_change_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      no text NOT NULL UNIQUE,
      org_id uuid NOT NULL REFERENCES orgs(id),
      merchant_id uuid NOT NULL REFERENCES merchants(id),
      kind text NOT NULL CHECK (kind IN ('settlement_account', 'address', 'rate_plan', 'limits')),
      status text NOT NULL CHECK (status IN ('pending_approval', 'returned', 'scheduled', 'applied',
        'rejected', 'cancelled')),
      before jsonb NOT NULL,
      after jsonb NOT NULL,
      account_no_sealed text,
      account_hash text,
      findings jsonb NOT NULL DEFAULT '[]',
      effective_date date NOT NULL,
      reason text NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
      requested_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      updated_at timestamptz NOT NULL DEFAULT ms_now(),
      decided_at timestamptz,
      applied_at timestamptz,
      closed_reason text,
      version int NOT NULL DEFAULT 0,
      CHECK ((kind = 'settlement_account') = (account_no_sealed IS NOT NULL)),
      CHECK ((account_no_sealed IS NULL) = (account_hash IS NULL)),
      CHECK ((status = 'applied') = (applied_at IS NOT NULL))
    );
    ALTER TABLE merchant_rates ADD FOREIGN KEY (change_request_id) REFERENCES merchant_change_requests(id);
    CREATE UNIQUE INDEX merchant_change_requests_one_open ON merchant_change_requests (merchant_id, kind)
      WHERE status IN ('pending_approval', 'returned', 'scheduled');
    CREATE INDEX merchant_change_requests_org ON merchant_change_requests (org_id, created_at DESC, id DESC);
    CREATE INDEX merchant_change_requests_merchant ON merchant_change_requests (merchant_id, created_at DESC);
    CREATE INDEX merchant_change_requests_due ON merchant_change_requests (effective_date)
      WHERE status = 'scheduled';
  `.execute(db);

  // Roles seeded before this migration get the new permission (a fresh database gets it from the seed).
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission
    FROM roles r
    JOIN (VALUES
      ('ops_manager', 'merchantChange.request'),
      ('back_office', 'merchantChange.request'),
      ('sales_manager', 'merchantChange.request'),
      ('risk_officer', 'merchantChange.request')
    ) AS p(role_code, permission) ON p.role_code = r.code
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
