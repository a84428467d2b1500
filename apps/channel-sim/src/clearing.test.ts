import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '@posops/kernel';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClearingLine, clearingLines, clearingTotals, feeFor } from './clearing';
import { parseClearingFile, renderClearingFile } from './clearing-file';
import { type InjectedDifference, injectDifferences } from './clearing-inject';
import { type ChannelServer, createChannelServer } from './server';
import { ChannelTestClient, TEST_TID, testRequests } from './test-client';

const TEN_AM = new Date('2026-11-25T02:00:00Z');
const DATE = '2026-11-25';
let dir: string;
let server: ChannelServer;
let client: ChannelTestClient;
/** RRNs of the day's requests by what they are. */
const rrn: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'channel-clearing-'));
  const clock = fixedClock(TEN_AM);
  server = await createChannelServer({ port: 0, clock, lateMs: 50 });
  client = await ChannelTestClient.connect(server.port);
  const req = testRequests();
  const send = async (name: string, r: ReturnType<typeof req.purchase>) => {
    rrn[name] = r.fields[37] as string;
    clock.advance(60_000);
    return client.request(r);
  };
  const purchase = req.purchase(10000);
  await send('purchase', purchase);
  await send('declined', req.purchase(10051));
  const voided = req.purchase(25000);
  await send('voided', voided);
  await send('void', req.void(voided));
  await send('refund', req.refund(purchase, 3000));
  await send('qr', req.qrPurchase(8800));
  const preauth = req.preauth(50000);
  const auth = (await send('preauth', preauth)).fields[38] as string;
  const completion = req.completion(preauth, auth, 52000);
  await send('completion', completion);
  await send('completionVoid', req.completionVoid(completion));
  await send('balance', req.balance());
  const lost = req.purchase(7798);
  rrn.reversed = lost.fields[37] as string;
  client.send(lost);
  await send('reversal', req.reversal(lost));
  for (let i = 0; i < 6; i++) await send(`more${i}`, req.purchase(1234567 + i * 1000));
  // A purchase after the cut-off belongs to the next settlement date.
  clock.set(new Date('2026-11-25T15:30:00Z'));
  await send('nextDay', req.purchase(4400));
});

