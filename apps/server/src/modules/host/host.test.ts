import { buildField59, encode, frame, type IsoMessage, parseField60, parseField62 } from '@posops/iso8583';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { activeMerchant } from '../../../test/merchant-fixtures';
import { TerminalClient, TPDU } from '../../../test/terminal-client';
import { keyCheckValue, tripleDesDecrypt } from '../security';

let app: TestApp;
let ops: Client;
let terminal: { tid: string; tmk: string; mid: string };
let fresh: { tid: string; tmk: string; mid: string };
let stan = 0;
const nextStan = () => String(++stan).padStart(6, '0');

const signOnRequest = (t: { tid: string; mid: string }): IsoMessage => ({
  tpdu: TPDU,
  mti: '0800',
  fields: { 11: nextStan(), 41: t.tid, 42: t.mid, 60: '00000000004' },
});

beforeAll(async () => {
  app = await startTestApp({ TERMINAL_MAX_CONNECTIONS_PER_ADDRESS: '6', TERMINAL_IDLE_SECONDS: '1' });
  ops = await app.as('ops');
  const a = await activeMerchant(app, '9144030071526726XG', '北京朝阳签到测试餐厅', 'HOST-0001');
  terminal = { tid: a.keyInjection.tid, tmk: a.keyInjection.tmk, mid: a.mid };
  // Bound and keyed but not signed off: its first sign-on activates it.
  const b = await activeMerchant(
    app,
    '91330100799655058B',
    '北京海淀签到测试超市',
    'HOST-0002',
    {},
    { signedOff: false },
  );
  fresh = { tid: b.keyInjection.tid, tmk: b.keyInjection.tmk, mid: b.mid };
});
afterAll(async () => {
  await app?.stop();
});

