import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { TransactionsTable } from './transactions.schema';

export type TransactionRecord = Insertable<TransactionsTable>;

/** What became of a record: saved, or a repeat of a request already saved (which id holds it). */
export type WriteOutcome = { saved: true } | { saved: false; duplicateOf: string };

interface Pending {
  record: TransactionRecord;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * 批量落库: the host answers `00` only once its transaction is committed, and one commit per
 * transaction would cap it at a few thousand a second. Records wait here for a short window (or until
 * enough have come) and go in one multi-row INSERT with one commit; each caller's promise settles after
 * that commit. The request identities go in the same commit: a second copy of a request that raced the
 * first is told so instead of being saved twice.
 */
export function createDurableWriter(db: Db, options: { windowMs?: number; maxBatch?: number } = {}) {
  const windowMs = options.windowMs ?? 2;
  const maxBatch = options.maxBatch ?? 500;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let batches = 0;
  let rows = 0;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return flushing;
    const batch = queue;
    queue = [];
    // One batch at a time, in arrival order: a later batch never commits before an earlier one.
    flushing = flushing.then(() => write(batch));
    return flushing;
  };

  const write = async (batch: Pending[]) => {
    try {
      const outcomes = await db.transaction().execute(async (tx) => {
        const keys = await tx
          .insertInto('transaction_keys')
          .values(
            batch.map(({ record: r }) => ({
              tid: r.tid,
              batch_no: r.batch_no,
              stan: r.stan,
              local_date: r.local_date,
              kind: r.kind,
              transaction_id: r.id,
              merchant_id: r.merchant_id,
              host_at: r.host_at,
              request_digest: r.request_digest,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .returning('transaction_id')
          .execute();
        const fresh = new Set(keys.map((k) => k.transaction_id));
        const saved = batch.filter((p) => fresh.has(p.record.id));
        if (saved.length > 0)
          await tx
            .insertInto('transactions')
            .values(saved.map((p) => p.record))
            .execute();
        const repeats = batch.filter((p) => !fresh.has(p.record.id));
        const firsts = new Map<string, string>();
        for (const p of repeats) {
          const r = p.record;
          const first = await tx
            .selectFrom('transaction_keys')
            .select('transaction_id')
            .where('tid', '=', r.tid)
            .where('batch_no', '=', r.batch_no)
            .where('stan', '=', r.stan)
            .where('local_date', '=', r.local_date)
            .where('kind', '=', r.kind)
            .executeTakeFirst();
          if (first) firsts.set(r.id, first.transaction_id);
        }
        return batch.map(
          (p): WriteOutcome =>
            fresh.has(p.record.id)
              ? { saved: true }
              : { saved: false, duplicateOf: firsts.get(p.record.id) ?? '' },
        );
      });
      batches++;
      rows += batch.length;
      for (const [i, p] of batch.entries()) p.resolve(outcomes[i]!);
    } catch (error) {
      // One record the database refuses must not take its neighbours down: each goes again alone.
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const p of batch) await write([p]);
    }
  };

  return {
    /** Resolves once the record is committed (or found to repeat one that is). */
    write(record: TransactionRecord): Promise<WriteOutcome> {
      return new Promise((resolve, reject) => {
        queue.push({ record, resolve, reject });
        if (queue.length >= maxBatch) void flush();
        else if (!timer) timer = setTimeout(() => void flush(), windowMs);
      });
    },
    /** Writes what is waiting now; resolves when it is committed. */
    flush,
    stats: () => ({ batches, rows, waiting: queue.length }),
  };
}

export type DurableWriter = ReturnType<typeof createDurableWriter>;
