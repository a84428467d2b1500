import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../api/client';
import type { NotificationPage } from '../../api/types';

export const notificationKeys = {
  all: ['notifications'] as const,
  latest: (limit: number) => ['notifications', 'latest', limit] as const,
};

export function fetchNotifications(limit: number, signal?: AbortSignal): Promise<NotificationPage> {
  return http.get<NotificationPage>('/api/notifications', { limit }, signal);
}

export function useLatestNotifications(limit = 10) {
  return useQuery({
    queryKey: notificationKeys.latest(limit),
    queryFn: ({ signal }) => fetchNotifications(limit, signal),
    refetchInterval: 60_000,
    meta: { silent: true },
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.post<void>(`/api/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
