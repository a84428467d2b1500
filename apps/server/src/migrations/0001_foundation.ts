import { type Kysely, sql } from 'kysely';

/** Identity, audit, approvals, notifications, outbox: the tables every later module builds on. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Timestamps are kept at millisecond precision, what a JavaScript Date carries, so a keyset cursor
    -- made from a row's time finds that row again exactly (microseconds would skip or repeat rows).
    CREATE FUNCTION ms_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$ SELECT date_trunc('milliseconds', now()) $$;

    CREATE TABLE orgs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      parent_id uuid REFERENCES orgs(id),
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{2,16}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
      kind text NOT NULL CHECK (kind IN ('head_office', 'branch', 'outlet', 'agent')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
      path text NOT NULL UNIQUE,
      depth int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      CHECK ((kind = 'head_office') = (parent_id IS NULL))
    );
    CREATE INDEX orgs_path_prefix ON orgs (path text_pattern_ops);

    CREATE TABLE roles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      name_en text NOT NULL,
      privileged boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      updated_at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE TABLE role_permissions (
      role_id uuid NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
      permission text NOT NULL,
      PRIMARY KEY (role_id, permission)
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id),
      username text NOT NULL UNIQUE CHECK (username = lower(username)),
      display_name text NOT NULL,
      email text,
      phone text,
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT true,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      failed_attempts int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      totp_last_step bigint,
      is_demo boolean NOT NULL DEFAULT false,
      locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en-US')),
      last_login_at timestamptz,
      password_changed_at timestamptz,
      disabled_reason text,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      updated_at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE INDEX users_org ON users (org_id);

    CREATE TABLE user_roles (
      user_id uuid NOT NULL REFERENCES users(id),
      role_id uuid NOT NULL REFERENCES roles(id),
      granted_by uuid REFERENCES users(id),
      granted_at timestamptz NOT NULL DEFAULT ms_now(),
      PRIMARY KEY (user_id, role_id)
    );

    CREATE TABLE password_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE INDEX password_history_user ON password_history (user_id, created_at DESC);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      last_seen_at timestamptz NOT NULL DEFAULT ms_now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user ON sessions (user_id);

    CREATE TABLE login_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT ms_now(),
      user_id uuid REFERENCES users(id),
      org_id uuid REFERENCES orgs(id),
      username text NOT NULL,
      ip text,
      user_agent text,
      success boolean NOT NULL,
      reason text NOT NULL
    );
    CREATE INDEX login_history_user ON login_history (user_id, at DESC);

    CREATE TABLE permission_reviews (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      reviewer_id uuid NOT NULL REFERENCES users(id),
      outcome text NOT NULL CHECK (outcome IN ('confirmed', 'changes_requested')),
      comment text,
      roles jsonb NOT NULL,
      at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE INDEX permission_reviews_user ON permission_reviews (user_id, at DESC);
  `.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY,
      at timestamptz NOT NULL DEFAULT ms_now(),
      actor_id uuid,
      actor_name text,
      org_id uuid,
      ip text,
      request_id text,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text,
      before jsonb,
      after jsonb,
      PRIMARY KEY (at, id)
    ) PARTITION BY RANGE (at);
    CREATE INDEX audit_log_object ON audit_log (object_type, object_id, at DESC);
    CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC);
    CREATE INDEX audit_log_org_at ON audit_log (org_id, at DESC);

    -- Monthly partitions: the migration makes them from 2026-01 to three months ahead; a daily job keeps
    -- three months ahead from then on.
    CREATE FUNCTION ensure_audit_partitions(months_ahead int) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      m date := date '2026-01-01';
      last date := (date_trunc('month', now()) + make_interval(months => months_ahead))::date;
      part text;
    BEGIN
      WHILE m <= last LOOP
        part := format('audit_log_%s', to_char(m, 'YYYY_MM'));
        IF to_regclass(part) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
                         part, m, (m + interval '1 month')::date);
          -- Row triggers are inherited from audit_log; a TRUNCATE of the partition itself is not.
          EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I
                          FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()', part);
        END IF;
        m := (m + interval '1 month')::date;
      END LOOP;
    END $$;

    -- The audit log is append-only, whatever the client: the database refuses changes and removals.
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
    SELECT ensure_audit_partitions(3);
  `.execute(db);

  await sql`
    CREATE TABLE approval_chains (
      type text PRIMARY KEY,
      name text NOT NULL,
      name_en text NOT NULL,
      steps jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT ms_now()
    );

    CREATE TABLE approval_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type text NOT NULL REFERENCES approval_chains(type),
      title text NOT NULL,
      org_id uuid NOT NULL REFERENCES orgs(id),
      maker_id uuid NOT NULL REFERENCES users(id),
      object_type text NOT NULL,
      object_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'returned', 'cancelled')),
      current_step int NOT NULL DEFAULT 0,
      steps jsonb NOT NULL,
      payload jsonb NOT NULL,
      amount_minor bigint,
      grade text,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      decided_at timestamptz,
      version int NOT NULL DEFAULT 0
    );
    CREATE INDEX approval_requests_org_status ON approval_requests (org_id, status, created_at DESC);
    CREATE INDEX approval_requests_maker ON approval_requests (maker_id, created_at DESC);
    CREATE UNIQUE INDEX approval_requests_one_open ON approval_requests (type, object_type, object_id)
      WHERE status IN ('pending', 'returned');

    CREATE TABLE approval_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES approval_requests(id),
      at timestamptz NOT NULL DEFAULT ms_now(),
      actor_id uuid NOT NULL REFERENCES users(id),
      actor_name text NOT NULL,
      action text NOT NULL CHECK (action IN ('submit', 'approve', 'reject', 'return', 'resubmit', 'cancel')),
      step int,
      comment text
    );
    CREATE INDEX approval_events_request ON approval_events (request_id, id);

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      title jsonb NOT NULL,
      body jsonb NOT NULL,
      link text,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);

    -- Idempotency-Key of mutating HTTP calls: a retried or double-sent request gets the first answer.
    CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL REFERENCES users(id),
      key text NOT NULL,
      method text NOT NULL,
      url text NOT NULL,
      status int,
      body text,
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      PRIMARY KEY (user_id, key)
    );

    CREATE TABLE outbox_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT ms_now(),
      type text NOT NULL,
      payload jsonb NOT NULL,
      published_at timestamptz
    );
    CREATE INDEX outbox_unpublished ON outbox_events (id) WHERE published_at IS NULL;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
