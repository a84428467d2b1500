/**
 * The application form as the step form edits it, and its conversion to and from the API's draft.
 * Amounts are typed in yuan and travel in fen, both as strings: converted with string arithmetic only.
 */
import type { ApplicationDraft, ApplicationFormView, DocumentMeta } from '../../api/types';
import { fenToYuan, yuanToFen } from '../approvals/amount';
import type { DocumentKind } from './model';

/** Yuan as typed: at most 13 whole digits so that the fen fit the API's 15. */
export const yuanPattern = /^\d{1,13}(\.\d{1,2})?$/;

export interface TerminalValues {
  model?: string;
  count?: number | null;
  acceptance?: ('card' | 'qr')[];
}

export interface FormValues {
  attribution?: { salesRepId?: string | null; agentOrgId?: string | null };
  business?: {
    name?: string;
    shortName?: string;
    type?: 'individual' | 'company';
    mcc?: string;
    scope?: string;
    address?: { divisionCode?: string; detail?: string };
    hours?: { open?: string; close?: string };
  };
  legalRep?: {
    name?: string;
    idType?: 'resident_id' | 'passport' | 'hk_macao_permit' | 'taiwan_permit' | 'foreign_permanent';
    idNumber?: string;
    validFrom?: string;
    validTo?: string;
  };
  licence?: { creditCode?: string; registeredName?: string; validTo?: string; establishedOn?: string };
  tax?: { taxpayerType?: 'general' | 'small_scale' };
  settlement?: {
    accountType?: 'corporate' | 'personal';
    bankName?: string;
    branchName?: string;
    accountNo?: string;
    holderName?: string;
  };
  contacts?: { name?: string; mobile?: string; email?: string; phone?: string };
  expected?: { monthlyVolumeYuan?: string; averageTicketYuan?: string };
  terminals?: TerminalValues[];
  /** Not sent: the uploaded documents per kind, here so that their form items can show errors. */
  documents?: Partial<Record<DocumentKind, DocumentMeta[]>>;
}

/** The steps of the form and the sections (first path segment) each one edits. */
export const formSteps = [
  { key: 'business', sections: ['business'] },
  { key: 'legalRep', sections: ['legalRep'] },
  { key: 'licence', sections: ['licence', 'tax'] },
  { key: 'settlement', sections: ['settlement'] },
  { key: 'contacts', sections: ['contacts', 'expected', 'terminals', 'attribution'] },
  { key: 'documents', sections: ['documents'] },
] as const;

export function stepOfPath(path: string): number {
  const section = path.split('.')[0];
  const index = formSteps.findIndex((s) => (s.sections as readonly string[]).includes(section ?? ''));
  return Math.max(index, 0);
}

/**
 * A server field path as the form names it: the save endpoint prefixes `form.`, the amounts are edited
 * in yuan.
 */
export function formPathOf(serverPath: string): string {
  return serverPath
    .replace(/^form\./, '')
    .replace(/^expected\.monthlyVolumeMinor$/, 'expected.monthlyVolumeYuan')
    .replace(/^expected\.averageTicketMinor$/, 'expected.averageTicketYuan');
}

export function isMasked(value: string | undefined): boolean {
  return typeof value === 'string' && value.includes('*');
}

export function toFormValues(view: ApplicationFormView, documents: readonly DocumentMeta[] = []): FormValues {
  const byKind: Partial<Record<DocumentKind, DocumentMeta[]>> = {};
  for (const d of documents) {
    const kind = d.kind as DocumentKind;
    byKind[kind] = [...(byKind[kind] ?? []), d];
  }
  const expected = view.expected;
  return {
    business: {
      ...view.business,
      address: { ...view.business?.address },
      hours: { ...view.business?.hours },
    },
    // Nearly every applicant shows a resident ID card: the usual choice made already.
    legalRep: { idType: 'resident_id', ...view.legalRep },
    licence: { ...view.licence },
    tax: { ...view.tax },
    settlement: { ...view.settlement },
    contacts: { ...view.contacts },
    expected: {
      monthlyVolumeYuan: expected?.monthlyVolumeMinor ? fenToYuan(expected.monthlyVolumeMinor) : undefined,
      averageTicketYuan: expected?.averageTicketMinor ? fenToYuan(expected.averageTicketMinor) : undefined,
    },
    terminals:
      view.terminals && view.terminals.length > 0
        ? view.terminals.map((t) => ({ model: t.model, count: t.count, acceptance: t.acceptance }))
        : [{ count: 1, acceptance: ['card', 'qr'] }],
    documents: byKind,
    attribution: { ...view.attribution },
  };
}

