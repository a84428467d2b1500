import { type Kysely, sql } from 'kysely';

/**
 * 机具管理: the catalogue (models, suppliers), warehouses (one per org or agent), the terminal ledger with
 * its history. The regulator's binding rule is a table invariant: an installed terminal carries exactly
 * one binding — acquirer, merchant (MID), TID, credit code, settlement account, deployment address — on
 * its own row (no 一机多码, no 一机多户), and a TID belongs to one terminal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE terminal_models (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      brand text NOT NULL CHECK (length(brand) BETWEEN 1 AND 50),
      model text NOT NULL CHECK (length(model) BETWEEN 1 AND 50),
      type text NOT NULL CHECK (type IN ('traditional', 'smart', 'qr_box')),
      capabilities text[] NOT NULL CHECK (cardinality(capabilities) > 0
        AND capabilities <@ ARRAY['magstripe', 'ic', 'contactless', 'qr', 'printer']),
      unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      version int NOT NULL DEFAULT 0,
      UNIQUE (brand, model)
    );

    CREATE TABLE suppliers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 100),
      qualification text NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      rating int NOT NULL CHECK (rating BETWEEN 1 AND 5),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      version int NOT NULL DEFAULT 0
    );

    -- 仓库: each org and each agent may hold one.
    CREATE TABLE warehouses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL UNIQUE REFERENCES orgs(id),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('org', 'agent')),
      created_at timestamptz NOT NULL DEFAULT ms_now()
    );

    -- Every org and agent has its warehouse from its creation on, whichever module creates the org.
    CREATE FUNCTION create_org_warehouse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO warehouses (org_id, code, name, kind)
      VALUES (NEW.id, 'WH-' || NEW.code, NEW.name || '仓库', CASE WHEN NEW.kind = 'agent' THEN 'agent' ELSE 'org' END)
      ON CONFLICT (org_id) DO NOTHING;
      RETURN NEW;
    END $$;
    CREATE TRIGGER orgs_warehouse AFTER INSERT ON orgs FOR EACH ROW EXECUTE FUNCTION create_org_warehouse();
    INSERT INTO warehouses (org_id, code, name, kind)
    SELECT id, 'WH-' || code, name || '仓库', CASE WHEN kind = 'agent' THEN 'agent' ELSE 'org' END FROM orgs;

    -- TIDs of installed terminals: 8 digits; 10000001–10099999 are kept for fixed assignments (the demo's
    -- chain store of the terminal protocol).
    CREATE SEQUENCE terminal_tid START 10100001 MAXVALUE 99999999;

    CREATE TABLE terminals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      serial_no text NOT NULL UNIQUE CHECK (serial_no ~ '^[A-Za-z0-9-]{4,40}$'),
      model_id uuid NOT NULL REFERENCES terminal_models(id),
      supplier_id uuid REFERENCES suppliers(id),
      purchased_at date,
      -- The org whose subtree sees the unit: its warehouse's org, or its merchant's.
      org_id uuid NOT NULL REFERENCES orgs(id),
      status text NOT NULL CHECK (status IN ('in_stock', 'allocated', 'installed', 'active', 'faulty',
        'in_repair', 'retired', 'lost', 'scrapped')),
      warehouse_id uuid REFERENCES warehouses(id),
      -- The binding (绑定) of an installed terminal, all or nothing.
      merchant_id uuid REFERENCES merchants(id),
      tid text UNIQUE CHECK (tid ~ '^[0-9]{8}$'),
      bound_acquirer text,
      bound_mid text,
      bound_credit_code text,
      bound_account_hash text,
      bound_account_masked text,
      bound_division_code text,
      bound_address text,
      latitude numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
      longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
      bound_at timestamptz,
      installed_at timestamptz,
      firmware_version text,
      last_heartbeat_at timestamptz,
      -- 密钥灌装: the TMK sealed under the host master key, and its check value; never the clear key.
      tmk_sealed text,
      tmk_check_value text CHECK (tmk_check_value ~ '^[0-9A-F]{8}$'),
      tmk_injected_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      version int NOT NULL DEFAULT 0,
      CONSTRAINT terminals_binding_whole CHECK (
        (merchant_id IS NULL AND tid IS NULL AND bound_acquirer IS NULL AND bound_mid IS NULL
          AND bound_credit_code IS NULL AND bound_account_hash IS NULL AND bound_account_masked IS NULL
          AND bound_division_code IS NULL AND bound_address IS NULL AND bound_at IS NULL)
        OR (merchant_id IS NOT NULL AND tid IS NOT NULL AND bound_acquirer IS NOT NULL AND bound_mid IS NOT NULL
          AND bound_credit_code IS NOT NULL AND bound_account_hash IS NOT NULL AND bound_account_masked IS NOT NULL
          AND bound_division_code IS NOT NULL AND bound_address IS NOT NULL AND bound_at IS NOT NULL)),
      -- In a warehouse or at a merchant, never both; installed and active units are bound.
      CONSTRAINT terminals_one_place CHECK (warehouse_id IS NULL OR merchant_id IS NULL),
      CONSTRAINT terminals_installed_bound CHECK (status NOT IN ('installed', 'active') OR merchant_id IS NOT NULL),
      CONSTRAINT terminals_stock_in_warehouse CHECK (status NOT IN ('in_stock', 'allocated') OR warehouse_id IS NOT NULL),
      CONSTRAINT terminals_key_whole CHECK ((tmk_sealed IS NULL) = (tmk_check_value IS NULL)
        AND (tmk_sealed IS NULL) = (tmk_injected_at IS NULL))
    );
    CREATE INDEX terminals_org_created ON terminals (org_id, created_at DESC, id DESC);
    CREATE INDEX terminals_status ON terminals (status, created_at DESC, id DESC);
    CREATE INDEX terminals_model ON terminals (model_id, created_at DESC, id DESC);
    CREATE INDEX terminals_warehouse ON terminals (warehouse_id, created_at DESC, id DESC) WHERE warehouse_id IS NOT NULL;
    CREATE INDEX terminals_merchant ON terminals (merchant_id) WHERE merchant_id IS NOT NULL;
    CREATE INDEX terminals_serial_prefix ON terminals (serial_no text_pattern_ops);

    -- 机具履历: every move of every unit, who and why.
    CREATE TABLE terminal_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      terminal_id uuid NOT NULL REFERENCES terminals(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      at timestamptz NOT NULL DEFAULT ms_now(),
      event text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid REFERENCES users(id),
      actor_name text NOT NULL,
      detail jsonb
    );
    CREATE INDEX terminal_events_terminal ON terminal_events (terminal_id, id);

    -- The unit an installation (or relocation, retrieval) work order concerns.
    ALTER TABLE work_orders ADD COLUMN terminal_id uuid REFERENCES terminals(id);
  `.execute(db);

  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission
    FROM roles r
    JOIN (VALUES
      ('sysadmin', 'terminal.read'),
      ('ops_manager', 'terminal.read'), ('ops_manager', 'terminal.manage'), ('ops_manager', 'terminal.import'),
      ('ops_manager', 'catalogue.manage'),
      ('procurement', 'terminal.read'), ('procurement', 'terminal.import'), ('procurement', 'catalogue.manage'),
      ('field_engineer', 'terminal.read'), ('field_engineer', 'terminal.manage'),
      ('back_office', 'terminal.read'), ('risk_officer', 'terminal.read'), ('analyst', 'terminal.read'),
      ('cs_supervisor', 'terminal.read'), ('cs_agent', 'terminal.read'), ('agent', 'terminal.read')
    ) AS p(role_code, permission) ON p.role_code = r.code
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
