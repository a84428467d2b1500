import { type Kysely, sql } from 'kysely';

/**
 * 账实相符 from the books, not from the status: each unit keeps when it was received (an import or a
 * goods receipt) and when it was scrapped (by approval), set by the database from its history as the
 * events are written, whatever code writes them. The register counts them in the overview's one scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE terminals ADD COLUMN received_at timestamptz, ADD COLUMN scrapped_at timestamptz;
    UPDATE terminals t SET received_at = e.at FROM (
      SELECT terminal_id, min(at) AS at FROM terminal_events WHERE event = 'receive' GROUP BY terminal_id
    ) e WHERE e.terminal_id = t.id;
    UPDATE terminals t SET scrapped_at = e.at FROM (
      SELECT terminal_id, min(at) AS at FROM terminal_events WHERE event = 'scrap' GROUP BY terminal_id
    ) e WHERE e.terminal_id = t.id;

    CREATE FUNCTION terminal_books() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.event = 'receive' THEN
        UPDATE terminals SET received_at = NEW.at WHERE id = NEW.terminal_id AND received_at IS NULL;
      ELSE
        UPDATE terminals SET scrapped_at = NEW.at WHERE id = NEW.terminal_id AND scrapped_at IS NULL;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER terminal_events_books AFTER INSERT ON terminal_events
      FOR EACH ROW WHEN (NEW.event IN ('receive', 'scrap')) EXECUTE FUNCTION terminal_books();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
