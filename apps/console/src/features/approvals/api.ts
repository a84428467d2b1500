import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '../../api/client';
import type { ApprovalChain, ApprovalListQuery, ApprovalRequest, UpdateChainBody } from '../../api/types';

export type Decision = 'approve' | 'reject' | 'return';

export const approvalKeys = {
  all: ['approvals'] as const,
  list: (query: ApprovalListQuery) => ['approvals', 'list', query] as const,
  detail: (id: string) => ['approvals', 'detail', id] as const,
};

export function useApprovals(query: ApprovalListQuery) {
  return useQuery({
    queryKey: approvalKeys.list(query),
    queryFn: ({ signal }) => http.get<Page<ApprovalRequest>>('/api/approvals', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApproval(id: string | null) {
  return useQuery({
    queryKey: approvalKeys.detail(id ?? ''),
    queryFn: ({ signal }) => http.get<ApprovalRequest>(`/api/approvals/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useDecideApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: Decision; comment?: string }) =>
      http.post<ApprovalRequest>(`/api/approvals/${id}/${decision}`, comment ? { comment } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}

export const approvalChainKeys = {
  all: ['approval-chains'] as const,
};

/** The approval chain of each request type. */
export function useApprovalChains() {
  return useQuery({
    queryKey: approvalChainKeys.all,
    queryFn: ({ signal }) => http.get<ApprovalChain[]>('/api/approval-chains', undefined, signal),
  });
}

/** Reconfigures a chain; requests already open keep the steps they were submitted with. */
export function useUpdateApprovalChain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ type, body }: { type: string; body: UpdateChainBody }) =>
      http.put<ApprovalChain>(`/api/approval-chains/${encodeURIComponent(type)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: approvalChainKeys.all }),
  });
}
