import type { IsoMessage } from '@posops/iso8583';
import type { ModuleDeps } from '../../platform/module';
import type { SecurityModule } from '../security';
import type { SessionStore } from './sessions';

/** What every message handler of the host gets. */
export interface HostContext {
  deps: ModuleDeps;
  security: SecurityModule;
  sessions: SessionStore;
  log: HostLog;
}

/** One line per message: ids and codes only — never a card number, track data, PIN block or key. */
export type HostLog = (line: {
  event: string;
  tid?: string | undefined;
  mti?: string | undefined;
  code?: string | undefined;
  reason?: string | undefined;
  ms?: number | undefined;
  remote?: string | null | undefined;
}) => void;

/** A decoded request as it arrived. */
export interface Inbound {
  message: IsoMessage;
  /** The span its MAC covers, when it carries field 64. */
  macInput: Uint8Array | null;
  remoteAddress: string | null;
  receivedAt: Date;
}

/** A handler's answer: the message, whether it is MACed under the terminal's MAK, and why (for the log). */
export interface Outbound {
  answer: IsoMessage | null;
  macWith?: string | undefined;
  reason: string;
}

/** Field 41 and 42 as the terminal sent them (fixed ans fields: trailing spaces are padding). */
export const tidOf = (m: IsoMessage) => (typeof m.fields[41] === 'string' ? m.fields[41].trimEnd() : null);
export const midOf = (m: IsoMessage) => (typeof m.fields[42] === 'string' ? m.fields[42].trimEnd() : null);
