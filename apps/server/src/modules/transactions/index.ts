/**
 * Transactions (交易): the durable record of every financial message the terminal host decides —
 * immutable rows, partitioned by month, keyed with the merchant, written in batches (one commit for
 * many) before any approval is answered; the request identities that make repeats harmless.
 */
export {
  createDurableWriter,
  type DurableWriter,
  type TransactionRecord,
  type WriteOutcome,
} from './durable-writer';
export type { TimelineStep, TransactionKind } from './transactions.schema';
