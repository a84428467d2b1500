import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page, upload } from '../../api/client';
import type {
  AddBlacklistBody,
  ApplicationDetail,
  ApplicationListItem,
  ApplicationListQuery,
  BlacklistEntry,
  BlacklistQuery,
  CreateApplicationBody,
  Division,
  DocumentMeta,
  MccReference,
  ReviewItemBody,
  UpdateApplicationBody,
} from '../../api/types';
import { type ApplicationAction, applicationActions, DOCUMENT_OWNER } from './model';

export const applicationKeys = {
  all: ['merchant-applications'] as const,
  list: (query: ApplicationListQuery) => ['merchant-applications', 'list', query] as const,
  detail: (id: string) => ['merchant-applications', 'detail', id] as const,
};

export const documentKeys = {
  all: ['documents'] as const,
  ofOwner: (ownerId: string) => ['documents', DOCUMENT_OWNER, ownerId] as const,
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

export function documentContentUrl(id: string): string {
  return `/api/documents/${id}/content`;
}

export function useApplicationDocuments(applicationId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: documentKeys.ofOwner(applicationId ?? ''),
    queryFn: async ({ signal }) =>
      (
        await http.get<{ items: DocumentMeta[] }>(
          '/api/documents',
          { ownerType: DOCUMENT_OWNER, ownerId: applicationId },
          signal,
        )
      ).items,
    enabled: Boolean(applicationId) && enabled,
  });
}

export function uploadApplicationDocument(
  applicationId: string,
  kind: string,
  file: File,
  options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {},
): Promise<DocumentMeta> {
  const form = new FormData();
  form.append('ownerType', DOCUMENT_OWNER);
  form.append('ownerId', applicationId);
  form.append('kind', kind);
  form.append('file', file, file.name);
  return upload<DocumentMeta>('/api/documents', form, options);
}

export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete<void>(`/api/documents/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.all }),
  });
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
