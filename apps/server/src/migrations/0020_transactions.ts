import { type Kysely, sql } from 'kysely';

/**
 * 交易: every financial message the host decided, one immutable row each (a void, refund, completion or
 * reversal is its own row naming its original), range-partitioned by month and keyed with the merchant
 * (the distribution key when transactions are sharded by merchant). The card appears only as masked
 * PAN, BIN and a keyed hash; never the PAN, track data, PIN block or CVV. transaction_keys holds the
 * protocol's request identity (TID, batch, STAN, local date) for idempotency across partitions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE transactions (
      id uuid NOT NULL,
      merchant_id uuid NOT NULL,
      host_at timestamptz NOT NULL,
      org_id uuid NOT NULL,
      terminal_id uuid NOT NULL,
      tid text NOT NULL CHECK (tid ~ '^[0-9]{8}$'),
      mid text NOT NULL,
      batch_no int NOT NULL CHECK (batch_no BETWEEN 1 AND 999999),
      stan text NOT NULL CHECK (stan ~ '^[0-9]{6}$'),
      local_date text NOT NULL CHECK (local_date ~ '^[0-9]{4}$'),
      local_time text CHECK (local_time ~ '^[0-9]{6}$'),
      business_date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('purchase', 'balance', 'void', 'refund', 'preauth', 'preauth_cancel',
                                         'completion', 'completion_void', 'reversal')),
      method text NOT NULL CHECK (method IN ('card', 'qr')),
      entry_mode text CHECK (entry_mode ~ '^[0-9]{3}$'),
      pin_entered boolean NOT NULL DEFAULT false,
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      currency text NOT NULL CHECK (currency ~ '^[0-9]{3}$'),
      pan_masked text CHECK (pan_masked ~ '^[0-9]{6}\\*+[0-9]{4}$'),
      pan_bin text CHECK (pan_bin ~ '^[0-9]{6,8}$'),
      pan_hash text,
      rrn text NOT NULL CHECK (rrn ~ '^[0-9]{12}$'),
      auth_code text,
      response_code text NOT NULL CHECK (response_code ~ '^[0-9A-Z]{2}$'),
      approved boolean NOT NULL,
      decline_step text,
      decline_reason text,
      original_id uuid,
      original_rrn text,
      channel text,
      channel_response text,
      request_digest text NOT NULL,
      timeline jsonb NOT NULL,
      latency_us int,
      PRIMARY KEY (merchant_id, host_at, id),
      CHECK (approved = (response_code = '00'))
    ) PARTITION BY RANGE (host_at);
    CREATE TABLE transactions_default PARTITION OF transactions DEFAULT;
    CREATE INDEX transactions_org_time ON transactions (org_id, host_at DESC, id DESC);
    CREATE INDEX transactions_terminal_time ON transactions (terminal_id, host_at DESC);
    CREATE INDEX transactions_rrn ON transactions (rrn);
    CREATE INDEX transactions_original ON transactions (original_id) WHERE original_id IS NOT NULL;

    -- Monthly partitions from the month before until months_ahead; a daily job keeps them ahead.
    CREATE FUNCTION ensure_transaction_partitions(months_ahead int) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      m date := (date_trunc('month', now()) - interval '1 month')::date;
      last date := (date_trunc('month', now()) + make_interval(months => months_ahead))::date;
      part text;
    BEGIN
      WHILE m <= last LOOP
        part := format('transactions_%s', to_char(m, 'YYYY_MM'));
        IF to_regclass(part) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF transactions FOR VALUES FROM (%L) TO (%L)',
                         part, m, (m + interval '1 month')::date);
        END IF;
        m := (m + interval '1 month')::date;
      END LOOP;
    END $$;
    SELECT ensure_transaction_partitions(3);

    -- The protocol's identity of a request: a repeat gets the first answer again (or 94).
    CREATE TABLE transaction_keys (
      tid text NOT NULL,
      batch_no int NOT NULL,
      stan text NOT NULL,
      local_date text NOT NULL,
      kind text NOT NULL,
      transaction_id uuid NOT NULL,
      merchant_id uuid NOT NULL,
      host_at timestamptz NOT NULL,
      request_digest text NOT NULL,
      PRIMARY KEY (tid, batch_no, stan, local_date, kind)
    );
    CREATE INDEX transaction_keys_age ON transaction_keys (host_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
