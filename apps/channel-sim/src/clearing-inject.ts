import {
  type ClearingConfig,
  type ClearingLine,
  type ClearingStatus,
  type ClearingType,
  clearingTypes,
  compactDate,
  lineFee,
  sortLines,
} from './clearing';

/**
 * Differences injected into a clearing file for reconciliation tests (docs/clearing-file.md): lines
 * dropped, invented, changed in amount or in status, chosen by a seeded generator and listed so a test
 * can check that reconciliation finds exactly them.
 */

/** How many lines of each kind of difference to inject; `seed` makes the choice repeatable. */
export interface InjectOptions {
  /** Lines the channel approved, left out of the file (短款 for the acquirer: it has them, the channel does not pay). */
  drop?: number;
  /** Lines the host never sent, added (长款: the file has them, the acquirer does not). */
  extra?: number;
  /** Lines whose amount the file changes (金额不符). */
  amount?: number;
  /** Settled lines the file calls REVERSED (状态不符). */
  status?: number;
  seed?: number;
}

export interface InjectedDifference {
  kind: 'dropped' | 'extra' | 'amount' | 'status';
  rrn: string;
  stan: string;
  localDate: string;
  tid: string;
  mid: string;
  type: ClearingType;
  /** The true amount (dropped, amount, status), or the amount of the invented line (extra). */
  amountFen: string;
  /** amount: what the file says instead. */
  fileAmountFen?: string;
  /** status: the true status and what the file says instead. */
  status?: ClearingStatus;
  fileStatus?: ClearingStatus;
}

/** Small seeded generator (mulberry32): the same seed picks the same lines. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEMO_TID = '10000001';
const DEMO_MID = '898310054110001';

/**
 * Applies the requested differences to a copy of the lines. Dropped, changed and re-statused lines are
 * distinct settled lines; there must be enough of them. Fees follow the changed lines.
 */
export function injectDifferences(
  source: readonly ClearingLine[],
  inject: InjectOptions,
  config: ClearingConfig,
  settlementDate: string,
): { lines: ClearingLine[]; differences: InjectedDifference[] } {
  const drop = inject.drop ?? 0;
  const extra = inject.extra ?? 0;
  const amount = inject.amount ?? 0;
  const status = inject.status ?? 0;
  for (const [name, n] of Object.entries({ drop, extra, amount, status }))
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`inject ${name}: a whole number ≥ 0`);
  const random = generator(inject.seed ?? 1);
  const lines = source.map((l) => ({ ...l }));
  const settled = lines.map((l, i) => [l, i] as const).filter(([l]) => l.status === 'SETTLED');
  const wanted = drop + amount + status;
  if (wanted > settled.length)
    throw new RangeError(
      `asked to drop, change or re-status ${wanted} lines; ${compactDate(settlementDate)} has ${settled.length} settled lines`,
    );
  // Fisher–Yates on the settled lines, then take distinct ones for each kind.
  for (let i = settled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [settled[i], settled[j]] = [settled[j]!, settled[i]!];
  }
  const picked = settled.slice(0, wanted);
  const differences: InjectedDifference[] = [];
  const describe = (l: ClearingLine, kind: InjectedDifference['kind']): InjectedDifference => ({
    kind,
    rrn: l.rrn,
    stan: l.stan,
    localDate: l.localDate,
    tid: l.tid,
    mid: l.mid,
    type: l.type,
    amountFen: l.amountFen.toString(),
  });
  const dropped = new Set<number>();
  picked.slice(0, drop).forEach(([l, i]) => {
    dropped.add(i);
    differences.push({ ...describe(l, 'dropped'), status: 'SETTLED' });
  });
  for (const [l] of picked.slice(drop, drop + amount)) {
    const delta = BigInt(1 + Math.floor(random() * 999));
    differences.push({ ...describe(l, 'amount'), fileAmountFen: (l.amountFen + delta).toString() });
    l.amountFen += delta;
    l.feeFen = lineFee(l, config);
  }
  for (const [l] of picked.slice(drop + amount)) {
    differences.push({ ...describe(l, 'status'), status: 'SETTLED', fileStatus: 'REVERSED' });
    l.status = 'REVERSED';
    l.feeFen = lineFee(l, config);
  }
  const kept = lines.filter((_, i) => !dropped.has(i));
  const rrns = new Set(source.map((l) => l.rrn));
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  for (let n = 0; n < extra; n++) {
    const like = source.length > 0 ? source[Math.floor(random() * source.length)]! : null;
    let rrn = `9${digits(11)}`;
    while (rrns.has(rrn)) rrn = `9${digits(11)}`;
    rrns.add(rrn);
    const second = Math.floor(random() * 23 * 3600);
    const hhmmss = [second / 3600, (second % 3600) / 60, second % 60]
      .map((v) => String(Math.floor(v)).padStart(2, '0'))
      .join('');
    const line: ClearingLine = {
      settlementDate: compactDate(settlementDate),
      time: `${compactDate(settlementDate)}${hhmmss}`,
      stan: digits(6),
      localDate: compactDate(settlementDate).slice(4),
      rrn,
      authCode: digits(6),
      tid: like?.tid ?? DEMO_TID,
      mid: like?.mid ?? DEMO_MID,
      type: 'PURCHASE',
      typeName: clearingTypes.PURCHASE.name,
      direction: 'DR',
      maskedPan: `622609******${digits(4)}`,
      amountFen: BigInt(100 + Math.floor(random() * 99_900)),
      feeFen: 0n,
      currency: '156',
      status: 'SETTLED',
      originalRrn: '',
    };
    line.feeFen = lineFee(line, config);
    kept.push(line);
    differences.push(describe(line, 'extra'));
  }
  return { lines: sortLines(kept), differences };
}
