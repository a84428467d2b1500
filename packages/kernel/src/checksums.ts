/**
 * Checks of the identifiers an onboarding application carries: resident ID number (GB 11643),
 * unified social credit code (GB 32100), bank card and account numbers, phone numbers.
 *
 * Every function is pure, accepts anything (a JS caller may pass null), never throws and answers
 * with a precise reason; the console translates the reason, the message is for logs and API users.
 * Input is normalised first: NFKC (full-width digits and letters typed with a Chinese IME become
 * ASCII), whitespace removed, letters upper-cased where the format has letters.
 */
import { businessDate } from './clock';

export type CheckFailure<R extends string> = { ok: false; reason: R; message: string };

function fail<R extends string>(reason: R, message: string): CheckFailure<R> {
  return { ok: false, reason, message };
}

/** NFKC and no whitespace; '' for anything that is not a string. */
function compact(input: unknown): string {
  if (typeof input !== 'string') return '';
  return input.normalize('NFKC').replace(/\s+/g, '');
}

const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

/** YYYY-MM-DD of `today` in China, or null for an invalid Date. */
function todayInChina(today: unknown): string | null {
  if (!(today instanceof Date) || Number.isNaN(today.getTime())) return null;
  return businessDate(today, BUSINESS_TIME_ZONE);
}

/** Whether y-m-d is a day of the Gregorian calendar. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

// ---------------------------------------------------------------------------------------------
// Resident ID number — 中华人民共和国居民身份证号码, GB 11643-1999
// ---------------------------------------------------------------------------------------------

/**
 * Province-level codes (GB/T 2260) that can open an ID number: the 31 mainland provinces,
 * 71 Taiwan, 81 Hong Kong and 82 Macao, and 83, used since 2018 with 81/82 on the residence
 * permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证).
 */
// biome-ignore format: one row per region group
export const ID_REGION_PREFIXES: readonly string[] = [
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number. */
export function residentIdCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARACTERS[sum % 11]!;
}

export type ResidentIdReason = 'length' | 'characters' | 'birth_date' | 'region' | 'check_digit';
export type ResidentIdResult =
  | {
      ok: true;
      /** 18 characters, a final lower-case x upper-cased. */
      normalised: string;
      birthDate: string;
      /** From the 17th digit: odd for men, even for women. */
      sex: 'M' | 'F';
      /** The first six digits: the county-level division where the number was issued. */
      regionCode: string;
    }
  | CheckFailure<ResidentIdReason>;

/**
 * A resident ID number (18 characters; the 15-digit first-generation numbers stopped being valid
 * on 2013-01-01). `today` bounds the birth date; it is read in China's time zone.
 */
export function checkResidentIdNumber(id: string, today: Date): ResidentIdResult {
  const value = compact(id).toUpperCase();
  if (value.length !== 18) {
    return fail(
      'length',
      value.length === 15
        ? 'a 15-digit first-generation ID number is no longer valid; the 18-character number is needed'
        : `an ID number has 18 characters, not ${value.length}`,
    );
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return fail('characters', 'an ID number is 17 digits followed by a digit or X');
  }
  const regionCode = value.slice(0, 6);
  if (!ID_REGION_PREFIXES.includes(value.slice(0, 2))) {
    return fail('region', `${value.slice(0, 2)} is not a province-level region code`);
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(year, month, day)) {
    return fail('birth_date', `${value.slice(6, 14)} is not a date`);
  }
  if (year < 1900) return fail('birth_date', `birth date ${birthDate} is before 1900`);
  const todayDate = todayInChina(today);
  if (todayDate === null) return fail('birth_date', 'no valid current date to check the birth date against');
  if (birthDate > todayDate) return fail('birth_date', `birth date ${birthDate} is in the future`);
  const expected = residentIdCheckCharacter(value.slice(0, 17))!;
  if (value[17] !== expected) {
    return fail('check_digit', `the check character should be ${expected}, not ${value[17]}`);
  }
  return {
    ok: true,
    normalised: value,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'M' : 'F',
    regionCode,
  };
}

export type IdValidityReason = 'format' | 'order' | 'not_yet_valid' | 'expired';
export type IdValidityResult =
  | {
      ok: true;
      validFrom: string;
      /** null for a long-term (长期) card. */
      validTo: string | null;
      longTerm: boolean;
      /** Whole days from today to validTo (0 on the last valid day); null for a long-term card. */
      daysRemaining: number | null;
      /**
       * Cards are issued for 5, 10 or 20 years (by age) or long-term, ending on the same month and
       * day; another span is allowed (temporary cards, data entry quirks) but worth a second look.
       */
      warning?: 'unusual_period';
    }
  | CheckFailure<IdValidityReason>;

