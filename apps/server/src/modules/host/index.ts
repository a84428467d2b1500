/**
 * Terminal host (终端接入): the ISO 8583 listener POS terminals talk to (docs/terminal-protocol.md) — sign-on
 * with session keys from the security module, heartbeats into the terminal ledger, and (with the
 * transaction pipeline) the financial messages. Owns terminal_sessions. Uses terminals and security.
 */
export type { HostLog } from './host-context';
export { createTerminalHost, type TerminalHost } from './terminal-host';
