import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';

const BLOCK = 100;

/** Hands out numbers of a sequence taken a block at a time (the sequence steps by the block). */
function blocks(db: Db, sequence: 'host_rrn' | 'host_channel_stan') {
  let next = 0;
  let end = 0;
  let fetching: Promise<void> | null = null;
  const refill = async () => {
    const { rows } = await sql<{ n: bigint }>`SELECT nextval(${sequence}::regclass) AS n`.execute(db);
    next = Number(rows[0]!.n);
    end = next + BLOCK;
  };
  return async (): Promise<number> => {
    while (next >= end) {
      fetching ??= refill().finally(() => {
        fetching = null;
      });
      await fetching;
    }
    return next++;
  };
}

export function createHostNumbers(db: Db) {
  const rrn = blocks(db, 'host_rrn');
  const stan = blocks(db, 'host_channel_stan');
  return {
    rrn: async () => String(await rrn()).padStart(12, '0'),
    channelStan: async () => String(await stan()).padStart(6, '0'),
  };
}

export type HostNumbers = ReturnType<typeof createHostNumbers>;
