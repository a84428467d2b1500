import type { IsoMessage } from '@posops/iso8583';
import type { ModuleDeps } from '../../platform/module';
import type { SecurityModule } from '../security';
import type { DurableWriter, TransactionKind } from '../transactions';
import type { ChannelLink } from './channel-link';
import type { HostNumbers } from './numbers';
import type { RiskState } from './risk-state';
import type { SessionStore } from './sessions';

/** What every message handler of the host gets. */
export interface HostContext {
  deps: ModuleDeps;
  security: SecurityModule;
  sessions: SessionStore;
  log: HostLog;
  financial: FinancialDeps;
}

/** (TID, batch, STAN, local date) and the kind: what makes a request the same request. */
export interface RequestIdentity {
  tid: string;
  batch: number;
  stan: string;
  localDate: string;
  kind: TransactionKind;
}

/** What the financial messages need besides: the record, numbers, risk state, the channel. */
export interface FinancialDeps {
  writer: DurableWriter;
  numbers: HostNumbers;
  risk: RiskState;
  /** The channel link, once one is configured. */
  channel(): ChannelLink | null;
  /** The recorded first copy of a request (its identity as `tid|batch|stan|MMDD|kind`), if any. */
  /** The recorded first copy of a request, by the protocol's identity of it, if any. */
  firstCopy(identity: RequestIdentity): Promise<{
    request_digest: string;
    response_code: string;
    rrn: string;
    auth_code: string | null;
  } | null>;
  /** Runs the decision of a request; a copy arriving meanwhile waits for the first to be recorded. */
  once(key: string, decide: () => Promise<Outbound>): Promise<Outbound>;
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
