import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '@posops/kernel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelLogger } from './logger';
import { type ChannelServer, type ChannelServerOptions, createChannelServer } from './server';
import { ChannelTestClient, TEST_ACQUIRER, TEST_PAN, testRequests } from './test-client';

const TEN_AM = new Date('2026-11-25T02:00:00Z');
let dataDir: string;
const open: Array<{ close(): Promise<void> }> = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'channel-journal-'));
});
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(
  options: ChannelServerOptions = {},
): Promise<{ server: ChannelServer; client: ChannelTestClient }> {
  const server = await createChannelServer({
    port: 0,
    dataDir,
    clock: fixedClock(TEN_AM),
    lateMs: 200,
    ...options,
  });
  open.push(server);
  const client = await ChannelTestClient.connect(server.port);
  open.push(client);
  return { server, client };
}

const code = (m: { fields: Record<number, unknown> } | null) => m?.fields[39];

describe('the journal', () => {
  it('keeps the day across a restart: repeats get their answers, refund caps and reversals still hold', async () => {
    const req = testRequests();
    const purchase = req.purchase(10000);
    const refund = req.refund(purchase, 6000);
    const lost = req.purchase(20098);
    let auth: unknown;
    {
      const { server, client } = await start();
      auth = (await client.request(purchase)).fields[38];
      expect(code(await client.request(refund))).toBe('00');
      client.send(lost);
      await client.request(req.echo());
      expect(server.ledger.size).toBe(3);
      await client.close();
      await server.close();
    }
    expect(await readdir(path.join(dataDir, 'journal'))).toEqual(['2026-11-25.jsonl']);
    const { server, client } = await start();
    expect(server.ledger.size).toBe(3);
    const again = await client.request(purchase);
    expect(again.fields[38]).toBe(auth);
    expect(code(await client.request(refund))).toBe('00');
    expect(code(await client.request(req.refund(purchase, 4001)))).toBe('64');
    expect(code(await client.request(req.reversal(lost)))).toBe('00');
    expect(server.ledger.txn(`${TEST_ACQUIRER}|1125|${lost.fields[11]}`)?.reversed).toBe(true);
    expect(server.ledger.size).toBe(4);
  });

  it('cuts a line torn by a crash and appends after it', async () => {
    const req = testRequests();
    const purchase = req.purchase(10000);
    {
      const { server, client } = await start();
      await client.request(purchase);
      await server.close();
    }
    const file = path.join(dataDir, 'journal', '2026-11-25.jsonl');
    await appendFile(file, '{"v":1,"e":"txn","key":"4802');
    const { server, client } = await start();
    expect(server.ledger.size).toBe(1);
    expect(code(await client.request(req.purchase(500)))).toBe('00');
    await server.close();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line).v).toBe(1);
  });

  it('answers nothing it could not write down: a failed journal write stops the simulator', async () => {
    const { server, client } = await start();
    // The journal directory is created on the first write; a file in its place makes that write fail.
    await writeFile(path.join(dataDir, 'journal'), 'in the way');
    const req = testRequests();
    const purchase = req.purchase(10000);
    client.send(purchase);
    expect(await client.answerTo(purchase, 500)).toBeNull();
    await client.closed;
    expect(server.ledger.size).toBe(1);
    await expect(ChannelTestClient.connect(server.port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses to start on a journal damaged in the middle, naming the line', async () => {
    await mkdir(path.join(dataDir, 'journal'));
    await writeFile(path.join(dataDir, 'journal', '2026-11-25.jsonl'), 'nonsense\n{}\n');
    await expect(createChannelServer({ port: 0, dataDir, clock: fixedClock(TEN_AM) })).rejects.toThrow(
      /2026-11-25\.jsonl:1: not a JSON line/,
    );
  });

  it('never writes a full card number, track data or QR code to the journal or the logs', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (fields: object, message: string) =>
      lines.push(JSON.stringify({ level, message, ...fields }));
    const logger: ChannelLogger = {
      debug: capture('debug'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
    };
    const { client } = await start({ logger });
    const req = testRequests();
    const qrCode = '134567890123456789';
    const purchase = req.purchase(10000);
    purchase.fields[35] = `${TEST_PAN}=30121010000000000`;
    await client.request(purchase);
    await client.request(req.purchase(10000, '6226090000000048'));
    await client.request(req.qrPurchase(1000, qrCode));
    await client.request(req.balance());
    await client.request(req.refund(purchase, 10));
    const broken = req.purchase(100);
    delete broken.fields[42];
    await client.request(broken);
    const journal = await readFile(path.join(dataDir, 'journal', '2026-11-25.jsonl'), 'utf8');
    const logs = lines.join('\n');
    expect(logs).toContain('622202*********0000');
    expect(journal).toContain('622202*********0000');
    for (const secret of [TEST_PAN, '6226090000000048', qrCode, '30121010000000000']) {
      expect(journal).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    for (const line of journal.trimEnd().split('\n')) {
      const event = JSON.parse(line);
      if (event.panHash) expect(event.panHash).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});
