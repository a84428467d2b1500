import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, http, type Page } from '../../api/client';
import type {
  AddBlacklistBody,
  ApplicationDetail,
  ApplicationListItem,
  ApplicationListQuery,
  BlacklistEntry,
  BlacklistQuery,
  CreateApplicationBody,
  CreateContractBody,
  Division,
  DocumentMeta,
  GoLiveResult,
  MccReference,
  Merchant,
  MerchantContract,
  MerchantStatusEvent,
  RatePlan,
  RecordTrainingBody,
  ReviewItemBody,
  SignContractBody,
  UpdateApplicationBody,
  UserListItem,
} from '../../api/types';
import { documentKeys, uploadDocument, useOwnerDocuments } from '../../app/documents';
import { terminalKeys } from '../terminals/api';
import type { KeyInjection } from '../terminals/model';
import {
  type ApplicationAction,
  applicationActions,
  DOCUMENT_OWNER,
  type MerchantFilterQuery,
  type MerchantHistoryEntry,
  type MerchantProfile,
} from './model';

export const applicationKeys = {
  all: ['merchant-applications'] as const,
  list: (query: ApplicationListQuery) => ['merchant-applications', 'list', query] as const,
  detail: (id: string) => ['merchant-applications', 'detail', id] as const,
};

export const referenceKeys = {
  mcc: ['reference', 'mcc'] as const,
  divisions: ['reference', 'divisions'] as const,
};

export const blacklistKeys = {
  all: ['blacklist'] as const,
  list: (query: BlacklistQuery) => ['blacklist', 'list', query] as const,
};

// ── applications ────────────────────────────────────────────────────────────────────────────

