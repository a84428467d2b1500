import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBankAccount,
  checkBankCard,
  checkIdValidity,
  checkLandline,
  checkMainlandMobile,
  checkResidentIdNumber,
  checkUnifiedSocialCreditCode,
  ID_REGION_PREFIXES,
  luhnCheckDigit,
  luhnValid,
} from './checksums';

/** 2024-06-01 09:00 in Beijing. */
const TODAY = new Date('2024-06-01T09:00:00+08:00');

/*
 * Where the numbers below come from
 * ---------------------------------
 * Resident ID numbers
 *  - 11010519491231002X and 440524188001010014: the two examples printed in GB 11643-1999 itself.
 *  - Every other valid ID number here is constructed for these tests (region + date + sequence,
 *    check character computed by hand below); none is taken from a person.
 * Unified social credit codes: codes of companies as printed on their public business licences
 * and in the national enterprise credit information publicity system (国家企业信用信息公示系统):
 *  - 9144030071526726XG 腾讯科技（深圳）有限公司
 *  - 91330100716105852F 阿里巴巴（中国）有限公司
 *  - 914403001922038216 华为技术有限公司
 *  - 91110108551385082Q 小米科技有限责任公司
 *  - 91110000802100433B 百度在线网络技术（北京）有限公司
 *  - 91110108558521630L 北京三快在线科技有限公司（美团）
 *  - 91310000736239890T 中国银联股份有限公司
 *  - 9111000071093123XX 国家电网有限公司 (both check characters are X)
 *  - 91100000100003962T 中国工商银行股份有限公司 (registered nationally: division 100000)
 *  - 911100001000044477 中国建设银行股份有限公司
 *  - 9144030010001686XA 招商银行股份有限公司
 *  - 91440300192317458F 比亚迪股份有限公司
 *  - 12440600MB2C07549J a public institution (事业单位) in Foshan, reported valid in
 *    github.com/xbeginagain/generator issue #2
 *  - 91350203M0001QKT19 a Xiamen company registered in the pilot period, real (its licence is
 *    public on qixin.com / aiqicha) yet failing the GB 32100 check: github.com/chinabugotech/hutool
 *    issue #4119 (and #2020: Xiamen codes issued before 2016 do not follow the standard).
 *  - 911101051000000080 (remainder 0) and 91440300715267260N (organisation-code check fails,
 *    final check passes) are constructed; no real code of either kind was at hand.
 * Card numbers: the published test numbers of the card schemes / payment processors
 *  - 4111111111111111 Visa, 5555555555554444 Mastercard, 378282246310005 American Express,
 *    6011111111111117 Discover, 6200000000000005 and 6205500000000000004 UnionPay (16 and 19
 *    digits; Stripe's test cards).
 */

