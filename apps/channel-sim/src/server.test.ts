import { encode, frame, type IsoMessage, retailMac, sameMac } from '@posops/iso8583';
import { fixedClock } from '@posops/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { balanceField, sandboxBalanceFen } from './sandbox';
import { type ChannelServerOptions, createChannelServer } from './server';
import { ChannelTestClient, TEST_ACQUIRER, TEST_PAN, TEST_TID, testRequests } from './test-client';

// 10:00 in Shanghai on 25 November 2026: settlement date 2026-11-25.
const TEN_AM = new Date('2026-11-25T02:00:00Z');
const MAC_KEY = '0123456789ABCDEFFEDCBA9876543210';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

async function channel(options: ChannelServerOptions = {}) {
  const server = await createChannelServer({ port: 0, clock: fixedClock(TEN_AM), lateMs: 300, ...options });
  open.push(server);
  const client = await ChannelTestClient.connect(server.port, { macKeyHex: options.macKeyHex ?? null });
  open.push(client);
  return { server, client, req: testRequests() };
}

const code = (m: IsoMessage | null) => m?.fields[39];
const keyOf = (r: { fields: IsoMessage['fields'] }) => `${TEST_ACQUIRER}|${r.fields[13]}|${r.fields[11]}`;

describe('sandbox outcomes by the last two digits of the amount', () => {
  it('approves every other ending with an authorisation code and the settlement date, and declines 51 05 54 55 61 91', async () => {
    const { client, req, server } = await channel();
    const cases: Array<[number, string]> = [
      [10000, '00'],
      [12345, '00'],
      [10051, '51'],
      [10005, '05'],
      [10054, '54'],
      [10055, '55'],
      [10061, '61'],
      [10091, '91'],
    ];
    for (const [fen, expected] of cases) {
      const answer = await client.request(req.purchase(fen));
      expect(answer.mti).toBe('0210');
      expect(code(answer), `amount ${fen}`).toBe(expected);
      expect(answer.fields[15]).toBe('1125');
      expect(answer.fields[4]).toBe(String(fen).padStart(12, '0'));
      if (expected === '00') expect(answer.fields[38]).toMatch(/^\d{6}$/);
      else expect(answer.fields[38]).toBeUndefined();
      expect(answer.fields[2]).toBeUndefined(); // card data is never echoed
    }
    expect(server.ledger.size).toBe(cases.length);
  });

  it('never answers 98 and answers 99 only after the late delay, while later requests are answered at once', async () => {
    const { client, req, server } = await channel({ lateMs: 400 });
    const lost = req.purchase(20098);
    const late = req.purchase(20099);
    const quick = req.purchase(20000);
    const sentAt = performance.now();
    client.send(lost);
    client.send(late);
    expect(code(await client.request(quick))).toBe('00');
    expect(await client.answerTo(late, 200)).toBeNull();
    const lateAnswer = await client.answerTo(late, 2000);
    expect(code(lateAnswer)).toBe('00');
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(390);
    expect(await client.answerTo(lost, 300)).toBeNull();
    // Both were approved by the issuer: the host must reverse what it did not get an answer for.
    expect(server.ledger.txn(keyOf(lost))?.event.code).toBe('00');
    expect(server.ledger.txn(keyOf(lost))?.event.delivery).toBe('never');
  });

  it('declines the lost and stolen cards of its list (built-in and configured), whatever the amount', async () => {
    const { client, req } = await channel({ hotlist: [['6259000000000013', '43']] });
    expect(code(await client.request(req.purchase(10000, '6226090000000048')))).toBe('41');
    expect(code(await client.request(req.purchase(10000, '6226090000000055')))).toBe('43');
    expect(code(await client.request(req.preauth(10000, '6217000000000000046')))).toBe('41');
    expect(code(await client.request(req.purchase(10000, '6259000000000013')))).toBe('43');
    expect(code(await client.request(req.balance('4000000000000002')))).toBe('43');
    expect(code(await client.request(req.purchase(10000)))).toBe('00');
  });

  it('answers a balance inquiry with the card’s sandbox balance in field 44', async () => {
    const { client, req } = await channel();
    const answer = await client.request(req.balance());
    expect(code(answer)).toBe('00');
    expect(answer.fields[44]).toBe(balanceField(sandboxBalanceFen(TEST_PAN)));
    expect(answer.fields[44]).toMatch(/^1002156C\d{12}$/);
    expect(answer.fields[38]).toBeUndefined();
  });

  it('takes QR payments by the code in field 59 and records the code masked', async () => {
    const { client, req, server } = await channel();
    const qr = req.qrPurchase(8800, '134567890123456789');
    expect(code(await client.request(qr))).toBe('00');
    const event = server.ledger.txn(keyOf(qr))!.event;
    expect(event.kind).toBe('qr_purchase');
    expect(event.panMasked).toBe('134567********6789');
    expect(code(await client.request(req.qrPurchase(8851)))).toBe('51');
  });
});

