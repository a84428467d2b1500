import type { TFunction } from 'i18next';
import { messageText } from '../../app/errors';
import { formatAmount } from '../../app/format';
import type { ChangeFinding, MerchantChangeKind } from './model';
import { ppmToPercent } from './rates';

/**
 * How a change request's values read on screen: field labels, values formatted by their unit (fen,
 * ppm), the server's English messages and findings in the user's language where they are known.
 */

/** The fields of each kind's before/after values, in the order people read them. */
export const changeFieldsOf: Record<MerchantChangeKind, readonly string[]> = {
  settlement_account: ['accountType', 'holderName', 'bankName', 'branchName', 'accountNo'],
  address: ['divisionNames', 'detail', 'divisionCode'],
  rate_plan: ['name', 'code', 'debitRatePpm', 'debitCapMinor', 'creditRatePpm', 'qrRatePpm', 'mccCategory'],
  limits: ['singleLimitMinor', 'dailyLimitMinor', 'monthlyLimitMinor'],
};

/** Values not worth a row of their own (ids, the English name beside the Chinese one). */
const hiddenFields = new Set(['ratePlanId', 'nameEn', 'currency']);

export function isShownField(key: string): boolean {
  return !hiddenFields.has(key);
}

/** The rows of a before/after comparison: the kind's fields first, then anything else either side has. */
export function comparisonKeys(
  kind: MerchantChangeKind | null,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const known = kind ? changeFieldsOf[kind] : [];
  const rest = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !known.includes(k) && isShownField(k),
  );
  return [...known.filter((k) => k in before || k in after), ...rest];
}

export function changeFieldLabel(t: TFunction, key: string): string {
  return t(`merchants.changes.fields.${key}`, { defaultValue: key });
}

export function changeKindLabel(t: TFunction, kind: string): string {
  return t(`merchants.changes.kinds.${kind}`, { defaultValue: kind });
}

/** One value for display: amounts in fen as money, ppm as percent, enumerations translated. */
export function formatChangeValue(t: TFunction, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    if (key === 'debitCapMinor') return t('merchants.contract.noCap');
    if (key === 'mccCategory') return t('merchants.contract.anyCategory');
    return '—';
  }
  if (key.endsWith('Minor') && typeof value === 'string' && /^-?\d+$/.test(value)) return formatAmount(value);
  if (key.endsWith('Ppm') && typeof value === 'number') return ppmToPercent(value);
  if (key === 'accountType' && typeof value === 'string')
    return t(`merchants.options.accountType.${value}`, { defaultValue: value });
  if (key === 'kind' && typeof value === 'string') return changeKindLabel(t, value);
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A change's values in one line, e.g. "中国工商银行 6222***2064 · 孙康宁" or "单笔 ¥30,000.00 · 单日 …". */
export function summarizeValues(
  t: TFunction,
  kind: MerchantChangeKind,
  values: Record<string, unknown>,
  english = false,
): string {
  const v = (key: string) => formatChangeValue(t, key, values[key]);
  switch (kind) {
    case 'settlement_account':
      return `${v('bankName')} ${v('accountNo')} · ${v('holderName')}`;
    case 'address':
      return `${v('divisionNames')} ${v('detail')}`;
    case 'rate_plan': {
      const name = english && typeof values.nameEn === 'string' && values.nameEn ? v('nameEn') : v('name');
      return [
        `${name} (${v('code')})`,
        `${t('merchants.changes.short.debitRatePpm')} ${v('debitRatePpm')}`,
        `${t('merchants.changes.short.creditRatePpm')} ${v('creditRatePpm')}`,
        `${t('merchants.changes.short.qrRatePpm')} ${v('qrRatePpm')}`,
      ].join(' · ');
    }
    case 'limits':
      return [
        `${t('merchants.changes.short.singleLimitMinor')} ${v('singleLimitMinor')}`,
        `${t('merchants.changes.short.dailyLimitMinor')} ${v('dailyLimitMinor')}`,
        `${t('merchants.changes.short.monthlyLimitMinor')} ${v('monthlyLimitMinor')}`,
      ].join(' · ');
  }
}

/** A finding (never blocking) in the user's language, from the key the server sends with it. */
export function findingText(
  t: TFunction,
  finding: Pick<ChangeFinding, 'message' | 'key' | 'params'>,
): string {
  return messageText(
    t,
    { key: finding.key, ...(finding.params ? { params: finding.params } : {}) },
    finding.message,
  );
}