export function useApplications(query: ApplicationListQuery) {
  return useQuery({
    queryKey: applicationKeys.list(query),
    queryFn: ({ signal }) =>
      http.get<Page<ApplicationListItem>>('/api/merchant-applications', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: applicationKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      http.get<ApplicationDetail>(`/api/merchant-applications/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
  });
}

/** Every change answers the whole detail: put it in the cache and let the lists refetch. */
function useApplicationMutation<V>(fn: (vars: V) => Promise<ApplicationDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (detail) => {
      queryClient.setQueryData(applicationKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: [...applicationKeys.all, 'list'] });
    },
  });
}

export function useCreateApplication() {
  return useApplicationMutation((body: CreateApplicationBody) =>
    http.post<ApplicationDetail>('/api/merchant-applications', body),
  );
}

export function useSaveApplicationForm() {
  return useApplicationMutation(({ id, body }: { id: string; body: UpdateApplicationBody }) =>
    http.put<ApplicationDetail>(`/api/merchant-applications/${id}/form`, body),
  );
}

/** Submit, resubmit, start review, return, complete review, withdraw. */
export function useApplicationAction() {
  return useApplicationMutation(
    ({ id, action, comment }: { id: string; action: ApplicationAction; comment?: string }) =>
      http.post<ApplicationDetail>(
        `/api/merchant-applications/${id}/${applicationActions[action].path}`,
        applicationActions[action].comment === 'none' ? {} : { comment: comment ?? '' },
      ),
  );
}

/** The reviewer's decision on one checklist item (a system check is named by item and field). */
export function useDecideCheck() {
  return useApplicationMutation(
    ({ id, item, field, body }: { id: string; item: string; field: string | null; body: ReviewItemBody }) =>
      http.put<ApplicationDetail>(
        `/api/merchant-applications/${id}/checklist/${encodeURIComponent(item)}${
          field ? `?field=${encodeURIComponent(field)}` : ''
        }`,
        body,
      ),
  );
}

// ── documents ───────────────────────────────────────────────────────────────────────────────

export function applicationDocumentKeys(applicationId: string) {
  return documentKeys.ofOwner(DOCUMENT_OWNER, applicationId);
}

export function useApplicationDocuments(applicationId: string | undefined, enabled = true) {
  return useOwnerDocuments(DOCUMENT_OWNER, applicationId, enabled);
}

export function uploadApplicationDocument(
  applicationId: string,
  kind: string,
  file: File,
  options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {},
): Promise<DocumentMeta> {
  return uploadDocument({ type: DOCUMENT_OWNER, id: applicationId }, kind, file, file.name, options);
}

// ── reference data ──────────────────────────────────────────────────────────────────────────

export function useMccReference() {
  return useQuery({
    queryKey: referenceKeys.mcc,
    queryFn: ({ signal }) => http.get<MccReference>('/api/reference/mcc', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

export function useDivisions() {
  return useQuery({
    queryKey: referenceKeys.divisions,
    queryFn: ({ signal }) => http.get<Division[]>('/api/reference/divisions', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** Province → city → district names of a division code, coarsest first; [] while unknown. */
export function divisionTrail(
  divisions: readonly Division[] | undefined,
  code: string | undefined,
): Division[] {
  if (!divisions || !code) return [];
  const walk = (nodes: readonly Division[], trail: Division[]): Division[] | null => {
    for (const node of nodes) {
      const here = [...trail, node];
      if (node.code === code) return here;
      // Codes nest by prefix: 110105 lies under 1101(00) under 11(0000).
      const prefix = node.code.slice(0, 2 * here.length);
      if (node.children.length > 0 && code.startsWith(prefix)) {
        const found = walk(node.children, here);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(divisions, []) ?? [];
}

// ── blacklist ───────────────────────────────────────────────────────────────────────────────

export function useBlacklist(query: BlacklistQuery) {
  return useQuery({
    queryKey: blacklistKeys.list(query),
    queryFn: ({ signal }) => http.get<Page<BlacklistEntry>>('/api/blacklist', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAddToBlacklist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddBlacklistBody) => http.post<BlacklistEntry>('/api/blacklist', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blacklistKeys.all }),
  });
}

export function useRemoveFromBlacklist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      http.delete<void>(`/api/blacklist/${id}?reason=${encodeURIComponent(reason)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blacklistKeys.all }),
  });
}

// ── contract (签约) and rate plans ─────────────────────────────────────────────────────────────

export const contractKeys = {
  ofApplication: (applicationId: string) => ['merchant-contracts', applicationId] as const,
};

export const ratePlanKeys = {
  list: (mcc: string | null | undefined) => ['rate-plans', mcc ?? null] as const,
};

export function contractPdfUrl(applicationId: string): string {
  return `/api/merchant-applications/${applicationId}/contract.pdf`;
}

/** The contract of an application; null while none has been generated (404). */
export function useContract(applicationId: string, enabled = true) {
  return useQuery({
    queryKey: contractKeys.ofApplication(applicationId),
    queryFn: async ({ signal }) => {
      try {
        return await http.get<MerchantContract>(
          `/api/merchant-applications/${applicationId}/contract`,
          undefined,
          signal,
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
    retry: false,
  });
}

/** Active rate plans that fit the application's MCC (all active plans when it has none). */
export function useRatePlans(mcc: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ratePlanKeys.list(mcc),
    queryFn: async ({ signal }) =>
      (await http.get<{ items: RatePlan[] }>('/api/rate-plans', mcc ? { mcc } : undefined, signal)).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Generate (or, before signing, regenerate) and sign both answer the contract; signing moves the application. */
function useContractMutation<V>(fn: (vars: V) => Promise<MerchantContract>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (contract) => {
      queryClient.setQueryData(contractKeys.ofApplication(contract.applicationId), contract);
      void queryClient.invalidateQueries({ queryKey: applicationKeys.detail(contract.applicationId) });
      void queryClient.invalidateQueries({ queryKey: [...applicationKeys.all, 'list'] });
    },
  });
}

export function useGenerateContract() {
  return useContractMutation(({ applicationId, body }: { applicationId: string; body: CreateContractBody }) =>
    http.post<MerchantContract>(`/api/merchant-applications/${applicationId}/contract`, body),
  );
}

export function useSignContract() {
  return useContractMutation(({ applicationId, body }: { applicationId: string; body: SignContractBody }) =>
    http.post<MerchantContract>(`/api/merchant-applications/${applicationId}/contract/sign`, body),
  );
}

// ── go-live (开通) and merchants ──────────────────────────────────────────────────────────────

export const merchantKeys = {
  all: ['merchants'] as const,
  list: (query: MerchantFilterQuery) => ['merchants', 'list', query] as const,
  detail: (id: string) => ['merchants', 'detail', id] as const,
  history: (id: string) => ['merchants', 'history', id] as const,
};

export function useGoLive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: string) =>
      http.post<GoLiveResult>(`/api/merchant-applications/${applicationId}/go-live`, {}),
    onSuccess: (_result, applicationId) => {
      void queryClient.invalidateQueries({ queryKey: applicationKeys.detail(applicationId) });
      void queryClient.invalidateQueries({ queryKey: [...applicationKeys.all, 'list'] });
      void queryClient.invalidateQueries({ queryKey: merchantKeys.all });
    },
  });
}

