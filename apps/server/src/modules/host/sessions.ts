import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';

/** A terminal's signed-on state: its session keys (sealed) and current batch. */
export interface TerminalSession {
  terminalId: string;
  tid: string;
  orgId: string;
  batchNo: number;
  sealedPik: string;
  sealedMak: string;
  signedOnAt: Date;
}

/**
 * Sessions live in PostgreSQL (every host process sees a sign-on made through another) and are cached
 * here for a short time, so a message costs no query. A sign-on through another process is seen within
 * the cache time; until then the terminal's MAC fails (A0) and it signs on again, as terminals do.
 */
export function createSessionStore(db: Db, cacheMs = 30_000) {
  const cache = new Map<string, { session: TerminalSession | null; until: number }>();
  const remember = (tid: string, session: TerminalSession | null) => {
    if (cache.size > 200_000) cache.clear();
    cache.set(tid, { session, until: Date.now() + cacheMs });
    return session;
  };
  return {
    async get(tid: string): Promise<TerminalSession | null> {
      const hit = cache.get(tid);
      if (hit && hit.until > Date.now()) return hit.session;
      const row = await db
        .selectFrom('terminal_sessions')
        .selectAll()
        .where('tid', '=', tid)
        .executeTakeFirst();
      return remember(
        tid,
        row
          ? {
              terminalId: row.terminal_id,
              tid: row.tid,
              orgId: row.org_id,
              batchNo: row.batch_no,
              sealedPik: row.sealed_pik,
              sealedMak: row.sealed_mak,
              signedOnAt: row.signed_on_at,
            }
          : null,
      );
    },

    /** A sign-on replaces the terminal's keys; its batch stays (a first sign-on starts batch 1). */
    async signOn(
      unit: { id: string; tid: string; orgId: string },
      keys: { sealedPik: string; sealedMak: string; pikCheckValue: string; makCheckValue: string },
      at: Date,
      remoteAddress: string | null,
    ): Promise<TerminalSession> {
      // A TID given to another unit since: that unit's old session goes.
      await db
        .deleteFrom('terminal_sessions')
        .where('tid', '=', unit.tid)
        .where('terminal_id', '!=', unit.id)
        .execute();
      const row = await db
        .insertInto('terminal_sessions')
        .values({
          terminal_id: unit.id,
          tid: unit.tid,
          org_id: unit.orgId,
          sealed_pik: keys.sealedPik,
          sealed_mak: keys.sealedMak,
          pik_check_value: keys.pikCheckValue,
          mak_check_value: keys.makCheckValue,
          signed_on_at: at,
          remote_address: remoteAddress,
        })
        .onConflict((oc) =>
          oc.column('terminal_id').doUpdateSet({
            // A unit re-bound under another TID keeps one session row, under its current TID.
            tid: unit.tid,
            org_id: unit.orgId,
            sealed_pik: keys.sealedPik,
            sealed_mak: keys.sealedMak,
            pik_check_value: keys.pikCheckValue,
            mak_check_value: keys.makCheckValue,
            signed_on_at: at,
            sign_ons: sql`terminal_sessions.sign_ons + 1`,
            remote_address: remoteAddress,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      const session: TerminalSession = {
        terminalId: row.terminal_id,
        tid: row.tid,
        orgId: row.org_id,
        batchNo: row.batch_no,
        sealedPik: row.sealed_pik,
        sealedMak: row.sealed_mak,
        signedOnAt: row.signed_on_at,
      };
      remember(unit.tid, session);
      return session;
    },

    forget(tid: string) {
      cache.delete(tid);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