describe('resident ID number (GB 11643-1999)', () => {
  it("accepts the standard's own example 11010519491231002X", () => {
    // digits   1  1  0  1  0  5  1  9  4  9  1  2  3  1  0  0  2
    // weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    // products 7  9  0  5  0 20  2  9 24 27  7 18 30  5  0  0  4  → sum 167
    // 167 mod 11 = 2 → check characters "1 0 X 9 8 7 6 5 4 3 2"[2] = X
    expect(checkResidentIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      normalised: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F', // 17th digit 2 is even
      regionCode: '110105', // 北京市朝阳区
    });
  });

  it('accepts constructed numbers: men and women, a leap day', () => {
    // 310104 19850315 002 → 3·7+1·9+0+1·5+0+4·4+1·2+9·1+8·6+5·3+0+3·9+1·10+5·5+0+0+2·2 = 191;
    // 191 mod 11 = 4 → 8
    expect(checkResidentIdNumber('310104198503150028', TODAY)).toMatchObject({
      ok: true,
      birthDate: '1985-03-15',
      sex: 'F',
      regionCode: '310104',
    });
    // 440306 19900101 001: sum 184, 184 mod 11 = 8 → 4; 17th digit 1 is odd
    expect(checkResidentIdNumber('440306199001010014', TODAY)).toMatchObject({ ok: true, sex: 'M' });
    // 510107 20000229 123: sum 186, 186 mod 11 = 10 → 2; 2000 is a leap year
    expect(checkResidentIdNumber('510107200002291232', TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
      sex: 'M',
    });
    // 650102 19991231 456: sum 316, 316 mod 11 = 8 → 4
    expect(checkResidentIdNumber('650102199912314564', TODAY)).toMatchObject({ ok: true, sex: 'F' });
  });

  it('normalises a lower-case x, spaces and full-width characters', () => {
    for (const input of [
      '11010519491231002x',
      ' 110105 19491231 002X ',
      '１１０１０５１９４９１２３１００２Ｘ',
    ]) {
      expect(checkResidentIdNumber(input, TODAY)).toMatchObject({
        ok: true,
        normalised: '11010519491231002X',
      });
    }
  });

  it('refuses a wrong check character, and two swapped digits', () => {
    expect(checkResidentIdNumber('110105194912310021', TODAY)).toEqual({
      ok: false,
      reason: 'check_digit',
      message: 'the check character should be X, not 1',
    });
    // 0 and 2 of the sequence swapped: first 17 sum 171, 171 mod 11 = 6 → should end in 6
    expect(checkResidentIdNumber('11010519491231020X', TODAY)).toMatchObject({ reason: 'check_digit' });
  });

  it('refuses wrong lengths, naming the 15-digit first-generation numbers', () => {
    expect(checkResidentIdNumber('11010519491231002', TODAY)).toMatchObject({ reason: 'length' });
    const old = checkResidentIdNumber('110105491231002', TODAY);
    expect(old).toMatchObject({ ok: false, reason: 'length' });
    expect(!old.ok && old.message).toContain('15-digit');
    expect(checkResidentIdNumber('', TODAY)).toMatchObject({ reason: 'length' });
    expect(checkResidentIdNumber(null as any, TODAY)).toMatchObject({ reason: 'length' });
    expect(checkResidentIdNumber(110105 as any, TODAY)).toMatchObject({ reason: 'length' });
  });

  it('refuses letters other than a final X', () => {
    expect(checkResidentIdNumber('11010519491231002Y', TODAY)).toMatchObject({ reason: 'characters' });
    expect(checkResidentIdNumber('1101051949123100X2', TODAY)).toMatchObject({ reason: 'characters' });
  });

  it('refuses a region prefix that is no province', () => {
    // 99 and 72 are not GB/T 2260 province-level codes; 00 neither
    expect(checkResidentIdNumber('99010519491231002X', TODAY)).toMatchObject({ reason: 'region' });
    expect(checkResidentIdNumber('72010519491231002X', TODAY)).toMatchObject({ reason: 'region' });
    expect(checkResidentIdNumber('00010519491231002X', TODAY)).toMatchObject({ reason: 'region' });
  });

  it('accepts the residence permits of Hong Kong, Macao and Taiwan residents (81/82/83)', () => {
    // 830000 19900101 001 → 8·7+3·9+0+0+0+0+1·2+9·1+9·6+0+0+1·9+0+1·5+0+0+1·2 = 164; mod 11 = 10 → 2
    expect(checkResidentIdNumber('830000199001010012', TODAY)).toMatchObject({
      ok: true,
      regionCode: '830000',
    });
  });

  it('refuses impossible, future and pre-1900 birth dates', () => {
    expect(checkResidentIdNumber('110105194902300020', TODAY)).toMatchObject({ reason: 'birth_date' }); // 30 Feb
    expect(checkResidentIdNumber('110105190002290020', TODAY)).toMatchObject({ reason: 'birth_date' }); // 1900 not leap
    expect(checkResidentIdNumber('110105194913010020', TODAY)).toMatchObject({ reason: 'birth_date' }); // month 13
    // GB 11643's second example: its check character is right (sum 195, mod 11 = 8 → 4), but
    // the holder was born in 1880, before the range this system accepts.
    expect(checkResidentIdNumber('440524188001010014', TODAY)).toEqual({
      ok: false,
      reason: 'birth_date',
      message: 'birth date 1880-01-01 is before 1900',
    });
  });

  it('reads today in China: born today in Beijing is fine while UTC is still on yesterday', () => {
    // 110105 20240601 001: sum 130, mod 11 = 9 → 3
    const beijingMorning = new Date('2024-06-01T01:00:00+08:00'); // 2024-05-31T17:00Z
    expect(checkResidentIdNumber('110105202406010013', beijingMorning)).toMatchObject({ ok: true });
    // 110105 20240602 001: sum 135, mod 11 = 3 → 9: tomorrow
    expect(checkResidentIdNumber('110105202406020019', beijingMorning)).toMatchObject({
      reason: 'birth_date',
    });
    expect(checkResidentIdNumber('11010519491231002X', new Date('nonsense'))).toMatchObject({
      reason: 'birth_date',
    });
  });
});