/** A trimmed text, or nothing for an empty one (a draft leaves unfilled fields out). */
function text(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Drops the keys whose value is undefined (the API's objects are strict, not undefined-tolerant). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Fen for a yuan amount as typed; undefined when empty or not an amount (the form rule says so). */
export function fenOf(yuan: string | undefined): string | undefined {
  const value = text(yuan);
  if (value === undefined || !yuanPattern.test(value)) return undefined;
  return yuanToFen(value);
}

/**
 * The draft to save. A masked number the user left as it was is left out, so that the server keeps the
 * one it holds sealed.
 */
export function toDraft(values: FormValues, loaded: ApplicationFormView): ApplicationDraft {
  const b = values.business ?? {};
  const rep = values.legalRep ?? {};
  const lic = values.licence ?? {};
  const acc = values.settlement ?? {};
  const con = values.contacts ?? {};
  const idNumber = text(rep.idNumber);
  const accountNo = text(acc.accountNo)?.replace(/\s+/g, '');
  const keepId = isMasked(idNumber) && idNumber === loaded.legalRep?.idNumber;
  const keepAccount = isMasked(accountNo) && accountNo === loaded.settlement?.accountNo;
  return {
    business: compact({
      name: text(b.name),
      shortName: text(b.shortName),
      type: b.type,
      mcc: text(b.mcc),
      scope: text(b.scope),
      address: compact({ divisionCode: text(b.address?.divisionCode), detail: text(b.address?.detail) }),
      hours: compact({ open: text(b.hours?.open), close: text(b.hours?.close) }),
    }),
    legalRep: compact({
      name: text(rep.name),
      idType: rep.idType,
      idNumber: keepId ? undefined : idNumber?.toUpperCase(),
      validFrom: text(rep.validFrom),
      validTo: text(rep.validTo),
    }),
    licence: compact({
      creditCode: text(lic.creditCode)?.toUpperCase(),
      registeredName: text(lic.registeredName),
      validTo: text(lic.validTo),
      establishedOn: text(lic.establishedOn),
    }),
    tax: compact({ taxpayerType: values.tax?.taxpayerType }),
    settlement: compact({
      accountType: acc.accountType,
      bankName: text(acc.bankName),
      branchName: text(acc.branchName),
      accountNo: keepAccount ? undefined : accountNo,
      holderName: text(acc.holderName),
    }),
    contacts: compact({
      name: text(con.name),
      mobile: text(con.mobile),
      email: text(con.email),
      phone: text(con.phone),
    }),
    expected: compact({
      monthlyVolumeMinor: fenOf(values.expected?.monthlyVolumeYuan),
      averageTicketMinor: fenOf(values.expected?.averageTicketYuan),
    }),
    terminals: (values.terminals ?? [])
      .map((t) =>
        compact({
          model: text(t.model),
          count: typeof t.count === 'number' ? t.count : undefined,
          acceptance: t.acceptance && t.acceptance.length > 0 ? t.acceptance : undefined,
        }),
      )
      .filter((t) => Object.keys(t).length > 0),
    attribution: compact({
      salesRepId: values.attribution?.salesRepId ?? undefined,
      agentOrgId: values.attribution?.agentOrgId ?? undefined,
    }),
  };
}

/** Empty for the purpose of a draft: nothing typed, nothing chosen. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as object).every(isEmptyValue);
  return false;
}
