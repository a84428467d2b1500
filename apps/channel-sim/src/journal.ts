import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { JournalEvent, Ledger } from './ledger';
import { type ChannelLogger, silentLogger } from './logger';

/**
 * The append-only journal: one JSON line per decided request or reversal, one file per settlement date
 * (`<dataDir>/journal/YYYY-MM-DD.jsonl`). Lines are written before the answer leaves (group commit: the
 * lines decided in one turn of the event loop go in one write). No full card number is ever written.
 */

const FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;
const TAIL_PROBE_BYTES = 65_536;
const OPEN_FILES_MAX = 2;

export const journalDir = (dataDir: string) => path.join(dataDir, 'journal');

/** Journal files, oldest first. */
export async function journalDates(dataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(journalDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((n) => FILE.exec(n)?.[1])
    .filter((d): d is string => d !== undefined)
    .sort();
}

function isEvent(value: unknown): value is JournalEvent {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && (v.e === 'txn' || v.e === 'reversal') && typeof v.key === 'string';
}

/**
 * Cuts a line left half-written by a crash (never answered, since answers wait for the write) so that
 * appends start on a line of their own. Returns the bytes cut.
 */
async function cutTornTail(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return 0;
    const probe = Math.min(size, TAIL_PROBE_BYTES);
    const buffer = Buffer.alloc(probe);
    await handle.read(buffer, 0, probe, size - probe);
    if (buffer[probe - 1] === 0x0a) return 0;
    const lastNewline = buffer.lastIndexOf(0x0a);
    const keep = lastNewline < 0 ? size - probe : size - probe + lastNewline + 1;
    await truncate(file, keep);
    return size - keep;
  } finally {
    await handle.close();
  }
}

/**
 * Replays the journal files from `fromDate` on into the ledger, in order. `repair` (the running
 * simulator, the journal's only writer) cuts a torn last line; without it (the clearing command, which
 * may read while the simulator writes) a last line without its newline is skipped. A malformed line
 * anywhere else is an error naming the file and line.
 */
export async function replayJournal(
  dataDir: string,
  ledger: Ledger,
  options: { fromDate?: string; repair: boolean; logger?: ChannelLogger },
): Promise<{ files: number; events: number }> {
  const logger = options.logger ?? silentLogger;
  let files = 0;
  let events = 0;
  for (const date of await journalDates(dataDir)) {
    if (options.fromDate && date < options.fromDate) continue;
    const file = path.join(journalDir(dataDir), `${date}.jsonl`);
    if (options.repair) {
      const cut = await cutTornTail(file);
      if (cut > 0) logger.warn({ file, bytes: cut }, 'journal: cut a torn last line (it was never answered)');
    }
    files++;
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    let lineNo = 0;
    let pending: { text: string; lineNo: number } | null = null;
    const take = (text: string, at: number) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${file}:${at}: not a JSON line`);
      }
      if (!isEvent(parsed)) throw new Error(`${file}:${at}: not a journal event`);
      ledger.apply(parsed);
      events++;
    };
    for await (const line of lines) {
      lineNo++;
      if (pending) take(pending.text, pending.lineNo);
      pending = line === '' ? null : { text: line, lineNo };
    }
    if (pending) {
      // The last line may still be being written by the simulator (read-only replay): a JSON object cut
      // short does not parse; one that parses is whole (its newline is written in the same call).
      try {
        take(pending.text, pending.lineNo);
      } catch (error) {
        if (options.repair) throw error;
        logger.warn({ file }, 'journal: skipped a last line still being written');
      }
    }
  }
  return { files, events };
}

interface Pending {
  date: string;
  line: string;
  done: (error?: Error) => void;
}

/** Appends events; the promise of an append settles once its line is written (or writing failed). */
export interface JournalWriter {
  append(event: JournalEvent): Promise<void>;
  close(): Promise<void>;
}

/** For a simulator without a data directory (tests): nothing is kept beyond the process. */
export const memoryJournal: JournalWriter = {
  append: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

export function fileJournal(dataDir: string, options: { fsync?: boolean } = {}): JournalWriter {
  const dir = journalDir(dataDir);
  const handles = new Map<string, FileHandle>();
  let pending: Pending[] = [];
  let flushing: Promise<void> | null = null;
  let failed: Error | null = null;
  let closed = false;

  const handleFor = async (date: string) => {
    const open_ = handles.get(date);
    if (open_) return open_;
    await mkdir(dir, { recursive: true });
    const handle = await open(path.join(dir, `${date}.jsonl`), 'a');
    handles.set(date, handle);
    while (handles.size > OPEN_FILES_MAX) {
      const [oldest, h] = [...handles.entries()].sort(([a], [b]) => a.localeCompare(b))[0]!;
      handles.delete(oldest);
      await h.close();
    }
    return handle;
  };

  const flush = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        if (failed) throw failed;
        const byDate = new Map<string, string[]>();
        for (const p of batch) {
          const lines = byDate.get(p.date);
          if (lines) lines.push(p.line);
          else byDate.set(p.date, [p.line]);
        }
        for (const [date, lines] of byDate) {
          const handle = await handleFor(date);
          await handle.appendFile(lines.join(''));
          if (options.fsync) await handle.datasync();
        }
        for (const p of batch) p.done();
      } catch (error) {
        // Fail-stop: after a failed write nothing more is acknowledged.
        failed = error instanceof Error ? error : new Error(String(error));
        for (const p of batch) p.done(failed);
      }
    }
    flushing = null;
  };

  return {
    append(event) {
      if (closed) return Promise.reject(new Error('journal closed'));
      if (failed) return Promise.reject(failed);
      return new Promise<void>((resolve, reject) => {
        pending.push({
          date: event.settlementDate,
          line: `${JSON.stringify(event)}\n`,
          done: (error) => (error ? reject(error) : resolve()),
        });
        // Start on the next microtask so the frames of one TCP chunk share a write.
        if (!flushing) flushing = Promise.resolve().then(flush);
      });
    },
    async close() {
      closed = true;
      while (flushing) await flushing;
      for (const h of handles.values()) await h.close();
      handles.clear();
    },
  };
}

/**
 * The key of the keyed card hashes, kept in the data directory (created on first start, owner-only). The
 * same key across restarts keeps hashes comparable; without it a hash cannot be brute-forced back to a PAN.
 */
export async function panHashKey(dataDir: string | null): Promise<Buffer> {
  if (dataDir === null) return randomBytes(32);
  const file = path.join(dataDir, 'pan-hash.key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  }
}
