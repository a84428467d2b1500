import { type ChannelServer, createChannelServer, DEMO_ZONE_MAC_KEY } from '@posops/channel-sim';
import { encodeWithMac, type IsoMessage, parseField62, retailMac, sameMac } from '@posops/iso8583';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';
import { activeMerchant } from '../../../test/merchant-fixtures';
import { TerminalClient, TPDU } from '../../../test/terminal-client';
import { tripleDesDecrypt } from '../security';

const PAN = '4111111111111111';
let app: TestApp;
let channel: ChannelServer;
let client: TerminalClient;
let mak: Buffer;
let t: { tid: string; mid: string };
let stan = 100;

/** A purchase as the terminal sends it, MACed under the session MAK. */
function purchase(amountFen: number, extra: IsoMessage['fields'] = {}, s = String(++stan).padStart(6, '0')) {
  return encodeWithMac(
    {
      tpdu: TPDU,
      mti: '0200',
      fields: {
        2: PAN,
        3: '000000',
        4: String(amountFen).padStart(12, '0'),
        11: s,
        13: '1125',
        14: '3012',
        22: '022',
        25: '00',
        41: t.tid,
        42: t.mid,
        49: '156',
        60: '22000001',
        ...extra,
      },
    },
    (input) => retailMac(mak, input),
  );
}

beforeAll(async () => {
  channel = await createChannelServer({ port: 0, macKeyHex: DEMO_ZONE_MAC_KEY, lateMs: 1000 });
  app = await startTestApp();
  app.host.useChannel({
    host: '127.0.0.1',
    port: channel.port,
    macKeyHex: DEMO_ZONE_MAC_KEY,
    timeoutMs: 300,
  });
  const m = await activeMerchant(app, '9144030071526726XG', '北京朝阳消费测试餐厅', 'PAY-0001');
  t = { tid: m.keyInjection.tid, mid: m.mid };
  client = await TerminalClient.open(app.terminalPort);
  const signOn = await client.request({
    tpdu: TPDU,
    mti: '0800',
    fields: { 11: '000001', 41: t.tid, 42: t.mid, 60: '00000001004' },
  });
  mak = tripleDesDecrypt(
    Buffer.from(m.keyInjection.tmk, 'hex'),
    Buffer.from(parseField62(signOn.fields[62] as Uint8Array)!.mak),
  );
});
afterAll(async () => {
  await client?.close();
  await app?.stop();
  await channel?.close();
});

