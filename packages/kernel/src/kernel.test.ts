import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, businessDate } from './clock';
import { AppError } from './errors';
import { maskForAudit, maskPan, maskPhone } from './masking';
import { formatMinor, parseMinor } from './money';
import { defineStateMachine } from './state-machine';

describe('state machines as data', () => {
  const door = defineStateMachine<'open' | 'closed' | 'locked', 'close' | 'lock' | 'open', { key: boolean }>(
    'door',
    [
      { from: 'open', event: 'close', to: 'closed' },
      { from: 'closed', event: 'open', to: 'open' },
      { from: 'closed', event: 'lock', to: 'locked', guard: (c) => (c.key ? null : 'no key') },
    ],
  );

  it('moves along a listed transition', () => {
    expect(door.next('open', 'close')).toBe('closed');
  });

  it('refuses an unlisted move with ILLEGAL_TRANSITION naming state and event', () => {
    const error = (() => {
      try {
        door.next('open', 'lock', { key: true });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('ILLEGAL_TRANSITION');
    expect((error as AppError).message).toBe('door: cannot lock when open');
  });

  it('refuses a guarded move with the guard reason and lists only allowed events', () => {
    expect(() => door.next('closed', 'lock', { key: false })).toThrow('no key');
    expect(door.allowedEvents('closed', { key: false })).toEqual(['open']);
    expect(door.allowedEvents('closed', { key: true })).toEqual(['open', 'lock']);
  });
});

describe('money in minor units', () => {
  it('formats and parses exactly for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (amount) => {
        expect(parseMinor(amount.toString())).toBe(amount);
        const [major, minor] = formatMinor(amount).replace('-', '').split('.');
        const abs = amount < 0n ? -amount : amount;
        expect(BigInt(major!) * 100n + BigInt(minor!)).toBe(abs);
      }),
    );
  });

  it('refuses text that is not a whole number of minor units', () => {
    expect(() => parseMinor('1.5')).toThrow();
    expect(() => parseMinor('1e3')).toThrow();
  });
});

describe('masking', () => {
  it('keeps first six and last four of a card number', () => {
    expect(maskPan('6222021234567890123')).toBe('622202*********0123');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('removes secrets and masks phones in audit images, recursively', () => {
    expect(
      maskForAudit({
        username: 'a',
        passwordHash: 'x',
        nested: { phone: '13812345678', totpSecret: 's' },
        n: 5n,
      }),
    ).toEqual({
      username: 'a',
      passwordHash: '***',
      nested: { phone: '138****5678', totpSecret: '***' },
      n: '5',
    });
  });
});

describe('business date', () => {
  it('is the Shanghai calendar day, not the UTC one', () => {
    expect(businessDate(new Date('2026-11-24T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-25');
    expect(businessDate(new Date('2026-11-24T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-24');
  });
  it('moves calendar dates across month, year and leap day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('personal numbers at rest', () => {
  const key = 'k'.repeat(40);

  it('matches equal values by keyed hash, per kind and per key', async () => {
    const { keyedHash } = await import('./secrets');
    expect(keyedHash(key, 'id_number', '11010519491231002X')).toBe(
      keyedHash(key, 'id_number', '11010519491231002X'),
    );
    expect(keyedHash(key, 'id_number', '11010519491231002X')).not.toBe(
      keyedHash(key, 'account', '11010519491231002X'),
    );
    expect(keyedHash(key, 'id_number', '11010519491231002X')).not.toBe(
      keyedHash('j'.repeat(40), 'id_number', '11010519491231002X'),
    );
  });

  it('seals and opens, and refuses a tampered or foreign-key value', async () => {
    const { openText, sealText } = await import('./secrets');
    const sealed = sealText(key, '6222021234567890123');
    expect(sealed).not.toContain('6222021234567890123');
    expect(openText(key, sealed)).toBe('6222021234567890123');
    expect(sealText(key, 'same')).not.toBe(sealText(key, 'same'));
    const parts = sealed.split('.');
    const flipped = [...parts.slice(0, 3), `${parts[3]!.slice(0, -2)}AA`].join('.');
    expect(() => openText(key, flipped)).toThrow();
    expect(() => openText('j'.repeat(40), sealed)).toThrow();
  });
});