describe('idempotency and reversals', () => {
  it('answers a repeated request with the original answer and changes nothing; another content under the same STAN gets 94', async () => {
    const { client, req, server } = await channel();
    const purchase = req.purchase(30000);
    const first = await client.request(purchase);
    const again = await client.request(purchase);
    expect(code(again)).toBe('00');
    expect(again.fields[38]).toBe(first.fields[38]);
    expect(server.ledger.size).toBe(1);
    const declined = req.purchase(30051);
    expect(code(await client.request(declined))).toBe('51');
    expect(code(await client.request(declined))).toBe('51');
    const changed = { ...purchase, fields: { ...purchase.fields, 4: '000000031000' } };
    expect(code(await client.request(changed))).toBe('94');
    expect(server.ledger.size).toBe(2);
  });

  it('answers 00 to the reversal of a request it never saw, remembers it, and declines the late original', async () => {
    const { client, req, server } = await channel();
    const never = req.purchase(40000);
    const reversal = req.reversal(never);
    const answer = await client.request(reversal);
    expect(answer.mti).toBe('0410');
    expect(code(answer)).toBe('00');
    expect(server.ledger.reversal(keyOf(never))?.effect).toBe('unknown');
    expect(code(await client.request(never))).toBe('12');
    expect(server.ledger.txn(keyOf(never))?.event.code).toBe('12');
  });

  it('undoes an approved request once: the timed-out 98 purchase is reversed, a repeated reversal changes nothing', async () => {
    const { client, req, server } = await channel();
    const purchase = req.purchase(50098);
    client.send(purchase);
    expect(await client.answerTo(purchase, 200)).toBeNull();
    const reversal = req.reversal(purchase);
    expect(code(await client.request(reversal))).toBe('00');
    const state = server.ledger.txn(keyOf(purchase))!;
    expect(state.reversed).toBe(true);
    expect(server.ledger.reversal(keyOf(purchase))?.effect).toBe('undone');
    expect(code(await client.request(reversal))).toBe('00');
    expect(state.reversed).toBe(true);
    // A reversed purchase can no longer be voided or refunded.
    expect(code(await client.request(req.void(purchase)))).toBe('12');
    expect(code(await client.request(req.refund(purchase, 100)))).toBe('12');
    // The same STAN with another amount is another request: 94, not a second reversal.
    const other = { ...reversal, fields: { ...reversal.fields, 4: '000000000001' } };
    expect(code(await client.request(other))).toBe('94');
  });

  it('reverses a void (the purchase stands again), refuses to reverse a refund or a purchase that has a void', async () => {
    const { client, req, server } = await channel();
    const purchase = req.purchase(60000);
    expect(code(await client.request(purchase))).toBe('00');
    const voided = req.void(purchase);
    expect(code(await client.request(voided))).toBe('00');
    expect(code(await client.request(req.reversal(purchase)))).toBe('12');
    expect(code(await client.request(req.reversal(voided)))).toBe('00');
    expect(server.ledger.txn(keyOf(purchase))!.voidedBy).toBeNull();
    const refund = req.refund(purchase, 100);
    expect(code(await client.request(refund))).toBe('00');
    expect(code(await client.request(req.reversal(refund)))).toBe('12');
  });
});