afterAll(async () => {
  await client.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the clearing file', () => {
  it('lists the day’s money-moving approvals with their originals, reversed ones marked, and a trailer that adds up', async () => {
    const result = await server.writeClearingFile({ settlementDate: DATE, out: path.join(dir, 'day.csv') });
    const parsed = parseClearingFile(await readFile(result.file));
    const byRrn = new Map(parsed.lines.map((l) => [l.rrn, l]));
    expect(parsed.header).toMatchObject({
      fileType: 'POSOPS-CLEARING',
      institutionCode: '00010000',
      institutionName: 'PosOps 模拟清算通道',
      settlementDate: '20261125',
      encoding: 'UTF-8',
    });
    // Not in the file: the decline, the pre-authorisation, the balance inquiry, the next day's purchase.
    for (const name of ['declined', 'preauth', 'balance', 'nextDay'])
      expect(byRrn.has(rrn[name]!)).toBe(false);
    expect(byRrn.get(rrn.purchase!)).toMatchObject({
      type: 'PURCHASE',
      direction: 'DR',
      amountFen: 10000n,
      feeFen: 38n,
    });
    expect(byRrn.get(rrn.void!)).toMatchObject({
      type: 'VOID',
      typeName: '消费撤销',
      direction: 'CR',
      amountFen: 25000n,
      feeFen: -96n,
      originalRrn: rrn.voided,
    });
    expect(byRrn.get(rrn.refund!)).toMatchObject({
      type: 'REFUND',
      amountFen: 3000n,
      feeFen: 0n,
      originalRrn: rrn.purchase,
    });
    expect(byRrn.get(rrn.qr!)).toMatchObject({ type: 'QR_PURCHASE', maskedPan: '134567********6789' });
    expect(byRrn.get(rrn.completion!)).toMatchObject({
      type: 'COMPLETION',
      amountFen: 52000n,
      originalRrn: rrn.preauth,
    });
    expect(byRrn.get(rrn.completionVoid!)).toMatchObject({
      type: 'COMPLETION_VOID',
      originalRrn: rrn.completion,
    });
    expect(byRrn.get(rrn.reversed!)).toMatchObject({ status: 'REVERSED', feeFen: 0n, amountFen: 7798n });
    expect(byRrn.get(rrn.more0!)).toMatchObject({ feeFen: 1625n }); // 4,722 fen capped at 1,625
    expect(byRrn.get(rrn.purchase!)!.tid).toBe(TEST_TID);
    expect(byRrn.get(rrn.purchase!)!.maskedPan).toBe('622202*********0000');
    expect(parsed.lines).toHaveLength(14);
    const settled = parsed.lines.filter((l) => l.status === 'SETTLED');
    const debit = settled.filter((l) => l.direction === 'DR').reduce((s, l) => s + l.amountFen, 0n);
    const credit = settled.filter((l) => l.direction === 'CR').reduce((s, l) => s + l.amountFen, 0n);
    const fee = settled.reduce((s, l) => s + l.feeFen, 0n);
    expect(parsed.trailer).toEqual({
      records: 14,
      debitCount: 10,
      debitFen: debit,
      creditCount: 3,
      creditFen: credit,
      feeFen: fee,
      netFen: debit - credit - fee,
    });
    expect(debit).toBe(10000n + 25000n + 8800n + 52000n + 6n * 1234567n + 15000n);
    expect(credit).toBe(25000n + 3000n + 52000n);
    expect(result.totals).toEqual(parsed.trailer);
    expect(result.sidecar).toBeNull();
    const raw = await readFile(result.file, 'utf8');
    expect(raw.split('\r\n')[0]).toMatch(
      /^H,POSOPS-CLEARING,1,00010000,PosOps 模拟清算通道,20261125,\d{14},UTF-8$/,
    );
    expect(raw.endsWith('\r\n')).toBe(true);
  });

  it('writes the same file in GBK and in UTF-8 with a BOM', async () => {
    const utf8 = parseClearingFile(
      await readFile(
        (await server.writeClearingFile({ settlementDate: DATE, out: path.join(dir, 'u.csv') })).file,
      ),
    );
    const gbkFile = await server.writeClearingFile({
      settlementDate: DATE,
      out: path.join(dir, 'g.csv'),
      encoding: 'gbk',
    });
    const gbkBytes = await readFile(gbkFile.file);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkBytes)).toThrow();
    expect(new TextDecoder('gbk').decode(gbkBytes)).toContain('预授权完成撤销');
    const gbk = parseClearingFile(gbkBytes);
    expect(gbk.encoding).toBe('gbk');
    expect(gbk.header.encoding).toBe('GBK');
    expect(gbk.lines).toEqual(utf8.lines);
    expect(gbk.trailer).toEqual(utf8.trailer);
    const bomBytes = await readFile(
      (
        await server.writeClearingFile({
          settlementDate: DATE,
          out: path.join(dir, 'b.csv'),
          encoding: 'utf8-bom',
        })
      ).file,
    );
    expect([...bomBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const bom = parseClearingFile(bomBytes);
    expect(bom.encoding).toBe('utf8-bom');
    expect(bom.lines).toEqual(utf8.lines);
  });

  it('writes an empty day as a header and a zero trailer', async () => {
    const result = await server.writeClearingFile({
      settlementDate: '2026-11-20',
      out: path.join(dir, 'empty.csv'),
    });
    const parsed = parseClearingFile(await readFile(result.file));
    expect(parsed.lines).toEqual([]);
    expect(parsed.trailer.records).toBe(0);
    expect(parsed.trailer.netFen).toBe(0n);
  });

  it('injects exactly the differences it lists in the sidecar, which a reconciliation finds again', async () => {
    const out = path.join(dir, 'diff.csv');
    const result = await server.writeClearingFile({
      settlementDate: DATE,
      out,
      encoding: 'gbk',
      inject: { drop: 2, extra: 1, amount: 1, status: 1, seed: 7 },
    });
    expect(result.sidecar).toBe(`${out}.injected.json`);
    const sidecar = JSON.parse(await readFile(result.sidecar!, 'utf8')) as {
      differences: InjectedDifference[];
      requested: Record<string, number>;
    };
    expect(sidecar.requested).toEqual({ drop: 2, extra: 1, amount: 1, status: 1 });
    expect(sidecar.differences.map((d) => d.kind).sort()).toEqual([
      'amount',
      'dropped',
      'dropped',
      'extra',
      'status',
    ]);
    const file = parseClearingFile(await readFile(out));
    // The file stays consistent with itself.
    expect(file.trailer).toEqual(clearingTotals(file.lines));
    // A reconciliation: what the host recorded (the channel's true lines) against the file, by RRN.
    const truth = clearingLines(server.ledger, DATE, server.clearingConfig);
    const found = reconcile(truth, file.lines);
    const expected = sidecar.differences.map((d) => `${d.kind}:${d.rrn}`).sort();
    expect(found).toEqual(expected);
    const amount = sidecar.differences.find((d) => d.kind === 'amount')!;
    expect(BigInt(amount.fileAmountFen!)).toBeGreaterThan(BigInt(amount.amountFen));
    // The same seed picks the same lines.
    const again = injectDifferences(
      truth,
      { drop: 2, extra: 1, amount: 1, status: 1, seed: 7 },
      server.clearingConfig,
      DATE,
    );
    expect(again.differences).toEqual(sidecar.differences);
    const other = injectDifferences(truth, { drop: 2, seed: 8 }, server.clearingConfig, DATE);
    expect(other.differences.map((d) => d.rrn)).not.toEqual(
      sidecar.differences.filter((d) => d.kind === 'dropped').map((d) => d.rrn),
    );
  });

  it('refuses to inject more differences than the day has settled lines', () => {
    const truth = clearingLines(server.ledger, DATE, server.clearingConfig);
    expect(() => injectDifferences(truth, { drop: 10, status: 10 }, server.clearingConfig, DATE)).toThrow(
      /settled lines/,
    );
  });

  it('quotes values that need it and reads them back', () => {
    const lines = clearingLines(server.ledger, DATE, server.clearingConfig);
    const header = {
      fileType: 'POSOPS-CLEARING',
      version: '1',
      institutionCode: '00010000',
      institutionName: '通道, "测试"',
      settlementDate: '20261125',
      generatedAt: '20261126000500',
      encoding: 'GBK' as const,
    };
    const parsed = parseClearingFile(renderClearingFile(header, lines, 'gbk'));
    expect(parsed.header.institutionName).toBe('通道, "测试"');
    expect(parsed.lines).toEqual(lines);
  });

  it('refuses a file cut short or with a foreign line, naming the line', () => {
    const lines = clearingLines(server.ledger, DATE, server.clearingConfig);
    const header = {
      fileType: 'POSOPS-CLEARING',
      version: '1',
      institutionCode: '00010000',
      institutionName: 'x',
      settlementDate: '20261125',
      generatedAt: '20261126000500',
      encoding: 'UTF-8' as const,
    };
    const text = renderClearingFile(header, lines, 'utf8').toString('utf8');
    const cut = text.slice(0, text.lastIndexOf('T,'));
    expect(() => parseClearingFile(Buffer.from(cut))).toThrow(/no trailer/);
    const foreign = text.replace(/\r\nD,/, '\r\nX,');
    expect(() => parseClearingFile(Buffer.from(foreign))).toThrow(/line 2/);
  });
});

