import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../api/client';
import { merchantKeys } from '../merchants/api';
import { terminalKeys } from '../terminals/api';
import {
  type AssignInput,
  type Engineer,
  type FinishInput,
  WORK_ORDER_LIST_LIMIT,
  type WorkOrderListItem,
  type WorkOrderQuery,
} from './model';

export const workOrderKeys = {
  all: ['work-orders'] as const,
  list: (query: WorkOrderQuery) => ['work-orders', 'list', query] as const,
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

/** 完成 (not an installation): POST /api/work-orders/:id/finish; a relocation or retrieval moves a unit. */
export function useFinishWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: FinishInput & { id: string }) =>
      http.post<unknown>(`/api/work-orders/${id}/finish`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workOrderKeys.all });
      void queryClient.invalidateQueries({ queryKey: terminalKeys.all });
      void queryClient.invalidateQueries({ queryKey: merchantKeys.all });
    },
  });
}
