import { createHash } from 'node:crypto';
import { addDays } from '@posops/kernel';

/**
 * The sandbox: what the simulated issuer answers, decided by the last two digits of the amount in fen
 * (TERMINAL-PROTOCOL.md "Demo and sandbox"; docs/channel-protocol.md), and a lost/stolen card list.
 */

/** How an answer reaches the host: at once, never (the host times out), or after the late delay. */
export type Delivery = 'now' | 'never' | 'late';

export interface SandboxEnding {
  ending: string;
  code: string;
  delivery: Delivery;
  meaning: string;
}

/** Endings of the amount in fen that do not simply approve. Every other ending approves at once. */
export const sandboxEndings: readonly SandboxEnding[] = [
  { ending: '51', code: '51', delivery: 'now', meaning: 'insufficient funds' },
  { ending: '05', code: '05', delivery: 'now', meaning: 'do not honour' },
  { ending: '54', code: '54', delivery: 'now', meaning: 'expired card' },
  { ending: '55', code: '55', delivery: 'now', meaning: 'incorrect PIN' },
  { ending: '61', code: '61', delivery: 'now', meaning: 'exceeds amount limit' },
  { ending: '91', code: '91', delivery: 'now', meaning: 'issuer unavailable' },
  {
    ending: '98',
    code: '00',
    delivery: 'never',
    meaning: 'approved, but the answer is lost: no answer at all',
  },
  { ending: '99', code: '00', delivery: 'late', meaning: 'approved, answered after the late delay' },
];

const byEnding = new Map(sandboxEndings.map((e) => [e.ending, e]));

/** The sandbox's decision for an amount (purchase, pre-authorisation, completion). */
export function sandboxOutcome(amountFen: bigint): { code: string; delivery: Delivery } {
  const ending = String(amountFen % 100n).padStart(2, '0');
  const hit = byEnding.get(ending);
  return hit ? { code: hit.code, delivery: hit.delivery } : { code: '00', delivery: 'now' };
}

/** Lost (41) or stolen (43). */
export type HotlistCode = '41' | '43';

/**
 * Built-in lost/stolen test cards (Luhn-valid, documented in docs/channel-protocol.md). They exist only in
 * the simulator.
 */
export const builtInHotlist: ReadonlyArray<readonly [string, HotlistCode]> = [
  ['6226090000000048', '41'],
  ['6226090000000055', '43'],
  ['6217000000000000046', '41'],
  ['4000000000000002', '43'],
];

/**
 * Reads a hotlist text: entries separated by commas or new lines, each `PAN` (lost, 41) or `PAN:43`
 * (`PAN,43` on its own line also works); `#` starts a comment. Throws on a malformed entry, naming it
 * by position only (never echoing a card number).
 */
export function parseHotlist(text: string): Array<[string, HotlistCode]> {
  const out: Array<[string, HotlistCode]> = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (line === '') return;
    const lineEntry = /^(\d{12,19})\s*[,:;\s]\s*(41|43)$/.exec(line);
    if (lineEntry) {
      out.push([lineEntry[1]!, lineEntry[2] as HotlistCode]);
      return;
    }
    for (const part of line.split(',')) {
      const entry = part.trim();
      if (entry === '') continue;
      const m = /^(\d{12,19})(?::(41|43))?$/.exec(entry);
      if (!m) throw new Error(`hotlist line ${index + 1}: not "PAN" or "PAN:41|43"`);
      out.push([m[1]!, (m[2] ?? '41') as HotlistCode]);
    }
  });
  return out;
}

/** Field 44 of a balance answer: ISO 8583 field-54 layout (account type, amount type, currency, sign, n12). */
export function balanceField(balanceFen: bigint): string {
  return `1002156${balanceFen < 0n ? 'D' : 'C'}${String(balanceFen < 0n ? -balanceFen : balanceFen).padStart(12, '0')}`;
}

/**
 * The sandbox balance of a card: 100,000 fen plus the first four bytes of SHA-256 of the PAN (ASCII) as
 * an unsigned integer modulo 10,000,000 — between ¥1,000.00 and ¥100,999.99, the same for a card on
 * every run.
 */
export function sandboxBalanceFen(pan: string): bigint {
  const digest = createHash('sha256').update(pan, 'latin1').digest();
  return 100_000n + BigInt(digest.readUInt32BE(0) % 10_000_000);
}

/** A 6-digit authorisation code, stable for one request. */
export function authorisationCode(key: string, fingerprint: string): string {
  const digest = createHash('sha256').update(`auth:${key}:${fingerprint}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** "HH:MM" (00:00 to 24:00) as minutes after midnight; 24:00 means no cut-off (the calendar day). */
export function parseCutoff(text: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) throw new Error(`cut-off ${text}: HH:MM between 00:00 and 24:00`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60) throw new Error(`cut-off ${text}: at most 24:00`);
  return minutes;
}

const localClock = new Map<string, Intl.DateTimeFormat>();
function localParts(at: Date, timeZone: string): Record<string, string> {
  let format = localClock.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    localClock.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(at)) parts[p.type] = p.value;
  return parts;
}

const MINUTE_MS = 60_000;
const MINUTES_CACHED_MAX = 10_000;
const minuteCache = new Map<string, { stamp: string; minutes: number; date: string }>();

/**
 * The local date and minute of an instant, cached per minute and zone: formatting dates with Intl costs
 * tens of microseconds, and every request and every clearing line needs one. Offsets change only on
 * whole minutes, so the seconds are the instant's own.
 */
function localMinute(at: Date, timeZone: string): { stamp: string; minutes: number; date: string } {
  const minute = Math.floor(at.getTime() / MINUTE_MS);
  const key = `${timeZone}|${minute}`;
  let hit = minuteCache.get(key);
  if (!hit) {
    const p = localParts(new Date(minute * MINUTE_MS), timeZone);
    hit = {
      stamp: `${p.year}${p.month}${p.day}${p.hour}${p.minute}`,
      minutes: Number(p.hour) * 60 + Number(p.minute),
      date: `${p.year}-${p.month}-${p.day}`,
    };
    if (minuteCache.size >= MINUTES_CACHED_MAX) minuteCache.clear();
    minuteCache.set(key, hit);
  }
  return hit;
}

/** Local date and time in the time zone as `YYYYMMDDhhmmss`. */
export function localTimestamp(at: Date, timeZone: string): string {
  const second = Math.floor((((at.getTime() % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) / 1000);
  return `${localMinute(at, timeZone).stamp}${String(second).padStart(2, '0')}`;
}

/**
 * The settlement date (清算日期, YYYY-MM-DD) of an instant: the local calendar date in the time zone,
 * or the next day from the cut-off (日切) on.
 */
export function settlementDateAt(at: Date, timeZone: string, cutoffMinutes: number): string {
  const local = localMinute(at, timeZone);
  return local.minutes >= cutoffMinutes ? addDays(local.date, 1) : local.date;
}