describe('originals: voids, refunds, pre-authorisations', () => {
  it('voids the full amount once, on the same terminal, and says why otherwise (25, 64, 12)', async () => {
    const { client, req } = await channel();
    const purchase = req.purchase(70000);
    expect(code(await client.request(purchase))).toBe('00');
    expect(code(await client.request(req.void(purchase, 69999)))).toBe('64');
    const elsewhere = req.void(purchase);
    elsewhere.fields[41] = '10000002';
    expect(code(await client.request(elsewhere))).toBe('25');
    expect(code(await client.request(req.void(req.purchase(1))))).toBe('25');
    const voided = await client.request(req.void(purchase));
    expect(code(voided)).toBe('00');
    expect(voided.fields[38]).toMatch(/^\d{6}$/);
    expect(code(await client.request(req.void(purchase)))).toBe('12');
    const declined = req.purchase(70051);
    await client.request(declined);
    expect(code(await client.request(req.void(declined)))).toBe('12');
  });

  it('refunds partially and repeatedly, never beyond the original, not after a void', async () => {
    const { client, req, server } = await channel();
    const purchase = req.purchase(10000);
    expect(code(await client.request(purchase))).toBe('00');
    const first = req.refund(purchase, 6000);
    const answer = await client.request(first);
    expect(answer.mti).toBe('0230');
    expect(code(answer)).toBe('00');
    expect(code(await client.request(first))).toBe('00'); // the advice repeated: counted once
    expect(code(await client.request(req.refund(purchase, 4001)))).toBe('64');
    const otherTerminal = req.refund(purchase, 4000);
    otherTerminal.fields[41] = '10000002'; // same merchant, another terminal: allowed
    expect(code(await client.request(otherTerminal))).toBe('00');
    expect(code(await client.request(req.refund(purchase, 1)))).toBe('64');
    expect(server.ledger.txn(keyOf(purchase))!.refundedFen).toBe(10000n);
    const otherMerchant = req.refund(purchase, 1);
    otherMerchant.fields[42] = '898310054110002';
    expect(code(await client.request(otherMerchant))).toBe('25');
    // After a refund a void is refused; a voided purchase takes no refund.
    expect(code(await client.request(req.void(purchase)))).toBe('12');
    const second = req.purchase(20000);
    await client.request(second);
    await client.request(req.void(second));
    expect(code(await client.request(req.refund(second, 100)))).toBe('12');
  });

  it('completes a pre-authorisation once within its hold plus tolerance; cancels need the exact amount; completion voids restore the hold', async () => {
    const { client, req, server } = await channel();
    const preauth = req.preauth(100000);
    const held = await client.request(preauth);
    expect(held.mti).toBe('0110');
    expect(code(held)).toBe('00');
    const auth = held.fields[38] as string;
    expect(code(await client.request(req.completion(preauth, '000000', 50000)))).toBe('25'); // wrong auth code
    expect(code(await client.request(req.completion(preauth, auth, 115001)))).toBe('64');
    expect(code(await client.request(req.preauthCancel(preauth, auth, 99999)))).toBe('64');
    expect(code(await client.request(req.completion(preauth, auth, 80051)))).toBe('51'); // the sandbox still decides
    const completion = req.completion(preauth, auth, 115000);
    const completed = await client.request(completion);
    expect(code(completed)).toBe('00');
    expect(completed.fields[38]).toBe(auth);
    expect(code(await client.request(req.completion(preauth, auth, 100)))).toBe('12');
    expect(code(await client.request(req.preauthCancel(preauth, auth, 100000)))).toBe('12');
    expect(code(await client.request(req.completionVoid(completion)))).toBe('00');
    expect(server.ledger.txn(keyOf(preauth))!.completedBy).toBeNull();
    expect(code(await client.request(req.preauthCancel(preauth, auth, 100000)))).toBe('00');
    expect(code(await client.request(req.completion(preauth, auth, 100)))).toBe('12');
  });

  it('expires pre-authorisations after the hold and refuses voids after the cut-off', async () => {
    const clock = fixedClock(TEN_AM);
    const { client, req } = await channel({ clock, rules: { preauthDays: 2 } });
    const preauth = req.preauth(5000);
    const auth = (await client.request(preauth)).fields[38] as string;
    const purchase = req.purchase(5000);
    expect(code(await client.request(purchase))).toBe('00');
    clock.advance(14 * 3_600_000); // 00:00 local on the 26th: past the 23:00 cut-off
    expect(code(await client.request(req.void(purchase)))).toBe('12');
    const refund = await client.request(req.refund(purchase, 5000));
    expect(code(refund)).toBe('00');
    expect(refund.fields[15]).toBe('1126');
    clock.advance(2 * 86_400_000);
    expect(code(await client.request(req.completion(preauth, auth, 5000)))).toBe('12');
  });
});

