import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { download, http, type Page } from '../../api/client';
import type { AuditEntry, AuditQuery } from '../../api/types';

export type AuditFilter = Omit<AuditQuery, 'cursor' | 'limit'>;

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditQuery) => ['audit', 'list', query] as const,
};

export function useAuditEntries(query: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => http.get<Page<AuditEntry>>('/api/audit', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function exportAudit(filter: AuditFilter): Promise<void> {
  return download('/api/audit/export.xlsx', { ...filter }, 'audit.xlsx');
}