const digitOrX = fc.constantFrom(...'0123456789X');

/** Reference implementation for generated numbers, written independently of the module. */
function idCheckCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

const validIdNumber = fc
  .record({
    region: fc.constantFrom(...ID_REGION_PREFIXES),
    county: fc.integer({ min: 0, max: 9999 }),
    born: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2024-05-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, county, born, sequence }) => {
    const first17 =
      region +
      String(county).padStart(4, '0') +
      born.toISOString().slice(0, 10).replaceAll('-', '') +
      String(sequence).padStart(3, '0');
    return first17 + idCheckCharacter(first17);
  });

describe('resident ID number properties', () => {
  it('a generated valid number always passes', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        expect(checkResidentIdNumber(id, TODAY)).toMatchObject({ ok: true, normalised: id });
      }),
      { numRuns: 500 },
    );
  });

  it('changing any single character always fails', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 17 }), digitOrX, (id, position, replacement) => {
        fc.pre(id[position] !== replacement);
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(checkResidentIdNumber(changed, TODAY).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ID card validity period', () => {
  it('accepts a current 20-year card, in the formats people type', () => {
    const expected = {
      ok: true,
      validFrom: '2015-03-01',
      validTo: '2035-03-01',
      longTerm: false,
      daysRemaining: 3925,
    };
    expect(checkIdValidity('2015-03-01', '2035-03-01', TODAY)).toEqual(expected);
    expect(checkIdValidity('2015.03.01', '2035.03.01', TODAY)).toEqual(expected);
    expect(checkIdValidity('20150301', '20350301', TODAY)).toEqual(expected);
  });

  it('accepts 长期 (long-term) cards', () => {
    expect(checkIdValidity('2010-05-20', '长期', TODAY)).toEqual({
      ok: true,
      validFrom: '2010-05-20',
      validTo: null,
      longTerm: true,
      daysRemaining: null,
    });
  });

  it('keeps the last printed day valid and refuses the day after', () => {
    expect(checkIdValidity('2014-06-01', '2024-06-01', TODAY)).toMatchObject({ ok: true, daysRemaining: 0 });
    expect(checkIdValidity('2014-05-31', '2024-05-31', TODAY)).toEqual({
      ok: false,
      reason: 'expired',
      message: 'the card expired on 2024-05-31',
    });
  });

  it('refuses a card not yet valid, an inverted period and dates that are not dates', () => {
    expect(checkIdValidity('2024-06-02', '2034-06-02', TODAY)).toMatchObject({ reason: 'not_yet_valid' });
    expect(checkIdValidity('2035-03-01', '2015-03-01', TODAY)).toMatchObject({ reason: 'order' });
    expect(checkIdValidity('2015-02-30', '2035-02-30', TODAY)).toMatchObject({ reason: 'format' });
    expect(checkIdValidity('2015-03-01', '永久', TODAY)).toMatchObject({ reason: 'format' });
    expect(checkIdValidity(undefined as any, '长期', TODAY)).toMatchObject({ reason: 'format' });
  });

  it('flags, without refusing, a span other than 5, 10 or 20 years to the same day', () => {
    expect(checkIdValidity('2015-03-01', '2035-03-02', TODAY)).toMatchObject({
      ok: true,
      warning: 'unusual_period',
    });
    expect(checkIdValidity('2020-03-01', '2027-03-01', TODAY)).toMatchObject({
      ok: true,
      warning: 'unusual_period',
    });
    expect(checkIdValidity('2020-03-01', '2025-03-01', TODAY)).not.toHaveProperty('warning');
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  const realCodes = [
    '9144030071526726XG',
    '91330100716105852F',
    '914403001922038216',
    '91110108551385082Q',
    '91110000802100433B',
    '91110108558521630L',
    '91310000736239890T',
    '9111000071093123XX',
    '91100000100003962T',
    '911100001000044477',
    '9144030010001686XA',
    '91440300192317458F',
    '12440600MB2C07549J',
  ];

  it.each(realCodes)('accepts the real code %s', (code) => {
    expect(checkUnifiedSocialCreditCode(code)).toMatchObject({ ok: true, normalised: code });
  });

  it("decodes Tencent's code, worked by hand", () => {
    // values   9 1 4  4  0  3  0  0   7  1   5  2  6   7  2   6   X=29
    // weights  1 3 9 27 19 26 16 17  20 29  25 13  8  24 10  30  28
    // products 9 3 36 108 0 78 0 0 140 29 125 26 48 168 20 180 812 → sum 1782
    // 1782 = 57·31 + 15 → 31 − 15 = 16 → G.
    // Organisation code 71526726-X: 7·3+1·7+5·9+2·10+6·5+7·8+2·4+6·2 = 199 = 18·11 + 1 → 11 − 1 = 10 → X.
    expect(checkUnifiedSocialCreditCode('9144030071526726XG')).toEqual({
      ok: true,
      normalised: '9144030071526726XG',
      authority: { code: '9', name: '工商（市场监管）' },
      orgType: { code: '1', name: '企业' },
      divisionCode: '440300',
      orgCode: '71526726X',
    });
  });

  it('gives check character 0 when the weighted sum is a multiple of 31', () => {
    // 9·1+1·3+1·9+1·27+0·19+1·26+0·16+5·17+1·20+0+0+0+0+0+0+0+8·28 = 403 = 13·31, remainder 0:
    // the check value is 0 (character '0'), not 31. Organisation code 10000000-8: 1·3 = 3 → 11 − 3 = 8.
    expect(checkUnifiedSocialCreditCode('911101051000000080')).toMatchObject({
      ok: true,
      divisionCode: '110105',
      orgCode: '100000008',
    });
    // Y (worth 30) and any other last character are wrong there.
    for (const last of ['Y', '1', 'X']) {
      expect(checkUnifiedSocialCreditCode(`91110105100000008${last}`)).toMatchObject({
        ok: false,
        reason: 'check_character',
        message: `the check character should be 0, not ${last}`,
      });
    }
  });

  it('reports an embedded organisation-code failure apart, when the final check passes', () => {
    // Tencent's code with position 17 changed from X to 0 and position 18 recomputed:
    // 1782 − 812 (X·28) + 0 = 970 = 31·31 + 9 → 31 − 9 = 22 → N. The final check passes,
    // the organisation code 71526726-0 does not (its check character is X).
    expect(checkUnifiedSocialCreditCode('91440300715267260N')).toEqual({
      ok: false,
      reason: 'org_code_check',
      message: 'the organisation code 715267260 fails its GB 11714 check (expected X at position 17)',
      orgCodeValid: false,
    });
  });

  it('refuses the Xiamen pilot-period code on its final check, saying the organisation code is fine', () => {
    // Sum 2279 = 73·31 + 16 → F expected, 9 printed. Organisation code M0001QKT-1:
    // M=22, Q=26, K=20, T=29: 22·3+0+0+0+1·5+26·8+20·4+29·2 = 417 = 37·11 + 10 → 1. Passes.
    expect(checkUnifiedSocialCreditCode('91350203M0001QKT19')).toEqual({
      ok: false,
      reason: 'check_character',
      message: 'the check character should be F, not 9',
      orgCodeValid: true,
    });
  });

  it('refuses a mistyped code with both checks failing', () => {
    // Huawei's code with the 9th and 10th characters swapped
    expect(checkUnifiedSocialCreditCode('914403009122038216')).toMatchObject({
      reason: 'check_character',
      orgCodeValid: false,
    });
  });

  it('normalises lower case, spaces and full-width characters', () => {
    expect(checkUnifiedSocialCreditCode('9144030071526726xg')).toMatchObject({
      ok: true,
      normalised: '9144030071526726XG',
    });
    expect(checkUnifiedSocialCreditCode(' 91440300 71526726XG')).toMatchObject({ ok: true });
    expect(checkUnifiedSocialCreditCode('９１４４０３００７１５２６７２６ＸＧ')).toMatchObject({ ok: true });
  });

  it('refuses wrong lengths and characters outside the charset', () => {
    expect(checkUnifiedSocialCreditCode('9144030071526726X')).toMatchObject({ reason: 'length' });
    expect(checkUnifiedSocialCreditCode('440301102345678')).toMatchObject({ reason: 'length' }); // old 注册号
    expect(checkUnifiedSocialCreditCode(null as any)).toMatchObject({ reason: 'length' });
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      expect(checkUnifiedSocialCreditCode(`9144030071526726X${letter}`)).toMatchObject({
        reason: 'characters',
      });
    }
    // positions 3–8 are a division code: digits only
    expect(checkUnifiedSocialCreditCode('9144A30071526726XG')).toEqual({
      ok: false,
      reason: 'characters',
      message: 'position 5 is part of the division code and must be a digit, not A',
    });
  });

  it('refuses an unassigned registration authority or organisation type', () => {
    expect(checkUnifiedSocialCreditCode('B144030071526726XG')).toMatchObject({ reason: 'authority' });
    expect(checkUnifiedSocialCreditCode('9444030071526726XG')).toEqual({
      ok: false,
      reason: 'authority',
      message: '4 is not an organisation type registered by 工商（市场监管） (9)',
    });
  });
});

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Reference implementation for generated codes, written independently of the module. */
function referenceCreditCode(prefix8: string, orgBody: string): string {
  const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  const orgSum = [...orgBody].reduce((acc, ch, i) => acc + Number.parseInt(ch, 36) * orgWeights[i]!, 0);
  const orgCheck = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'][11 - (orgSum % 11)]!;
  const first17 = prefix8 + orgBody + orgCheck;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((acc, ch, i) => acc + USCC_CHARSET.indexOf(ch) * weights[i]!, 0);
  const remainder = sum % 31;
  return first17 + USCC_CHARSET[remainder === 0 ? 0 : 31 - remainder];
}

const validCreditCode = fc
  .record({
    kind: fc.constantFrom(
      '11',
      '12',
      '13',
      '19',
      '21',
      '31',
      '35',
      '41',
      '51',
      '52',
      '53',
      '61',
      '71',
      '81',
      '91',
      '92',
      '93',
      'A1',
      'N2',
      'Y1',
    ),
    division: fc.integer({ min: 100000, max: 659999 }),
    body: fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 8, maxLength: 8 }),
  })
  .map(({ kind, division, body }) => referenceCreditCode(kind + division, body));

