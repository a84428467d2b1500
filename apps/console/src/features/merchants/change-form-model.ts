import { fenToYuan, yuanToFen } from '../approvals/amount';
import { businessToday, earliestEffectiveDate, latestDate } from './dates';
import type {
  MerchantChangeKind,
  MerchantChangeRequest,
  MerchantChangeRequestInput,
  MerchantProfile,
} from './model';

/** The change form's values ↔ the API: the request body, the server's field paths, the starting values. */

/** The change form's values: the kind's section filled, amounts in yuan as typed, the date YYYY-MM-DD. */
export interface ChangeFormValues {
  kind: MerchantChangeKind;
  settlement?: {
    accountType: 'corporate' | 'personal';
    bankName: string;
    branchName: string;
    accountNo: string;
    holderName: string;
  };
  address?: { divisionCode: string; detail: string };
  ratePlanId?: string;
  limits?: { single: string; daily: string; monthly: string };
  effectiveDate: string;
  reason: string;
}

export function toBody(values: ChangeFormValues): MerchantChangeRequestInput | undefined {
  const common = { effectiveDate: values.effectiveDate, reason: values.reason.trim() };
  switch (values.kind) {
    case 'settlement_account': {
      const s = values.settlement;
      if (!s) return undefined;
      return {
        ...common,
        change: {
          kind: 'settlement_account',
          settlement: {
            accountType: s.accountType,
            bankName: s.bankName.trim(),
            branchName: s.branchName.trim(),
            accountNo: s.accountNo.replace(/\s+/g, ''),
            holderName: s.holderName.trim(),
          },
        },
      };
    }
    case 'address':
      if (!values.address) return undefined;
      return {
        ...common,
        change: {
          kind: 'address',
          address: { divisionCode: values.address.divisionCode, detail: values.address.detail.trim() },
        },
      };
    case 'rate_plan':
      if (!values.ratePlanId) return undefined;
      return { ...common, change: { kind: 'rate_plan', ratePlanId: values.ratePlanId } };
    case 'limits': {
      const single = yuanToFen(values.limits?.single ?? '');
      const daily = yuanToFen(values.limits?.daily ?? '');
      const monthly = yuanToFen(values.limits?.monthly ?? '');
      if (!single || !daily || !monthly) return undefined;
      return {
        ...common,
        change: {
          kind: 'limits',
          singleLimitMinor: single,
          dailyLimitMinor: daily,
          monthlyLimitMinor: monthly,
        },
      };
    }
  }
}

/** Where a server field path shows in this form (`change.settlement.accountNo` → `settlement.accountNo`). */
export function formPath(path: string, kind: MerchantChangeKind): string {
  const limits: Record<string, string> = {
    'change.singleLimitMinor': 'limits.single',
    'change.dailyLimitMinor': 'limits.daily',
    'change.monthlyLimitMinor': 'limits.monthly',
  };
  if (limits[path]) return limits[path];
  if (path === 'change.kind') return 'kind';
  if (path === 'change.ratePlanId') return 'ratePlanId';
  if (path.startsWith('change.settlement.')) return path.slice('change.'.length);
  if (path.startsWith('change.address.')) return path.slice('change.'.length);
  // The change as a whole ("the account the merchant already has"): on the kind's first field.
  if (path === 'change' || path === 'change.settlement' || path === 'change.address') {
    const first: Record<MerchantChangeKind, string> = {
      settlement_account: 'settlement.accountNo',
      address: 'address.detail',
      rate_plan: 'ratePlanId',
      limits: 'limits.single',
    };
    return first[kind];
  }
  return path;
}

/** The values a new request starts from: the merchant's own (the account number left to type). */
export function initialValues(
  merchant: MerchantProfile,
  kind: MerchantChangeKind,
  resubmit: MerchantChangeRequest | undefined,
): Partial<ChangeFormValues> {
  const today = businessToday();
  if (resubmit) {
    const a = resubmit.after;
    const str = (key: string) => (typeof a[key] === 'string' ? (a[key] as string) : '');
    const earliest = earliestEffectiveDate(resubmit.kind, today);
    return {
      kind: resubmit.kind,
      effectiveDate: latestDate(resubmit.effectiveDate, earliest),
      reason: resubmit.reason,
      settlement:
        resubmit.kind === 'settlement_account'
          ? {
              accountType: str('accountType') === 'corporate' ? 'corporate' : 'personal',
              bankName: str('bankName'),
              branchName: str('branchName'),
              holderName: str('holderName'),
              // Only the masked number was kept: it is typed again.
              accountNo: '',
            }
          : undefined,
      address:
        resubmit.kind === 'address'
          ? { divisionCode: str('divisionCode'), detail: str('detail') }
          : undefined,
      ratePlanId: resubmit.kind === 'rate_plan' ? str('ratePlanId') : undefined,
      limits:
        resubmit.kind === 'limits'
          ? {
              single: fenToYuan(str('singleLimitMinor') || '0'),
              daily: fenToYuan(str('dailyLimitMinor') || '0'),
              monthly: fenToYuan(str('monthlyLimitMinor') || '0'),
            }
          : undefined,
    };
  }
  return {
    kind,
    effectiveDate: earliestEffectiveDate(kind, today),
    reason: '',
    settlement: { ...merchant.settlement, accountNo: '' },
    address: { divisionCode: merchant.address.divisionCode, detail: merchant.address.detail },
    limits: {
      single: fenToYuan(merchant.singleLimitMinor),
      daily: fenToYuan(merchant.dailyLimitMinor),
      monthly: fenToYuan(merchant.monthlyLimitMinor),
    },
  };
}
