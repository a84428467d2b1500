/**
 * The terminal simulator (apps/terminal-sim): POS terminals speaking the terminal protocol
 * (docs/terminal-protocol.md) against the terminal host — sign-on that checks the session keys' check
 * values, heartbeats, every financial message with its MAC and the answers' MACs verified, a journal per
 * terminal, reversals of unanswered requests sent until answered, batch settlement — and a load generator
 * at a fixed arrival rate reporting throughput and latency in the bench format of QUALITY.md.
 *
 * Used by the host's tests (`SimTerminal`), benchmarks (`runLoad`) and the demo (`startBackgroundLoad`).
 */
export { type EntryMode, hotlistedCards, masked, type TestCard, testCards } from './cards';
export { type EntryState, Journal, type JournalEntry, type TxnKind, txnKinds } from './journal';
export {
  encryptedPinBlock,
  keyCheckValue,
  pinBlockFormat0,
  tripleDesDecrypt,
  tripleDesEncrypt,
} from './keys';
export {
  type ConnectionPolicy,
  createLink,
  PersistentLink,
  PerTransactionLink,
  type Transport,
} from './link';
export {
  type BackgroundLoad,
  type BackgroundLoadOptions,
  DEMO_MID,
  DEMO_SERIAL_PREFIX,
  DEMO_TID_FROM,
  DEMO_TMK,
  type FleetOptions,
  type LoadOptions,
  runLoad,
  startBackgroundLoad,
} from './load';
export { defaultMix, type Mix, type MixKind, mixKinds, parseMix } from './scenario';
export type { LoadReport } from './stats';
export {
  type CardUse,
  type ExchangeEvent,
  type SettlementResult,
  type SignOnResult,
  SimTerminal,
  type TerminalOptions,
  type TxnOutcome,
} from './terminal';
