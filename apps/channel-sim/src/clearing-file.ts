import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import {
  type ClearingConfig,
  type ClearingHeader,
  type ClearingLine,
  type ClearingTotals,
  type ClearingType,
  clearingLines,
  clearingTotals,
  clearingTypes,
  compactDate,
  FILE_TYPE,
  FORMAT_VERSION,
} from './clearing';
import { type InjectedDifference, type InjectOptions, injectDifferences } from './clearing-inject';
import type { Ledger } from './ledger';
import { localTimestamp } from './sandbox';

/**
 * The clearing file on disk (docs/clearing-file.md): CSV with CRLF line ends, a header, the detail lines
 * and a trailer, in UTF-8 (with or without BOM) or GBK; written whole or not at all, and read back.
 */

export const clearingEncodings = ['utf8', 'utf8-bom', 'gbk'] as const;
export type ClearingEncoding = (typeof clearingEncodings)[number];

const LINE_END = '\r\n';
const CHUNK_LINES = 10_000;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const csvValue = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csvLine = (values: readonly string[]) => values.map(csvValue).join(',');

function detailValues(l: ClearingLine): string[] {
  return [
    'D',
    l.settlementDate,
    l.time,
    l.stan,
    l.localDate,
    l.rrn,
    l.authCode,
    l.tid,
    l.mid,
    l.type,
    l.typeName,
    l.direction,
    l.maskedPan,
    l.amountFen.toString(),
    l.feeFen.toString(),
    l.currency,
    l.status,
    l.originalRrn,
  ];
}

function headerValues(h: ClearingHeader): string[] {
  return [
    'H',
    h.fileType,
    h.version,
    h.institutionCode,
    h.institutionName,
    h.settlementDate,
    h.generatedAt,
    h.encoding,
  ];
}

function trailerValues(t: ClearingTotals): string[] {
  return [
    'T',
    String(t.records),
    String(t.debitCount),
    t.debitFen.toString(),
    String(t.creditCount),
    t.creditFen.toString(),
    t.feeFen.toString(),
    t.netFen.toString(),
  ];
}

/** The file as text chunks (each ends with CRLF), header first, trailer last. */
function* clearingText(header: ClearingHeader, lines: readonly ClearingLine[]): Generator<string> {
  yield csvLine(headerValues(header)) + LINE_END;
  for (let i = 0; i < lines.length; i += CHUNK_LINES) {
    let chunk = '';
    for (const l of lines.slice(i, i + CHUNK_LINES)) chunk += csvLine(detailValues(l)) + LINE_END;
    yield chunk;
  }
  yield csvLine(trailerValues(clearingTotals(lines))) + LINE_END;
}

const encodeText = (text: string, encoding: ClearingEncoding): Buffer =>
  encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');

/** The whole file in memory (tests, small days). */
export function renderClearingFile(
  header: ClearingHeader,
  lines: readonly ClearingLine[],
  encoding: ClearingEncoding,
): Buffer {
  const parts = [...clearingText(header, lines)].map((t) => encodeText(t, encoding));
  return Buffer.concat(encoding === 'utf8-bom' ? [BOM, ...parts] : parts);
}

export interface ClearingFileResult {
  file: string;
  /** The injected differences (`<file>.injected.json`), written when differences were asked for. */
  sidecar: string | null;
  settlementDate: string;
  encoding: ClearingEncoding;
  totals: ClearingTotals;
  differences: InjectedDifference[];
}

export const defaultClearingFileName = (
  config: Pick<ClearingConfig, 'institutionCode'>,
  settlementDate: string,
) => `CLEARING_${config.institutionCode}_${compactDate(settlementDate)}.csv`;

/**
 * Writes the clearing file of a settlement date (YYYY-MM-DD) from the ledger. The file appears whole
 * (written beside, then renamed); the sidecar, when differences are injected, is in place before it.
 */
export async function writeClearingFile(
  ledger: Ledger,
  options: {
    settlementDate: string;
    out: string;
    encoding?: ClearingEncoding;
    inject?: InjectOptions;
    config: ClearingConfig;
    generatedAt: Date;
  },
): Promise<ClearingFileResult> {
  const { settlementDate, config } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(settlementDate) || Number.isNaN(Date.parse(settlementDate)))
    throw new RangeError(`settlement date ${settlementDate}: YYYY-MM-DD`);
  const encoding = options.encoding ?? 'utf8';
  if (!clearingEncodings.includes(encoding))
    throw new RangeError(`encoding ${encoding}: utf8, utf8-bom or gbk`);
  let lines = clearingLines(ledger, settlementDate, config);
  let differences: InjectedDifference[] = [];
  if (options.inject)
    ({ lines, differences } = injectDifferences(lines, options.inject, config, settlementDate));
  const header: ClearingHeader = {
    fileType: FILE_TYPE,
    version: FORMAT_VERSION,
    institutionCode: config.institutionCode,
    institutionName: config.institutionName,
    settlementDate: compactDate(settlementDate),
    generatedAt: localTimestamp(options.generatedAt, config.timeZone),
    encoding: encoding === 'gbk' ? 'GBK' : 'UTF-8',
  };
  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  let sidecar: string | null = null;
  if (options.inject) {
    sidecar = `${options.out}.injected.json`;
    const body = {
      file: path.basename(options.out),
      settlementDate,
      seed: options.inject.seed ?? 1,
      requested: {
        drop: options.inject.drop ?? 0,
        extra: options.inject.extra ?? 0,
        amount: options.inject.amount ?? 0,
        status: options.inject.status ?? 0,
      },
      differences,
    };
    await writeFile(sidecar, `${JSON.stringify(body, null, 2)}\n`);
  }
  const partial = `${options.out}.part`;
  const handle = await open(partial, 'w');
  try {
    if (encoding === 'utf8-bom') await handle.write(BOM);
    for (const text of clearingText(header, lines)) await handle.write(encodeText(text, encoding));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(partial, { force: true });
    throw error;
  }
  await handle.close();
  await rename(partial, options.out);
  return { file: options.out, sidecar, settlementDate, encoding, totals: clearingTotals(lines), differences };
}

