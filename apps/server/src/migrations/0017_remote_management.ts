import { type Kysely, sql } from 'kysely';

/**
 * 远程维护: firmware and app releases per terminal model (固件/应用版本), upgrade campaigns (升级任务)
 * with a row per targeted terminal, the app version heartbeats may report, and the merchants' business
 * hours (营业时间), whose complement is the maintenance window upgrades are offered in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Business hours, local time of TZ_BUSINESS. opens = closes: open around the clock (no window);
  // opens > closes: the hours cross midnight (18:00–02:00). Taken from the application form's
  // business.hours when it has both, else 09:00–22:00 — for the merchants there are and, by the trigger,
  // for those going live later (the merchants module inserts without naming the columns).
  await sql`
    ALTER TABLE merchants ADD COLUMN business_opens time, ADD COLUMN business_closes time;

    CREATE FUNCTION merchant_business_hours() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      hours jsonb;
      pattern constant text := '^([01][0-9]|2[0-3]):[0-5][0-9]$';
    BEGIN
      IF NEW.business_opens IS NULL OR NEW.business_closes IS NULL THEN
        SELECT a.form -> 'business' -> 'hours' INTO hours
          FROM merchant_applications a WHERE a.id = NEW.application_id;
        IF coalesce(hours ->> 'open', '') ~ pattern AND coalesce(hours ->> 'close', '') ~ pattern THEN
          NEW.business_opens := coalesce(NEW.business_opens, (hours ->> 'open')::time);
          NEW.business_closes := coalesce(NEW.business_closes, (hours ->> 'close')::time);
        ELSE
          NEW.business_opens := coalesce(NEW.business_opens, time '09:00');
          NEW.business_closes := coalesce(NEW.business_closes, time '22:00');
        END IF;
      END IF;
      RETURN NEW;
    END $$;

    -- Fills hours left NULL, on insert and on an update that clears them.
    CREATE TRIGGER merchants_business_hours BEFORE INSERT OR UPDATE OF business_opens, business_closes
      ON merchants FOR EACH ROW EXECUTE FUNCTION merchant_business_hours();
    -- Fires the trigger for every existing merchant: the form's hours or the default.
    UPDATE merchants SET business_opens = NULL, business_closes = NULL;
    ALTER TABLE merchants
      ALTER COLUMN business_opens SET NOT NULL,
      ALTER COLUMN business_closes SET NOT NULL;
  `.execute(db);

  await sql`
    ALTER TABLE terminals ADD COLUMN app_version text;

    CREATE TABLE terminal_releases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      model_id uuid NOT NULL REFERENCES terminal_models(id),
      kind text NOT NULL CHECK (kind IN ('firmware', 'app')),
      version text NOT NULL CHECK (version ~ '^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$'),
      notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
      package_sha256 text NOT NULL CHECK (package_sha256 ~ '^[0-9a-f]{64}$'),
      package_bytes bigint NOT NULL CHECK (package_bytes BETWEEN 1 AND 4294967296),
      package_url text CHECK (package_url ~ '^https?://'),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
      released_at timestamptz,
      withdrawn_at timestamptz,
      withdrawn_reason text,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      revision int NOT NULL DEFAULT 0,
      UNIQUE (model_id, kind, version),
      CHECK ((status = 'draft') = (released_at IS NULL) OR status = 'withdrawn'),
      CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
    );

    CREATE SEQUENCE terminal_campaign_no;
    CREATE TABLE terminal_campaigns (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      no text NOT NULL UNIQUE,
      org_id uuid NOT NULL REFERENCES orgs(id),
      release_id uuid NOT NULL REFERENCES terminal_releases(id),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
      from_versions text[] NOT NULL DEFAULT '{}' CHECK (cardinality(from_versions) <= 50),
      canary_percent int NOT NULL CHECK (canary_percent BETWEEN 1 AND 50),
      state text NOT NULL CHECK (state IN ('draft', 'canary', 'canary_paused', 'rolling', 'rolling_paused',
                                           'completed', 'cancelled')),
      targets int NOT NULL DEFAULT 0 CHECK (targets >= 0),
      canary_targets int NOT NULL DEFAULT 0 CHECK (canary_targets BETWEEN 0 AND targets),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      started_at timestamptz,
      canary_passed_at timestamptz,
      finished_at timestamptz,
      paused_at timestamptz,
      paused_by uuid REFERENCES users(id),
      pause_reason text CHECK (pause_reason IN ('manual', 'offline_rate', 'decline_rate', 'release_withdrawn')),
      pause_note text,
      pause_detail jsonb,
      version int NOT NULL DEFAULT 0,
      CHECK ((state IN ('canary_paused', 'rolling_paused')) = (paused_at IS NOT NULL AND pause_reason IS NOT NULL)),
      CHECK ((state = 'draft') = (started_at IS NULL)),
      CHECK ((state IN ('completed', 'cancelled')) = (finished_at IS NOT NULL))
    );
    CREATE INDEX terminal_campaigns_org ON terminal_campaigns (org_id, created_at DESC, id DESC);
    CREATE INDEX terminal_campaigns_running ON terminal_campaigns (state)
      WHERE state IN ('canary', 'rolling');

    -- One row per targeted terminal. kind and target_version are the release's, copied so that a heartbeat
    -- reporting a version finds its row with one indexed statement.
    CREATE TABLE terminal_campaign_targets (
      campaign_id uuid NOT NULL REFERENCES terminal_campaigns(id),
      terminal_id uuid NOT NULL REFERENCES terminals(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      kind text NOT NULL CHECK (kind IN ('firmware', 'app')),
      target_version text NOT NULL,
      stage text NOT NULL CHECK (stage IN ('canary', 'rollout')),
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'scheduled', 'upgraded', 'failed', 'skipped')),
      from_version text,
      scheduled_at timestamptz,
      upgraded_at timestamptz,
      failed_at timestamptz,
      fail_reason text,
      PRIMARY KEY (campaign_id, terminal_id),
      CHECK (status NOT IN ('scheduled', 'failed') OR scheduled_at IS NOT NULL),
      CHECK ((status = 'upgraded') = (upgraded_at IS NOT NULL)),
      CHECK ((status = 'failed') = (failed_at IS NOT NULL))
    );
    CREATE INDEX terminal_campaign_targets_terminal ON terminal_campaign_targets (terminal_id);
    -- A unit waits for at most one release of a kind: overlapping campaigns would fight over it.
    CREATE UNIQUE INDEX terminal_campaign_targets_one_open ON terminal_campaign_targets (terminal_id, kind)
      WHERE status IN ('pending', 'scheduled');
    CREATE INDEX terminal_campaign_targets_scheduled ON terminal_campaign_targets (scheduled_at)
      WHERE status = 'scheduled';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