describe('the link', () => {
  it('answers echo tests (301) and refuses other network management codes', async () => {
    const { client, req } = await channel();
    const echo = await client.request(req.echo());
    expect(echo.mti).toBe('0810');
    expect(code(echo)).toBe('00');
    const other = req.echo();
    other.fields[60] = '00000000001';
    expect(code(await client.request(other))).toBe('12');
  });

  it('checks the retail MAC of financial messages under the zone MAC key and MACs its answers; a wrong one gets A0', async () => {
    const { client, req, server } = await channel({ macKeyHex: MAC_KEY });
    const good = await client.request(req.purchase(10000));
    expect(code(good)).toBe('00');
    expect(good.fields[64]).toBeInstanceOf(Uint8Array);
    const bad = req.purchase(10000);
    client.send(bad, { mac: false });
    const refused = await client.answerTo(bad);
    expect(code(refused)).toBe('A0');
    // The answer's MAC is right: recompute it over MTI..63 of the answer as packed.
    const body = encode({ ...refused!, fields: { ...refused!.fields } });
    expect(
      sameMac(retailMac(Buffer.from(MAC_KEY, 'hex'), body.subarray(5, body.length - 8)), body.subarray(-8)),
    ).toBe(true);
    const forged = req.purchase(10000);
    forged.fields[64] = new Uint8Array(8);
    client.send(forged, { mac: false });
    expect(code(await client.answerTo(forged))).toBe('A0');
    expect(server.ledger.size).toBe(1);
    // Echo tests carry no MAC.
    expect(code(await client.request(req.echo()))).toBe('00');
  });

  it('answers 30 to a readable message that breaks a rule, closes on unreadable ones, and keeps serving', async () => {
    const { client, req, server } = await channel();
    // A purchase without its STAN's partner fields: 30, connection open.
    const missing = req.purchase(10000);
    delete missing.fields[37];
    expect(code(await client.request(missing))).toBe('30');
    // A bitmap naming a field the message lacks (cut short after field 11): 30 with what could be read.
    const whole = encode({ tpdu: { destination: '0001', source: '0002' }, ...req.purchase(10000) });
    client.writeRaw(frame(whole.subarray(0, 40)));
    const cut = await client.next((m) => m.fields[39] === '30');
    expect(cut?.mti).toBe('0210');
    expect(client.isOpen).toBe(true);
    expect(code(await client.request(req.purchase(10000)))).toBe('00');
    // Garbage that is not even a TPDU: the connection is closed, the server lives on.
    client.writeRaw(frame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])));
    await client.closed;
    const second = await ChannelTestClient.connect(server.port);
    open.push(second);
    // A zero length and an oversize length both end the stream.
    second.writeRaw(new Uint8Array([0, 0]));
    await second.closed;
    const third = await ChannelTestClient.connect(server.port);
    open.push(third);
    third.writeRaw(new Uint8Array([0xff, 0xff, 1, 2, 3]));
    await third.closed;
    // A response type sent to the channel is not a request: closed.
    const fourth = await ChannelTestClient.connect(server.port);
    open.push(fourth);
    fourth.send({ mti: '0210', fields: { 11: '000001', 39: '00' } });
    await fourth.closed;
    const fifth = await ChannelTestClient.connect(server.port);
    open.push(fifth);
    expect(code(await fifth.request(req.echo()))).toBe('00');
  });

  it('declines unknown transactions (12), zero amounts (13) and other currencies (12) without recording them', async () => {
    const { client, req, server } = await channel();
    const odd = req.purchase(100);
    odd.fields[60] = '99000000';
    expect(code(await client.request(odd))).toBe('12');
    expect(code(await client.request(req.purchase(0)))).toBe('13');
    const usd = req.purchase(100);
    usd.fields[49] = '840';
    expect(code(await client.request(usd))).toBe('12');
    const settlement = await client.request({ mti: '0500', fields: { 11: '999999', 41: TEST_TID } });
    expect(code(settlement)).toBe('12');
    expect(server.ledger.size).toBe(0);
  });

  it('handles many requests in flight on one connection, and several connections', async () => {
    const { client, req, server } = await channel();
    const requests = Array.from({ length: 200 }, (_, i) => req.purchase(10000 + i * 100));
    for (const r of requests) client.send(r);
    const answers = await Promise.all(requests.map((r) => client.answerTo(r)));
    expect(answers.every((a) => code(a) === '00')).toBe(true);
    const others = await Promise.all(Array.from({ length: 5 }, () => ChannelTestClient.connect(server.port)));
    open.push(...others);
    const more = others.map(() => req.purchase(777));
    const replies = await Promise.all(others.map((c, i) => c.request(more[i]!)));
    expect(replies.map(code)).toEqual(['00', '00', '00', '00', '00']);
    expect(server.stats().connections).toBe(6);
    expect(server.ledger.size).toBe(205);
  });

  it('closes a connection idle longer than the limit', async () => {
    const { client } = await channel({ idleMs: 150 });
    const started = performance.now();
    await client.closed;
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });
});