describe('purchase (消费) through the host to the channel', () => {
  it('approves after the record is committed, with RRN, authorisation code and a MAC the terminal verifies', async () => {
    const answer = await client.request(purchase(12_345));
    expect(answer.mti).toBe('0210');
    expect(answer.fields).toMatchObject({ 39: '00', 4: '000000012345', 41: t.tid, 42: t.mid });
    expect(answer.fields[37]).toMatch(/^\d{12}$/);
    expect(answer.fields[38]).toMatch(/^\S{6}$/);
    expect(answer.fields[15]).toMatch(/^\d{4}$/);
    expect(answer.fields[2]).toBeUndefined();
    const { macInput } = answer.raw.ok ? answer.raw : { macInput: null };
    expect(sameMac(retailMac(mak, macInput!), answer.fields[64] as Uint8Array)).toBe(true);
    const row = await app.db
      .selectFrom('transactions')
      .selectAll()
      .where('rrn', '=', answer.fields[37] as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'purchase',
      method: 'card',
      approved: true,
      amount_minor: 12_345n,
      pan_masked: '411111******1111',
      pan_bin: '411111',
    });
    expect(row.timeline.map((s) => s.step)).toEqual([
      'decode',
      'terminal',
      'signed_on',
      'mac',
      'card',
      'amount',
      'repeat',
      'merchant',
      'channel',
      'record',
    ]);
    // The card number is nowhere in the database.
    const everywhere = await sql<{
      n: bigint;
    }>`SELECT count(*) AS n FROM transactions t WHERE t::text LIKE ${`%${PAN}%`}`.execute(app.db);
    expect(Number(everywhere.rows[0]!.n)).toBe(0);
  });

  it('answers a repeat with the first answer, and the same identity with other content with 94', async () => {
    const s = String(++stan).padStart(6, '0');
    const first = await client.request(purchase(2_000, {}, s));
    const again = await client.request(purchase(2_000, {}, s));
    expect(again.fields[37]).toBe(first.fields[37]);
    expect(again.fields[39]).toBe('00');
    const other = await client.request(purchase(2_100, {}, s));
    expect(other.fields[39]).toBe('94');
    const rows = await app.db.selectFrom('transactions').select('id').where('stan', '=', s).execute();
    expect(rows).toHaveLength(1);
  });

  it('declines with the step and reason in the record: channel 51, Luhn 14, expired 54, MAC A0, batch 77', async () => {
    const declined = await client.request(purchase(10_051));
    expect(declined.fields[39]).toBe('51');
    const row = await app.db
      .selectFrom('transactions')
      .selectAll()
      .where('rrn', '=', declined.fields[37] as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ approved: false, decline_step: 'channel', channel_response: '51' });
    expect((await client.request(purchase(100, { 2: '4111111111111112' }))).fields[39]).toBe('14');
    expect((await client.request(purchase(100, { 14: '2001' }))).fields[39]).toBe('54');
    const tampered = purchase(100);
    tampered[tampered.length - 1]! ^= 1;
    expect((await client.request(tampered, { stan: String(stan).padStart(6, '0') })).fields[39]).toBe('A0');
    expect((await client.request(purchase(100, { 60: '22000002' }))).fields[39]).toBe('77');
  });

  it('declines 91 when the channel does not answer in time, and reverses the channel leg until acknowledged', async () => {
    const answer = await client.request(purchase(30_098));
    expect(answer.fields[39]).toBe('91');
    const row = await app.db
      .selectFrom('transactions')
      .selectAll()
      .where('rrn', '=', answer.fields[37] as string)
      .executeTakeFirstOrThrow();
    expect(row.decline_reason).toMatch(/no answer in 300 ms; reversed/);
    // The channel approved it (98 = approved, never answered) and has the reversal now.
    await expect
      .poll(
        () => [...channel.ledger.onSettlementDate(channel.settlementDate())].filter((x) => x.reversed).length,
        { timeout: 3000 },
      )
      .toBeGreaterThan(0);
  });
});

describe('balance inquiry (余额查询)', () => {
  it('answers the balance in 44 and records an inquiry without an amount', async () => {
    const body = encodeWithMac(
      {
        tpdu: TPDU,
        mti: '0200',
        fields: {
          2: PAN,
          3: '310000',
          11: String(++stan).padStart(6, '0'),
          14: '3012',
          22: '022',
          25: '00',
          41: t.tid,
          42: t.mid,
          60: '01000001',
        },
      },
      (input) => retailMac(mak, input),
    );
    const answer = await client.request(body);
    expect(answer.fields[39]).toBe('00');
    expect(answer.fields[44]).toMatch(/^1002156[CD]\d{12}$/);
    const row = await app.db
      .selectFrom('transactions')
      .selectAll()
      .where('rrn', '=', answer.fields[37] as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'balance', amount_minor: 0n, approved: true });
    // A 0200 of a type not handled yet is refused as such.
    const completion = encodeWithMac(
      {
        tpdu: TPDU,
        mti: '0200',
        fields: {
          3: '000000',
          4: '000000000100',
          11: String(++stan).padStart(6, '0'),
          41: t.tid,
          42: t.mid,
          60: '20000001',
        },
      },
      (input) => retailMac(mak, input),
    );
    expect((await client.request(completion)).fields[39]).toBe('12');
  });
});