describe('unified social credit code properties', () => {
  it('a generated valid code always passes', () => {
    fc.assert(
      fc.property(validCreditCode, (code) => {
        expect(checkUnifiedSocialCreditCode(code)).toMatchObject({ ok: true, normalised: code });
      }),
      { numRuns: 500 },
    );
  });

  it('generated codes include remainder-0 ones (check character 0) and they pass', () => {
    const zeroes = fc.sample(validCreditCode, 5000).filter((code) => code.endsWith('0'));
    expect(zeroes.length).toBeGreaterThan(0);
    for (const code of zeroes) expect(checkUnifiedSocialCreditCode(code).ok).toBe(true);
  });

  it('changing any single character always fails', () => {
    const anyCharacter = fc.constantFrom(...`${USCC_CHARSET}IOSVZ`);
    fc.assert(
      fc.property(
        validCreditCode,
        fc.integer({ min: 0, max: 17 }),
        anyCharacter,
        (code, position, replacement) => {
          fc.pre(code[position] !== replacement);
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(checkUnifiedSocialCreditCode(changed).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('bank cards and accounts', () => {
  it('runs Luhn on digits only', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true); // the classic worked example of the algorithm
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
    expect(luhnValid(undefined as any)).toBe(false);
  });

  it.each([
    ['4111111111111111'],
    ['5555555555554444'],
    ['378282246310005'],
    ['6200000000000005'],
    ['6205500000000000004'],
  ])('accepts the published test card %s', (pan) => {
    expect(checkBankCard(pan)).toEqual({ ok: true, normalised: pan });
  });

  it('accepts grouped input', () => {
    expect(checkBankCard('6200 0000 0000 0005')).toEqual({ ok: true, normalised: '6200000000000005' });
    expect(checkBankCard('6205-5000-0000-0000-004')).toEqual({ ok: true, normalised: '6205500000000000004' });
  });

  it('accepts a UnionPay number failing Luhn with a warning, and refuses any other', () => {
    expect(checkBankCard('6200000000000006')).toEqual({
      ok: true,
      normalised: '6200000000000006',
      warning: 'unionpay_luhn',
    });
    expect(checkBankCard('4111111111111112')).toMatchObject({ ok: false, reason: 'luhn' });
    expect(checkBankCard('5555555555554445')).toMatchObject({ ok: false, reason: 'luhn' });
    // Discover's published test number 6011111111111117, last digit changed: a 6 but not UnionPay
    expect(checkBankCard('6011111111111117')).toMatchObject({ ok: true });
    expect(checkBankCard('6011111111111118')).toMatchObject({ ok: false, reason: 'luhn' });
  });

  it('refuses wrong lengths and non-digits', () => {
    expect(checkBankCard('411111111111')).toMatchObject({ reason: 'length' }); // 12
    expect(checkBankCard('41111111111111111111')).toMatchObject({ reason: 'length' }); // 20
    expect(checkBankCard('6200 0000 0000 000A')).toMatchObject({ reason: 'characters' });
    expect(checkBankCard('')).toMatchObject({ reason: 'characters' });
    expect(checkBankCard(null as any)).toMatchObject({ reason: 'characters' });
  });

  it('property: a single changed digit of a non-UnionPay card always fails Luhn', () => {
    const card = fc
      .tuple(
        fc.constantFrom('4', '5', '3'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 14, maxLength: 17 }),
      )
      .map(([first, rest]) => {
        const body = first + rest;
        for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
        throw new Error('unreachable');
      });
    fc.assert(
      fc.property(card, fc.nat(), fc.integer({ min: 1, max: 9 }), (pan, at, delta) => {
        expect(checkBankCard(pan).ok).toBe(true);
        const i = at % pan.length;
        const changed = pan.slice(0, i) + ((Number(pan[i]) + delta) % 10) + pan.slice(i + 1);
        fc.pre(!changed.startsWith('62'));
        expect(checkBankCard(changed)).toMatchObject({ ok: false, reason: 'luhn' });
      }),
    );
  });

  it('checks corporate accounts by length only and personal ones as cards', () => {
    expect(checkBankAccount('110060224018000000123', 'corporate')).toEqual({
      ok: true,
      normalised: '110060224018000000123',
    });
    expect(checkBankAccount('12345', 'corporate')).toMatchObject({ reason: 'length' });
    expect(checkBankAccount('1'.repeat(33), 'corporate')).toMatchObject({ reason: 'length' });
    expect(checkBankAccount('1100 6022 A', 'corporate')).toMatchObject({ reason: 'characters' });
    expect(checkBankAccount('6200000000000005', 'personal')).toEqual({
      ok: true,
      normalised: '6200000000000005',
    });
    expect(checkBankAccount('4111111111111112', 'personal')).toMatchObject({ reason: 'luhn' });
    expect(checkBankAccount('4111111111111111', 'savings' as any)).toMatchObject({ reason: 'kind' });
  });
});

describe('phone numbers', () => {
  it('accepts mainland mobiles with or without +86 and separators', () => {
    for (const input of [
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '008613800138000',
      '8613800138000',
    ]) {
      expect(checkMainlandMobile(input)).toEqual({ ok: true, normalised: '13800138000' });
    }
    expect(checkMainlandMobile('19912345678')).toMatchObject({ ok: true });
  });

  it('refuses wrong prefixes, lengths and characters', () => {
    expect(checkMainlandMobile('12345678901')).toEqual({
      ok: false,
      reason: 'prefix',
      message: 'a mobile number starts with 13 to 19, not 12',
    });
    expect(checkMainlandMobile('23800138000')).toMatchObject({ reason: 'prefix' });
    expect(checkMainlandMobile('1380013800')).toMatchObject({ reason: 'length' });
    expect(checkMainlandMobile('138001380001')).toMatchObject({ reason: 'length' });
    expect(checkMainlandMobile('1380013800O')).toMatchObject({ reason: 'characters' });
    expect(checkMainlandMobile(undefined as any)).toMatchObject({ reason: 'characters' });
  });

  it('accepts landlines with area code, extension and service numbers', () => {
    expect(checkLandline('010-65123456')).toEqual({
      ok: true,
      normalised: '010-65123456',
      areaCode: '010',
      subscriber: '65123456',
      extension: null,
    });
    expect(checkLandline('(0755) 8376 5566')).toMatchObject({ ok: true, normalised: '0755-83765566' });
    expect(checkLandline('0571-5678901')).toMatchObject({ ok: true, subscriber: '5678901' });
    expect(checkLandline('021-62345678-802')).toMatchObject({
      ok: true,
      normalised: '021-62345678-802',
      extension: '802',
    });
    expect(checkLandline('021 62345678 转 802')).toMatchObject({ ok: true, extension: '802' });
    expect(checkLandline('+86 21 6234 5678')).toMatchObject({ ok: true, normalised: '021-62345678' });
    expect(checkLandline('400-820-1234')).toMatchObject({
      ok: true,
      normalised: '400-820-1234',
      areaCode: null,
    });
    expect(checkLandline('4008201234-5')).toMatchObject({ ok: true, normalised: '400-820-1234-5' });
  });

  it('refuses landlines without area code or with a wrong subscriber number', () => {
    expect(checkLandline('62345678')).toMatchObject({ reason: 'area_code' });
    expect(checkLandline('13800138000')).toMatchObject({ reason: 'area_code' });
    expect(checkLandline('010-6512345')).toMatchObject({ reason: 'subscriber' }); // Beijing has 8 digits
    expect(checkLandline('010-12345678')).toMatchObject({ reason: 'subscriber' }); // starts with 1
    expect(checkLandline('0755-02345678')).toMatchObject({ reason: 'subscriber' });
    expect(checkLandline('0755-123456789')).toMatchObject({ reason: 'subscriber' });
    expect(checkLandline('010-1234567a')).toMatchObject({ reason: 'characters' });
    expect(checkLandline(null as any)).toMatchObject({ reason: 'characters' });
  });
});

describe('luhnCheckDigit', () => {
  it('completes a body so that it passes Luhn, and only with that digit', () => {
    expect(luhnCheckDigit('411111111111111')).toBe('1');
    expect(luhnCheckDigit('622202123456789012')).toBe('8');
    for (let d = 0; d <= 9; d++) expect(luhnValid(`622202123456789012${d}`)).toBe(d === 8);
  });
});