export interface ParsedClearingFile {
  encoding: ClearingEncoding;
  header: ClearingHeader;
  lines: ClearingLine[];
  trailer: ClearingTotals;
}

/** One CSV line into values (RFC 4180 quoting). */
function splitCsv(line: string): string[] {
  const values: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error('an unclosed quote');
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      values.push(v);
      if (i < line.length && line[i] !== ',') throw new Error('text after a closing quote');
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      values.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return values;
}

const amount = (v: string | undefined, where: string): bigint => {
  if (v === undefined || !/^-?\d{1,18}$/.test(v)) throw new Error(`${where}: not an amount in fen`);
  return BigInt(v);
};
const count = (v: string | undefined, where: string): number => {
  if (v === undefined || !/^\d{1,12}$/.test(v)) throw new Error(`${where}: not a count`);
  return Number(v);
};

/**
 * Reads a clearing file (the reverse of writing it): the encoding from the BOM or the header's label,
 * every line checked. Throws naming the line of the first problem. Does not check the trailer against
 * the lines: compare `clearingTotals(lines)` with `trailer` for that.
 */
export function parseClearingFile(bytes: Uint8Array): ParsedClearingFile {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let encoding: ClearingEncoding;
  let body = buffer;
  if (buffer.subarray(0, 3).equals(BOM)) {
    encoding = 'utf8-bom';
    body = buffer.subarray(3);
  } else {
    // Commas are single bytes in GBK and UTF-8 alike, so the header's label can be read before decoding.
    const end = body.indexOf(0x0a);
    const first = body
      .subarray(0, end < 0 ? body.length : end)
      .toString('latin1')
      .replace(/\r$/, '');
    const label = first.split(',').at(-1);
    encoding = label === 'GBK' ? 'gbk' : 'utf8';
  }
  const text =
    encoding === 'gbk'
      ? new TextDecoder('gbk').decode(body)
      : new TextDecoder('utf-8', { fatal: true }).decode(body);
  const rows = text.split(/\r?\n/);
  if (rows.at(-1) === '') rows.pop();
  const at = (n: number) => `line ${n + 1}`;
  const h = splitCsv(rows[0] ?? '');
  if (h[0] !== 'H' || h[1] !== FILE_TYPE || h.length !== 8)
    throw new Error(`${at(0)}: not a ${FILE_TYPE} header`);
  const header: ClearingHeader = {
    fileType: h[1],
    version: h[2]!,
    institutionCode: h[3]!,
    institutionName: h[4]!,
    settlementDate: h[5]!,
    generatedAt: h[6]!,
    encoding: h[7] === 'GBK' ? 'GBK' : 'UTF-8',
  };
  const lines: ClearingLine[] = [];
  let trailer: ClearingTotals | null = null;
  for (let n = 1; n < rows.length; n++) {
    const v = splitCsv(rows[n]!);
    if (trailer) throw new Error(`${at(n)}: after the trailer`);
    if (v[0] === 'T') {
      if (v.length !== 8) throw new Error(`${at(n)}: a trailer has 8 values`);
      trailer = {
        records: count(v[1], at(n)),
        debitCount: count(v[2], at(n)),
        debitFen: amount(v[3], at(n)),
        creditCount: count(v[4], at(n)),
        creditFen: amount(v[5], at(n)),
        feeFen: amount(v[6], at(n)),
        netFen: amount(v[7], at(n)),
      };
      continue;
    }
    if (v[0] !== 'D' || v.length !== 18) throw new Error(`${at(n)}: a detail line has 18 values`);
    const type = v[9] as ClearingType;
    if (!(type in clearingTypes)) throw new Error(`${at(n)}: unknown type ${v[9]}`);
    if (v[16] !== 'SETTLED' && v[16] !== 'REVERSED') throw new Error(`${at(n)}: unknown status ${v[16]}`);
    lines.push({
      settlementDate: v[1]!,
      time: v[2]!,
      stan: v[3]!,
      localDate: v[4]!,
      rrn: v[5]!,
      authCode: v[6]!,
      tid: v[7]!,
      mid: v[8]!,
      type,
      typeName: v[10]!,
      direction: v[11] === 'CR' ? 'CR' : 'DR',
      maskedPan: v[12]!,
      amountFen: amount(v[13], at(n)),
      feeFen: amount(v[14], at(n)),
      currency: v[15]!,
      status: v[16],
      originalRrn: v[17]!,
    });
  }
  if (!trailer) throw new Error('no trailer: the file is cut short');
  return { encoding, header, lines, trailer };
}
