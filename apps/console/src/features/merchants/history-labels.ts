import type { TFunction } from 'i18next';
import { changeKindLabel, summarizeValues } from './change-labels';
import { checkItemLabel } from './labels';
import type { MerchantChangeKind, MerchantHistoryEntry } from './model';

/** An audit action (`merchant.change.apply`) as people say it, else the action itself. */
export function historyActionLabel(t: TFunction, action: string): string {
  return t(`merchants.history.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
}

/** Where each object's statuses are translated. */
const statusKeys: Record<string, string> = {
  merchant: 'merchants.merchant.statuses',
  merchant_application: 'merchants.statuses',
  merchant_contract: 'merchants.contract.statuses',
  merchant_change_request: 'merchants.changes.statuses',
  work_order: 'merchants.merchant.workOrders.statuses',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const kinds = new Set(['settlement_account', 'address', 'rate_plan', 'limits']);
const asKind = (value: unknown): MerchantChangeKind | undefined =>
  typeof value === 'string' && kinds.has(value) ? (value as MerchantChangeKind) : undefined;

/**
 * One line on what an entry did: the status it moved (translated), the change it carried, the work
 * order's serial number; and the comment or reason given, quoted.
 */
export function historySummary(t: TFunction, entry: MerchantHistoryEntry): { line?: string; quote?: string } {
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  const parts: string[] = [];
  const status = (value: unknown) => {
    const s = text(value);
    const base = statusKeys[entry.objectType];
    return s && base ? t(`${base}.${s}`, { defaultValue: s }) : (s ?? '');
  };
  if (text(before.status) && text(after.status) && before.status !== after.status) {
    parts.push(t('merchants.history.statusMove', { from: status(before.status), to: status(after.status) }));
  }
  const kind = asKind(after.kind);
  if (entry.action === 'merchant.change.request' && kind) {
    parts.push(`${text(after.no) ?? ''} ${changeKindLabel(t, kind)}`.trim());
    if (isRecord(after.after)) parts.push(summarizeValues(t, kind, after.after));
  }
  if (entry.action === 'merchant.change.apply' && kind) {
    parts.push(`${text(after.changeRequest) ?? ''} ${changeKindLabel(t, kind)}`.trim());
    if (isRecord(after.values)) parts.push(summarizeValues(t, kind, after.values));
  }
  if (Array.isArray(after.workOrders) && after.workOrders.length > 0) parts.push(after.workOrders.join(', '));
  if (text(after.serialNo)) parts.push(`SN ${after.serialNo as string}`);
  if (text(after.mid)) parts.push(`MID ${after.mid as string}`);
  if (text(after.signerName)) parts.push(after.signerName as string);
  if (text(after.trainerName)) parts.push(after.trainerName as string);
  if (text(after.grade) && typeof after.score === 'number') {
    parts.push(
      `${t('merchants.merchant.gradeN', { grade: after.grade })} · ${t('merchants.merchant.risk.scoreN', { n: after.score })}`,
    );
  }
  if (text(after.item) && text(after.result)) {
    parts.push(
      `${checkItemLabel(t, after.item as string)} · ${t(
        `merchants.checks.results.${after.result as string}`,
        {
          defaultValue: after.result as string,
        },
      )}`,
    );
  }
  const quote = text(after.comment) ?? text(after.reason);
  return { ...(parts.length > 0 ? { line: parts.join(' · ') } : {}), ...(quote ? { quote } : {}) };
}
