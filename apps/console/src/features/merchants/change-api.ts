import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '../../api/client';
import { merchantKeys } from './api';
import type { ChangeListQuery, MerchantChangeRequest, MerchantChangeRequestInput } from './model';

/** 变更申请: a live merchant's settlement account, address, rate plan or limits, through approval. */
export const changeKeys = {
  all: ['merchant-changes'] as const,
  list: (query: ChangeListQuery) => ['merchant-changes', 'list', query] as const,
  ofMerchant: (merchantId: string) => ['merchant-changes', 'of-merchant', merchantId] as const,
  detail: (id: string) => ['merchant-changes', 'detail', id] as const,
};

/** The change requests of one merchant, newest first. */
export function useMerchantChanges(merchantId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: changeKeys.ofMerchant(merchantId),
    queryFn: async ({ signal }) =>
      (
        await http.get<{ items: MerchantChangeRequest[] }>(
          `/api/merchants/${merchantId}/changes`,
          undefined,
          signal,
        )
      ).items,
  });
}

/** The change requests of the user's subtree, one keyset page at a time. */
export function useChangeRequests(query: ChangeListQuery) {
  return useQuery({
    queryKey: changeKeys.list(query),
    queryFn: ({ signal }) =>
      http.get<Page<MerchantChangeRequest>>('/api/merchant-changes', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function fetchChangeRequest(id: string): Promise<MerchantChangeRequest> {
  return http.get<MerchantChangeRequest>(`/api/merchant-changes/${id}`);
}

/** Rows an export walks at most (the list is keyset-paged; an export is for a filtered selection). */
export const CHANGE_EXPORT_ROWS_MAX = 5000;
const EXPORT_PAGE_ROWS = 200;

/** Every change request matching the filter, page after page, up to CHANGE_EXPORT_ROWS_MAX. */
export async function fetchChangesForExport(
  query: Omit<ChangeListQuery, 'cursor' | 'limit'>,
): Promise<{ items: MerchantChangeRequest[]; truncated: boolean }> {
  const items: MerchantChangeRequest[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await http.get<Page<MerchantChangeRequest>>('/api/merchant-changes', {
      ...query,
      cursor,
      limit: EXPORT_PAGE_ROWS,
    });
    items.push(...page.items);
    if (!page.nextCursor) return { items, truncated: false };
    if (items.length >= CHANGE_EXPORT_ROWS_MAX)
      return { items: items.slice(0, CHANGE_EXPORT_ROWS_MAX), truncated: true };
    cursor = page.nextCursor;
  }
}

/** A submitted, resubmitted or cancelled change: refresh its merchant (360, history) and the lists. */
function useChangeMutation<V>(fn: (vars: V) => Promise<MerchantChangeRequest>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (change) => {
      queryClient.setQueryData(changeKeys.detail(change.id), change);
      void queryClient.invalidateQueries({ queryKey: changeKeys.all });
      void queryClient.invalidateQueries({ queryKey: merchantKeys.detail(change.merchantId) });
      void queryClient.invalidateQueries({ queryKey: merchantKeys.history(change.merchantId) });
    },
  });
}

export function useRequestChange() {
  return useChangeMutation(({ merchantId, body }: { merchantId: string; body: MerchantChangeRequestInput }) =>
    http.post<MerchantChangeRequest>(`/api/merchants/${merchantId}/changes`, body),
  );
}

/** After a return for correction: the corrected change back into the same approval. */
export function useResubmitChange() {
  return useChangeMutation(({ id, body }: { id: string; body: MerchantChangeRequestInput }) =>
    http.post<MerchantChangeRequest>(`/api/merchant-changes/${id}/resubmit`, body),
  );
}

export function useCancelChange() {
  return useChangeMutation(({ id, reason }: { id: string; reason: string }) =>
    http.post<MerchantChangeRequest>(`/api/merchant-changes/${id}/cancel`, { reason }),
  );
}
