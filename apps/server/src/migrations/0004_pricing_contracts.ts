import { type Kysely, sql } from 'kysely';

/**
 * Pricing (费率): the rate plan catalogue. Merchants (签约): the contract of an approved application.
 * Rates are integers in parts per million of the amount (0.55% = 5500), caps bigint fen
 * (docs/decisions/0008-rates-in-ppm.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE rate_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,39}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 2 AND 100),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
      currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
      -- Parts per million of the amount: 0 … 100,000 (0% … 10%).
      debit_rate_ppm int NOT NULL CHECK (debit_rate_ppm BETWEEN 0 AND 100000),
      -- 借记卡封顶 per transaction, fen; NULL: no cap.
      debit_cap_minor bigint CHECK (debit_cap_minor >= 0),
      credit_rate_ppm int NOT NULL CHECK (credit_rate_ppm BETWEEN 0 AND 100000),
      qr_rate_ppm int NOT NULL CHECK (qr_rate_ppm BETWEEN 0 AND 100000),
      -- The China MCC pricing class the plan is for; NULL: any class.
      mcc_category text CHECK (mcc_category IN ('餐娱类', '房产汽车类', '批发类', '一般类', '民生类', '公益类')),
      effective_from date NOT NULL,
      note text,
      created_at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE INDEX rate_plans_category ON rate_plans (mcc_category, status);

    CREATE SEQUENCE merchant_contract_no;

    -- 签约: one contract per application. The rates are copied at generation (what the merchant
    -- signs stays what it signed, whatever later happens to the catalogue's plan).
    CREATE TABLE merchant_contracts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL UNIQUE REFERENCES merchant_applications(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      contract_no text NOT NULL UNIQUE,
      rate_plan_id uuid NOT NULL REFERENCES rate_plans(id),
      rates jsonb NOT NULL,
      terms jsonb NOT NULL,
      effective_date date NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'generated', 'signed')),
      document_id uuid REFERENCES documents(id),
      generated_at timestamptz,
      signer_name text CHECK (length(signer_name) BETWEEN 2 AND 50),
      signed_at timestamptz,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      updated_at timestamptz NOT NULL DEFAULT ms_now(),
      version int NOT NULL DEFAULT 0,
      CHECK ((status = 'draft') = (document_id IS NULL)),
      CHECK ((document_id IS NULL) = (generated_at IS NULL)),
      CHECK ((status = 'signed') = (signed_at IS NOT NULL)),
      CHECK ((signed_at IS NULL) = (signer_name IS NULL)
        AND (signed_at IS NULL) = (recorded_by IS NULL)
        AND (signed_at IS NULL) = (recorded_at IS NULL))
    );
    CREATE INDEX merchant_contracts_org ON merchant_contracts (org_id);
  `.execute(db);

  // A database seeded before this migration keeps its roles: give the default roles the new
  // permissions (a fresh database has no roles yet; the seed gives them from the role catalogue).
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission
    FROM roles r
    JOIN (VALUES
      ('sysadmin', 'ratePlan.read'),
      ('ops_manager', 'ratePlan.read'), ('ops_manager', 'contract.read'), ('ops_manager', 'contract.manage'),
      ('analyst', 'ratePlan.read'),
      ('sales_manager', 'ratePlan.read'), ('sales_manager', 'contract.read'), ('sales_manager', 'contract.manage'),
      ('sales_rep', 'ratePlan.read'),
      ('front_desk', 'ratePlan.read'), ('front_desk', 'contract.read'),
      ('back_office', 'ratePlan.read'), ('back_office', 'contract.read'), ('back_office', 'contract.manage'),
      ('risk_officer', 'ratePlan.read'), ('risk_officer', 'contract.read'),
      ('settlement', 'ratePlan.read'),
      ('cs_supervisor', 'ratePlan.read'),
      ('cs_agent', 'ratePlan.read'),
      ('approver', 'ratePlan.read'), ('approver', 'contract.read'),
      ('agent', 'ratePlan.read')
    ) AS p(role_code, permission) ON p.role_code = r.code
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