describe('fees', () => {
  const config = { feePpm: 3825, feeCapFen: 1625n };
  it('rounds half-up per line, then caps', () => {
    expect(feeFor(10000n, config)).toBe(38n); // 38.25
    expect(feeFor(13072n, config)).toBe(50n); // 50.0004
    expect(feeFor(10458n, config)).toBe(40n); // 40.00185
    expect(feeFor(1000n, { feePpm: 5000, feeCapFen: null })).toBe(5n);
    expect(feeFor(100n, { feePpm: 5000, feeCapFen: null })).toBe(1n); // 0.5 → 1
    expect(feeFor(10_000_000n, config)).toBe(1625n);
  });

  it('is never negative, never above the cap or the amount, and grows with the amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), (a, d) => {
        const fee = feeFor(a, config);
        return fee >= 0n && fee <= 1625n && fee <= a && feeFor(a + d, config) >= fee;
      }),
    );
  });
});

/** Differences between the host's lines and the file's, as `kind:rrn`, the way reconciliation names them. */
function reconcile(host: readonly ClearingLine[], file: readonly ClearingLine[]): string[] {
  const ours = new Map(host.map((l) => [l.rrn, l]));
  const theirs = new Map(file.map((l) => [l.rrn, l]));
  const out: string[] = [];
  for (const [r, l] of ours) {
    const t = theirs.get(r);
    if (!t) out.push(`dropped:${r}`);
    else if (t.amountFen !== l.amountFen) out.push(`amount:${r}`);
    else if (t.status !== l.status) out.push(`status:${r}`);
  }
  for (const r of theirs.keys()) if (!ours.has(r)) out.push(`extra:${r}`);
  return out.sort();
}
