import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../api/client';
import { merchantKeys } from '../merchants/api';
import type { MerchantProfile } from '../merchants/model';
import { terminalKeys } from '../terminals/api';
import {
  type AssignInput,
  type Engineer,
  type SiteReportInput,
  WORK_ORDER_LIST_LIMIT,
  type WorkOrderDetail,
  type WorkOrderListItem,
  type WorkOrderQuery,
} from './model';

export const workOrderKeys = {
  all: ['work-orders'] as const,
  list: (query: WorkOrderQuery) => ['work-orders', 'list', query] as const,
  detail: (id: string) => ['work-orders', 'detail', id] as const,
  engineers: ['work-orders', 'engineers'] as const,
};

export function useWorkOrders(query: WorkOrderQuery) {
  return useQuery({
    queryKey: workOrderKeys.list(query),
    queryFn: async ({ signal }) =>
      (
        await http.get<{ items: WorkOrderListItem[] }>(
          '/api/work-orders',
          {
            status: query.status,
            kind: query.kind,
            mine: query.mine ? true : undefined,
            overdue: query.overdue ? true : undefined,
            limit: WORK_ORDER_LIST_LIMIT,
          },
          signal,
        )
      ).items,
    placeholderData: keepPreviousData,
  });
}

/** GET /api/work-orders/:id: the work order, what its kind requires on site and, once closed, its report. */
export function useWorkOrder(id: string | undefined) {
  return useQuery({
    queryKey: workOrderKeys.detail(id ?? ''),
    queryFn: ({ signal }) => http.get<WorkOrderDetail>(`/api/work-orders/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useEngineers(enabled: boolean) {
  return useQuery({
    queryKey: workOrderKeys.engineers,
    queryFn: async ({ signal }) =>
      (await http.get<{ items: Engineer[] }>('/api/work-orders/engineers', undefined, signal)).items,
    staleTime: 60_000,
    enabled,
  });
}

/** 派单: POST /api/work-orders/:id/assign. */
export function useAssignWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AssignInput & { id: string }) =>
      http.post<WorkOrderListItem>(`/api/work-orders/${id}/assign`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderKeys.all }),
  });
}

/**
 * 完工签收: POST /api/work-orders/:id/finish with the site report (photos and the signature uploaded
 * before); answers the merchant. An installation's unit and merchant may go live, a relocation moves the
 * unit's binding, a retrieval brings the unit back to stock.
 */
export function useFinishWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: SiteReportInput & { id: string }) =>
      http.post<MerchantProfile>(`/api/work-orders/${id}/finish`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workOrderKeys.all });
      void queryClient.invalidateQueries({ queryKey: terminalKeys.all });
      void queryClient.invalidateQueries({ queryKey: merchantKeys.all });
    },
  });
}