describe('terminal host: sign-on and heartbeats over TCP (ISO 8583)', () => {
  it('signs a terminal on: session keys under its TMK with their check values, the batch in 60.2', async () => {
    const client = await TerminalClient.open(app.terminalPort);
    const answer = await client.request(signOnRequest(terminal));
    expect(answer.mti).toBe('0810');
    expect(answer.tpdu).toEqual({ destination: TPDU.source, source: TPDU.destination });
    expect(answer.fields).toMatchObject({ 39: '00', 41: terminal.tid, 42: terminal.mid, 32: '898' });
    expect(parseField60(answer.fields[60] as string)).toEqual({
      typeCode: '00',
      batch: '000001',
      network: '004',
    });
    expect(answer.fields[12]).toMatch(/^\d{6}$/);
    const keys = parseField62(answer.fields[62] as Uint8Array);
    expect(keys).not.toBeNull();
    const tmk = Buffer.from(terminal.tmk, 'hex');
    const pik = tripleDesDecrypt(tmk, Buffer.from(keys!.pik));
    const mak = tripleDesDecrypt(tmk, Buffer.from(keys!.mak));
    // What the terminal checks before it takes the keys.
    expect(keyCheckValue(pik)).toBe(Buffer.from(keys!.pikCheck).toString('hex').toUpperCase());
    expect(keyCheckValue(mak)).toBe(Buffer.from(keys!.makCheck).toString('hex').toUpperCase());
    // The session is kept sealed; a second sign-on replaces the keys.
    const row = await app.db
      .selectFrom('terminal_sessions')
      .selectAll()
      .where('tid', '=', terminal.tid)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ batch_no: 1, sign_ons: 1, mak_check_value: keyCheckValue(mak) });
    expect(row.sealed_mak).not.toContain(mak.toString('hex').toUpperCase());
    const again = await client.request(signOnRequest(terminal));
    expect(again.fields[39]).toBe('00');
    const after = await app.db
      .selectFrom('terminal_sessions')
      .selectAll()
      .where('tid', '=', terminal.tid)
      .executeTakeFirstOrThrow();
    expect(after.sign_ons).toBe(2);
    expect(after.sealed_mak).not.toBe(row.sealed_mak);
    await client.close();
  });

  it('activates an installed unit at its first sign-on', async () => {
    expect((await ops.get('/api/terminals/by-serial/HOST-0002')).body.status).toBe('installed');
    const client = await TerminalClient.open(app.terminalPort);
    expect((await client.request(signOnRequest(fresh))).fields[39]).toBe('00');
    const unit = (await ops.get('/api/terminals/by-serial/HOST-0002')).body;
    expect(unit.status).toBe('active');
    expect(unit.lastHeartbeatAt).not.toBeNull();
    await client.close();
  });

  it('refuses an unknown terminal (97), a wrong MID (03), and a 60 that is not a sign-on (30)', async () => {
    const client = await TerminalClient.open(app.terminalPort);
    expect((await client.request(signOnRequest({ tid: '99999999', mid: terminal.mid }))).fields[39]).toBe(
      '97',
    );
    expect(
      (await client.request(signOnRequest({ tid: terminal.tid, mid: '898000000000000' }))).fields[39],
    ).toBe('03');
    const wrong = signOnRequest(terminal);
    wrong.fields[60] = '00000000301';
    expect((await client.request(wrong)).fields[39]).toBe('30');
    await client.close();
  });

  it('takes heartbeats into the ledger: firmware, position, last seen; a foreign serial is refused', async () => {
    const client = await TerminalClient.open(app.terminalPort);
    const beat = (data: [string, string][]): IsoMessage => ({
      tpdu: TPDU,
      mti: '0820',
      fields: {
        11: nextStan(),
        41: terminal.tid,
        42: terminal.mid,
        59: buildField59(data),
        60: '00000001301',
      },
    });
    app.clock.advance(60_000);
    const answer = await client.request(
      beat([
        ['GP', '39.908700,116.460500'],
        ['FW', '2.3.1'],
        ['SN', 'HOST-0001'],
      ]),
    );
    expect(answer.mti).toBe('0830');
    expect(answer.fields[39]).toBe('00');
    const unit = (await ops.get('/api/terminals/by-serial/HOST-0001')).body;
    expect(unit.firmwareVersion).toBe('2.3.1');
    expect(Date.parse(unit.lastHeartbeatAt)).toBe(app.clock.now().getTime());
    expect((await client.request(beat([['SN', 'HOST-0002']]))).fields[39]).toBe('58');
    expect((await client.request(beat([['GP', 'north']]))).fields[39]).toBe('30');
    await client.close();
  });

  it('answers many messages sent at once on one connection, each to its own STAN', async () => {
    const client = await TerminalClient.open(app.terminalPort);
    const requests = Array.from({ length: 40 }, () => signOnRequest({ tid: '99999999', mid: terminal.mid }));
    const answers = await Promise.all(requests.map((r) => client.request(r)));
    expect(answers.map((a) => a.fields[11])).toEqual(requests.map((r) => r.fields[11]));
    expect(new Set(answers.map((a) => a.fields[39]))).toEqual(new Set(['97']));
    await client.close();
  });

  it('answers a malformed message it can read the header of with 30, and closes on garbage', async () => {
    const client = await TerminalClient.open(app.terminalPort);
    const body = encode({
      tpdu: TPDU,
      mti: '0800',
      fields: { 11: '000777', 41: terminal.tid, 42: terminal.mid, 60: '00000000004' },
    });
    // The STAN is readable; the TID's bytes are fine; break the MID's length by cutting the frame.
    const cut = body.subarray(0, body.length - 3);
    const answer = await client.request(cut, { stan: '000777' });
    expect(answer.fields).toMatchObject({ 11: '000777', 39: '30' });
    client.write(frame(new Uint8Array([0x99, 0x01, 0x02])));
    await client.closed;
    // The host is still there for everyone else.
    const next = await TerminalClient.open(app.terminalPort);
    expect((await next.request(signOnRequest(terminal))).fields[39]).toBe('00');
    await next.close();
  });

  it('closes a connection on an oversized frame, when idle, and beyond the limit per address', async () => {
    const big = await TerminalClient.open(app.terminalPort);
    big.write(new Uint8Array([0xff, 0xff, 0x60]));
    await big.closed;
    const idle = await TerminalClient.open(app.terminalPort);
    const started = Date.now();
    await idle.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const many = await Promise.all(Array.from({ length: 7 }, () => TerminalClient.open(app.terminalPort)));
    const closedEarly = await Promise.race([
      Promise.any(many.map((c) => c.closed.then(() => true))),
      new Promise((resolve) => setTimeout(() => resolve(false), 500)),
    ]);
    expect(closedEarly).toBe(true);
    await Promise.all(many.map((c) => c.close()));
  });
});
