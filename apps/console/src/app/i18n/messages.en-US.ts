import type { messagesZhCN } from './messages.zh-CN';
import type { LocaleShape } from './types';

export const messagesEnUS: LocaleShape<typeof messagesZhCN> = {
  kinds: {
    id_front: 'ID card (front)',
    id_back: 'ID card (back)',
    licence: 'business licence',
    storefront: 'storefront photo',
    lease: 'lease',
    account_proof: 'settlement account proof',
    credit_code: 'credit code',
    id_number: 'ID number',
    account: 'settlement account',
    mobile: 'mobile number',
    merchant_name: 'merchant name',
  },
  limits: { single: 'single limit', daily: 'daily limit', monthly: 'monthly limit' },
  check: {
    form: { required: 'required', invalid: 'invalid: {{detail}}' },
    id: {
      valid: 'valid resident ID (born {{birthDate}})',
      length: 'a resident ID has 18 characters',
      characters: 'digits only, the last may be X',
      birth_date: 'the birth date is not a real date',
      region: 'unknown region code',
      check_digit: 'wrong check digit (GB 11643)',
      no_checksum: 'no checksum for this document type: the reviewer compares it with the document',
    },
    id_validity: {
      valid: 'ID document valid',
      format: 'validity dates malformed',
      order: 'valid-from is after valid-to',
      not_yet_valid: 'the document is not valid yet',
      expired: 'the document has expired',
    },
    credit_code: {
      valid: 'valid unified social credit code',
      length: 'a credit code has 18 characters',
      characters: 'characters not allowed in a credit code',
      authority: 'unknown registration authority code',
      check_character: 'wrong check character (GB 32100)',
      org_code_check: 'wrong organisation code check (GB 11714)',
      pilot:
        'fails a check: perhaps an early pilot-region code; the reviewer may override it after seeing the licence',
    },
    account: {
      valid: 'account number well formed',
      characters: 'digits only',
      length: 'wrong length for an account number',
      luhn: 'wrong card check digit (Luhn)',
      kind: 'the number does not fit the account type',
      unionpay_luhn:
        'UnionPay card number fails the Luhn check (some 62-prefixed cards do): confirm with the account proof',
    },
    mobile: {
      valid: 'mobile number well formed',
      characters: 'digits only',
      length: 'a mobile number has 11 digits',
      prefix: 'not a mainland mobile prefix',
    },
    mcc: {
      known: '{{code}} {{name}} ({{category}}, {{riskClass}} risk)',
      unknown: 'unknown MCC {{mcc}}',
    },
    division: { valid: '{{names}}', not_district: 'not a district code of the administrative divisions' },
    account_type: { individual_corporate: 'an individual business settles to a personal account' },
    account_holder: {
      mismatch: 'the account holder is neither the registered name nor the legal representative',
    },
    document: {
      uploaded: '$t(messages.kinds.{{kind}}) uploaded',
      missing: '$t(messages.kinds.{{kind}}) missing',
    },
    duplicate: {
      none: 'no other application or merchant with these numbers',
      found: 'same $t(messages.kinds.{{kind}}) as application {{no}}',
    },
    blacklist: {
      none: 'no blacklist hit',
      hit: 'blacklisted $t(messages.kinds.{{kind}}) {{value}} ({{reason}})',
    },
  },
  change: {
    shared_account: 'merchant {{mid}} ({{name}}) settles to the same account',
    relocation: '{{count}} installed terminal(s): a relocation work order each opens when it takes effect',
    above_policy: '$t(messages.limits.{{limit}}) above the grade {{grade}} policy ({{capYuan}} yuan)',
    unchanged: 'the same as the merchant has now: nothing to change',
    blacklisted: 'the account is on the blacklist',
    rate_from_tomorrow: 'a rate change takes effect from tomorrow ({{date}}) at the earliest',
    no_such_plan: 'no such rate plan',
    plan_retired: 'rate plan {{code}} is retired',
    plan_class: 'rate plan {{code}} is for {{planCategory}} merchants; MCC {{mcc}} is {{category}}',
    plan_not_yet: 'rate plan {{code}} takes effect on {{date}}',
    limit_zero: 'the single limit must be above zero',
    daily_below_single: 'the daily limit is below the single limit',
    monthly_below_daily: 'the monthly limit is below the daily limit',
    date_past: 'the effective date is before today ({{date}})',
    date_too_far: 'the effective date is more than {{days}} days ahead ({{date}})',
    kind_fixed: 'the kind of a request cannot change: open a new request',
  },
};
