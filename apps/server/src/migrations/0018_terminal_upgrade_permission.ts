import { type Kysely, sql } from 'kysely';

/**
 * 远程升级 becomes its own permission: running a campaign reaches every terminal of a model in a
 * subtree, which is more than the field engineer's "record a fault" (terminal.manage) should allow.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, 'terminal.upgrade' FROM roles r WHERE r.code = 'ops_manager'
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