/** 'YYYY-MM-DD', 'YYYYMMDD', 'YYYY.MM.DD' (as printed on the card) or 'YYYY/MM/DD' → YYYY-MM-DD. */
function parseCardDate(input: unknown): string | null {
  const value = compact(input);
  const match = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  if (!isCalendarDate(Number(y), Number(m), Number(d))) return null;
  return `${y}-${m}-${d}`;
}

function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

/**
 * The validity period printed on the back of the card (有效期限): from, and to or 长期. The last
 * day printed is still valid.
 */
export function checkIdValidity(validFrom: string, validTo: string | '长期', today: Date): IdValidityResult {
  const from = parseCardDate(validFrom);
  if (from === null) return fail('format', 'the start of the validity period is not a date (YYYY-MM-DD)');
  const longTerm = compact(validTo) === '长期';
  const to = longTerm ? null : parseCardDate(validTo);
  if (!longTerm && to === null) {
    return fail('format', 'the end of the validity period is neither a date (YYYY-MM-DD) nor 长期');
  }
  if (to !== null && to <= from)
    return fail('order', `the validity period ends (${to}) before it starts (${from})`);
  const todayDate = todayInChina(today);
  if (todayDate === null) return fail('format', 'no valid current date to check the validity period against');
  if (from > todayDate) return fail('not_yet_valid', `the card is valid only from ${from}`);
  if (to !== null && to < todayDate) return fail('expired', `the card expired on ${to}`);

  let warning: 'unusual_period' | undefined;
  if (to !== null) {
    const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
    if (![5, 10, 20].includes(years) || to.slice(5) !== from.slice(5)) warning = 'unusual_period';
  }
  return {
    ok: true,
    validFrom: from,
    validTo: to,
    longTerm,
    daysRemaining: to === null ? null : dayNumber(to) - dayNumber(todayDate),
    ...(warning ? { warning } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Unified social credit code — 统一社会信用代码, GB 32100-2015
// ---------------------------------------------------------------------------------------------

/** The 31 characters of GB 32100 (no I, O, S, V, Z), each worth its index. */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714-1997 organisation code: weights of its 8 body characters. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Registration authorities (登记管理部门, position 1) and the organisation types (机构类别,
 * position 2) each registers, as assigned under GB 32100-2015.
 */
export const CREDIT_CODE_AUTHORITIES: Readonly<
  Record<string, { name: string; orgTypes: Readonly<Record<string, string>> }>
> = {
  '1': {
    name: '机构编制',
    orgTypes: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', orgTypes: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    orgTypes: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', orgTypes: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', orgTypes: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    orgTypes: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', orgTypes: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', orgTypes: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商（市场监管）', orgTypes: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', orgTypes: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    orgTypes: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  Y: { name: '其他', orgTypes: { '1': '其他' } },
};

/** The GB 32100 check character (position 18) of the first 17 characters; null if any is outside the charset. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i]!;
  }
  // A remainder of 0 gives 31 - 0 = 31, which the standard maps to the character worth 0: '0'.
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an 8-character organisation code body (digits, A–Z worth 10–35). */
export function organisationCodeCheckCharacter(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body[i]!, 36) * ORG_CODE_WEIGHTS[i]!;
  const value = 11 - (sum % 11);
  return value === 10 ? 'X' : value === 11 ? '0' : String(value);
}

export type CreditCodeReason = 'length' | 'characters' | 'authority' | 'check_character' | 'org_code_check';
export type CreditCodeResult =
  | {
      ok: true;
      normalised: string;
      authority: { code: string; name: string };
      orgType: { code: string; name: string };
      /** Positions 3–8: the GB/T 2260 division of the registering authority (100000 = national). */
      divisionCode: string;
      /** Positions 9–17: the organisation code (主体标识码). */
      orgCode: string;
    }
  | (CheckFailure<CreditCodeReason> & {
      /**
       * Set when both checks could be computed: whether the embedded GB 11714 organisation-code
       * check passes. With reason 'check_character' this tells a mistyped code (usually both fail)
       * from a code whose final character alone disagrees.
       */
      orgCodeValid?: boolean;
    });

/**
 * A unified social credit code. The final GB 32100 check and the embedded GB 11714 check of the
 * organisation code are reported separately: reason 'org_code_check' means the final check passes
 * and only the embedded one fails — seen on real codes issued in early pilot regions, which a
 * reviewer may accept with a recorded override.
 */
export function checkUnifiedSocialCreditCode(code: string): CreditCodeResult {
  const value = compact(code).toUpperCase();
  if (value.length !== 18)
    return fail('length', `a unified social credit code has 18 characters, not ${value.length}`);
  for (let i = 0; i < 18; i++) {
    const ch = value[i]!;
    if (i >= 2 && i <= 7 ? !/\d/.test(ch) : !USCC_CHARSET.includes(ch)) {
      return fail(
        'characters',
        i >= 2 && i <= 7
          ? `position ${i + 1} is part of the division code and must be a digit, not ${ch}`
          : `position ${i + 1} is ${ch}, which is not used in credit codes (digits and letters except I, O, S, V, Z)`,
      );
    }
  }
  const authority = CREDIT_CODE_AUTHORITIES[value[0]!];
  if (!authority) return fail('authority', `${value[0]} is not a registration authority code`);
  const orgTypeName = authority.orgTypes[value[1]!];
  if (!orgTypeName) {
    return fail(
      'authority',
      `${value[1]} is not an organisation type registered by ${authority.name} (${value[0]})`,
    );
  }
  const orgCode = value.slice(8, 17);
  const orgCodeValid = organisationCodeCheckCharacter(orgCode.slice(0, 8)) === orgCode[8];
  const expected = creditCodeCheckCharacter(value.slice(0, 17))!;
  if (value[17] !== expected) {
    return {
      ...fail('check_character', `the check character should be ${expected}, not ${value[17]}`),
      orgCodeValid,
    };
  }
  if (!orgCodeValid) {
    return {
      ...fail(
        'org_code_check',
        `the organisation code ${orgCode} fails its GB 11714 check (expected ${organisationCodeCheckCharacter(orgCode.slice(0, 8))} at position 17)`,
      ),
      orgCodeValid,
    };
  }
  return {
    ok: true,
    normalised: value,
    authority: { code: value[0]!, name: authority.name },
    orgType: { code: value[1]!, name: orgTypeName },
    divisionCode: value.slice(2, 8),
    orgCode,
  };
}

// ---------------------------------------------------------------------------------------------
// Bank cards and accounts
// ---------------------------------------------------------------------------------------------

/** The Luhn (mod 10) check over a string of ASCII digits; false for anything else. */
export function luhnValid(digits: string): boolean {
  if (typeof digits !== 'string' || !/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that, appended to `body` (ASCII digits), makes it pass Luhn. */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return String(d);
  throw new Error(`not a string of digits: ${body}`);
}

/** Spaces and hyphens as people group card numbers, removed. */
function accountDigits(input: unknown): string {
  return compact(input).replace(/-/g, '');
}

export type BankCardReason = 'characters' | 'length' | 'luhn';
export type BankCardResult =
  | {
      ok: true;
      normalised: string;
      /** A UnionPay (62…) number that fails Luhn: some domestic cards were issued so; accepted, flagged. */
      warning?: 'unionpay_luhn';
    }
  | CheckFailure<BankCardReason>;

/** A bank card number (PAN): 13–19 digits passing Luhn, except UnionPay numbers, which are only warned. */
export function checkBankCard(number: string): BankCardResult {
  const value = accountDigits(number);
  if (value === '' || !/^\d+$/.test(value)) return fail('characters', 'a card number has digits only');
  if (value.length < 13 || value.length > 19)
    return fail('length', `a card number has 13 to 19 digits, not ${value.length}`);
  if (!luhnValid(value)) {
    if (value.startsWith('62')) return { ok: true, normalised: value, warning: 'unionpay_luhn' };
    return fail('luhn', 'the card number fails its check digit (Luhn)');
  }
  return { ok: true, normalised: value };
}

export type BankAccountKind = 'corporate' | 'personal';
export type BankAccountResult = BankCardResult | CheckFailure<'kind'>;

/**
 * A settlement account: corporate accounts (对公账户) are 6–32 digits in a bank-specific format
 * with no common checksum; personal ones (对私) are settled to a card, checked as a card.
 */
export function checkBankAccount(number: string, kind: BankAccountKind): BankAccountResult {
  if (kind === 'personal') return checkBankCard(number);
  if (kind !== 'corporate') return fail('kind', 'the account kind is corporate or personal');
  const value = accountDigits(number);
  if (value === '' || !/^\d+$/.test(value)) return fail('characters', 'an account number has digits only');
  if (value.length < 6 || value.length > 32) {
    return fail('length', `a corporate account number has 6 to 32 digits, not ${value.length}`);
  }
  return { ok: true, normalised: value };
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

export type MobileReason = 'characters' | 'length' | 'prefix';
export type MobileResult = { ok: true; normalised: string } | CheckFailure<MobileReason>;

/** A mainland mobile number: 11 digits, 1[3-9]…; +86 / 0086 and separators are accepted and removed. */
export function checkMainlandMobile(phone: string): MobileResult {
  let value = accountDigits(phone);
  if (value.startsWith('+86')) value = value.slice(3);
  else if (value.startsWith('0086')) value = value.slice(4);
  else if (value.length === 13 && value.startsWith('86')) value = value.slice(2);
  if (value === '' || !/^\d+$/.test(value)) return fail('characters', 'a mobile number has digits only');
  if (value.length !== 11) return fail('length', `a mobile number has 11 digits, not ${value.length}`);
  if (!/^1[3-9]/.test(value))
    return fail('prefix', `a mobile number starts with 13 to 19, not ${value.slice(0, 2)}`);
  return { ok: true, normalised: value };
}

export type LandlineReason = 'characters' | 'area_code' | 'subscriber';
export type LandlineResult =
  | {
      ok: true;
      /** 0AA(A)-NNNNNNN(N)[-EXT], or 400/800 numbers as 400-XXX-XXXX. */
      normalised: string;
      areaCode: string | null;
      subscriber: string;
      extension: string | null;
    }
  | CheckFailure<LandlineReason>;

/**
 * A fixed-line number with its area code (区号): 010 and 02X have 8-digit subscriber numbers, the
 * four-digit area codes 7 or 8; subscriber numbers never start with 0 or 1. An extension may follow
 * (-123, 转123, ext 123). National 400/800 service numbers are accepted too.
 */
export function checkLandline(phone: string): LandlineResult {
  let text = typeof phone === 'string' ? phone.normalize('NFKC').trim() : '';
  let extension: string | null = null;
  const ext = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(text);
  if (ext) {
    text = ext[1]!;
    extension = ext[2]!;
  }
  const parts = text
    .replace(/[()（）]/g, '-')
    .split(/[-\s]+/)
    .filter((p) => p !== '');
  let digits = parts.join('');
  if (digits.startsWith('+86')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0086')) digits = `0${digits.slice(4)}`;
  if (digits === '' || !/^\d+$/.test(digits))
    return fail('characters', 'a phone number has digits and separators only');

  if (/^[48]00/.test(digits) && extension === null && parts.length >= 2 && digits.length > 10) {
    // 400-123-4567-8: a last group after the ten digits is the extension.
    const last = parts.at(-1)!;
    if (digits.length - last.length === 10 && last.length <= 6) {
      extension = last;
      digits = digits.slice(0, 10);
    }
  }
  if (/^[48]00\d{7}$/.test(digits)) {
    return {
      ok: true,
      normalised: `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}${extension ? `-${extension}` : ''}`,
      areaCode: null,
      subscriber: digits,
      extension,
    };
  }

  let areaLength: number;
  if (/^(010|02\d)/.test(digits)) areaLength = 3;
  else if (/^0[3-9]\d{2}/.test(digits)) areaLength = 4;
  else return fail('area_code', 'a landline number starts with its area code: 010, 02X or 0XXX');
  const areaCode = digits.slice(0, areaLength);
  let subscriber = digits.slice(areaLength);
  // 010-12345678-123: a last group after a complete number is the extension.
  if (extension === null && parts.length >= 3) {
    const last = parts.at(-1)!;
    const rest = subscriber.slice(0, subscriber.length - last.length);
    if (last.length <= 6 && /^[2-9]\d{6,7}$/.test(rest)) {
      extension = last;
      subscriber = rest;
    }
  }
  const lengths = areaLength === 3 ? [8] : [7, 8];
  if (!lengths.includes(subscriber.length)) {
    return fail(
      'subscriber',
      `after area code ${areaCode} the number has ${lengths.join(' or ')} digits, not ${subscriber.length}`,
    );
  }
  if (!/^[2-9]/.test(subscriber)) return fail('subscriber', 'a local number does not start with 0 or 1');
  return {
    ok: true,
    normalised: `${areaCode}-${subscriber}${extension ? `-${extension}` : ''}`,
    areaCode,
    subscriber,
    extension,
  };
}
