import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '../../api/client';
import type { ApprovalListQuery, ApprovalRequest } from '../../api/types';

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
