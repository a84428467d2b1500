/**
 * The channel simulator (apps/channel-sim): the acquiring bank / card scheme the terminal host talks to
 * over ISO 8583 on TCP (docs/channel-protocol.md). Sandbox outcomes by the amount's last two digits and a
 * lost/stolen list; its own journal of what it decided (no full card numbers); the daily clearing file
 * (docs/clearing-file.md) with optional injected differences for reconciliation tests.
 *
 * Start it in-process with `startChannelSimulator`, as a child process with `spawnChannelSimulator`, or
 * bare (tests) with `createChannelServer`.
 */
export {
  type ClearingConfig,
  type ClearingHeader,
  type ClearingLine,
  type ClearingStatus,
  type ClearingTotals,
  type ClearingType,
  clearingTotals,
  clearingTypes,
  feeFor,
} from './clearing';
export {
  type ClearingEncoding,
  type ClearingFileResult,
  clearingEncodings,
  defaultClearingFileName,
  type ParsedClearingFile,
  parseClearingFile,
} from './clearing-file';
export type { InjectedDifference, InjectOptions } from './clearing-inject';
export {
  type ChannelEnvOptions,
  channelOptionsFromEnv,
  DEFAULT_CHANNEL_PORT,
  DEMO_ZONE_MAC_KEY,
} from './config';
export { type ChannelRules, defaultRules } from './engine';
export type { JournalEvent, Ledger, ReversalEvent, TxnEvent, TxnKind, TxnState } from './ledger';
export type { ChannelLogger } from './logger';
export {
  builtInHotlist,
  type HotlistCode,
  type SandboxEnding,
  sandboxBalanceFen,
  sandboxEndings,
  sandboxOutcome,
} from './sandbox';
export {
  type ChannelServer,
  type ChannelServerOptions,
  createChannelServer,
  defaultClearingConfig,
} from './server';
export { type ChannelSimulator, type ChannelSimulatorOptions, startChannelSimulator } from './simulator';
export { type SpawnedChannelSimulator, spawnChannelSimulator } from './spawn';