export function useMerchants(query: MerchantFilterQuery) {
  return useQuery({
    queryKey: merchantKeys.list(query),
    queryFn: ({ signal }) => http.get<Page<Merchant>>('/api/merchants', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Rows an export of the merchant list walks at most. */
export const MERCHANT_EXPORT_ROWS_MAX = 5000;

/** Every merchant matching the filter, page after page, up to MERCHANT_EXPORT_ROWS_MAX. */
export async function fetchMerchantsForExport(
  query: Omit<MerchantFilterQuery, 'cursor' | 'limit'>,
): Promise<{ items: Merchant[]; truncated: boolean }> {
  const items: Merchant[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await http.get<Page<Merchant>>('/api/merchants', { ...query, cursor, limit: 200 });
    items.push(...page.items);
    if (!page.nextCursor) return { items, truncated: false };
    if (items.length >= MERCHANT_EXPORT_ROWS_MAX)
      return { items: items.slice(0, MERCHANT_EXPORT_ROWS_MAX), truncated: true };
    cursor = page.nextCursor;
  }
}

export function useMerchant(id: string | undefined) {
  return useQuery({
    queryKey: merchantKeys.detail(id ?? ''),
    queryFn: ({ signal }) => http.get<MerchantProfile>(`/api/merchants/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
  });
}

/** The audit trail of the merchant, its application, contract, change requests and work orders, newest first. */
export function useMerchantHistory(id: string, limit = 200) {
  return useQuery({
    queryKey: merchantKeys.history(id),
    queryFn: async ({ signal }) =>
      (await http.get<{ items: MerchantHistoryEntry[] }>(`/api/merchants/${id}/history`, { limit }, signal))
        .items,
  });
}

/** The merchant as an action answered it (maybe now active): the page shows it, lists and history refresh. */
function useMerchantChanged() {
  const queryClient = useQueryClient();
  return (merchant: MerchantProfile) => {
    queryClient.setQueryData(merchantKeys.detail(merchant.id), merchant);
    void queryClient.invalidateQueries({ queryKey: merchantKeys.history(merchant.id) });
    void queryClient.invalidateQueries({ queryKey: [...merchantKeys.all, 'list'] });
    void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
  };
}

/** Changing the status and recording a training both answer the merchant (maybe now active). */
function useMerchantMutation<V>(fn: (vars: V) => Promise<MerchantProfile>) {
  const changed = useMerchantChanged();
  return useMutation({ mutationFn: fn, onSuccess: changed });
}

export interface BindInstallationVars {
  /** The installation work order. */
  id: string;
  serialNo: string;
  /** Where the engineer stood (WGS-84 degrees), if the device told. */
  latitude?: number | undefined;
  longitude?: number | undefined;
}

/**
 * POST /api/work-orders/:id/install: the merchant as it now stands, and the TID and the clear terminal
 * master key for the key-loading step — answered this once, never again.
 */
export interface InstallationBinding {
  merchant: MerchantProfile;
  keyInjection: KeyInjection;
}

/**
 * 装机绑定与灌密 (installation, step one): the unit with this serial number leaves stock, is bound to the
 * merchant and gets its key. The work order stays open for the sign-off, where the unit and the merchant
 * go live.
 */
export function useBindInstallation() {
  const changed = useMerchantChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BindInstallationVars) =>
      http.post<InstallationBinding>(`/api/work-orders/${id}/install`, body),
    onSuccess: ({ merchant }) => {
      changed(merchant);
      // A terminal left stock and got bound to the merchant.
      void queryClient.invalidateQueries({ queryKey: terminalKeys.all });
    },
  });
}

export function useChangeMerchantStatus() {
  return useMerchantMutation(
    ({ id, event, reason }: { id: string; event: MerchantStatusEvent; reason: string }) =>
      http.post<MerchantProfile>(`/api/merchants/${id}/status`, { event, reason }),
  );
}

export function useRecordTraining() {
  return useMerchantMutation(({ merchantId, body }: { merchantId: string; body: RecordTrainingBody }) =>
    http.post<MerchantProfile>(`/api/merchants/${merchantId}/trainings`, body),
  );
}

/**
 * The merchant an application went live as, if any: found by its credit code among the merchants the
 * user can see (the list has no application filter). null: none yet.
 */
export function useMerchantOfApplication(
  application: { id: string; creditCode: string | null },
  enabled = true,
) {
  const creditCode = application.creditCode ?? '';
  return useQuery({
    queryKey: [...merchantKeys.all, 'of-application', application.id] as const,
    queryFn: async ({ signal }) => {
      const page = await http.get<Page<Merchant>>('/api/merchants', { q: creditCode, limit: 20 }, signal);
      return page.items.find((m) => m.applicationId === application.id) ?? null;
    },
    enabled: enabled && creditCode !== '',
  });
}

/** Sales reps (销售人员) by name, for the merchant list's filter; needs user.read. */
export function useSalesReps(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'sales-reps', q] as const,
    queryFn: ({ signal }) =>
      http.get<Page<UserListItem>>(
        '/api/users',
        { q: q || undefined, roleCode: 'sales_rep', limit: 20 },
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** 业务归属: the sales staff and agents of the caller's branch an application may name. */
export function useAttributionOptions() {
  return useQuery({
    queryKey: [...applicationKeys.all, 'attribution-options'],
    queryFn: ({ signal }) =>
      http.get<{
        salesReps: { id: string; name: string; orgName: string }[];
        agents: { id: string; name: string }[];
      }>('/api/merchant-applications/attribution-options', undefined, signal),
    staleTime: 5 * 60_000,
  });
}
