import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '../../api/client';
import type { RecordReviewBody, ReviewItem, ReviewQuery } from '../../api/types';

export const reviewKeys = {
  all: ['permission-review'] as const,
  list: (query: ReviewQuery) => ['permission-review', 'list', query] as const,
};

export function useReviewItems(query: ReviewQuery) {
  return useQuery({
    queryKey: reviewKeys.list(query),
    queryFn: ({ signal }) => http.get<Page<ReviewItem>>('/api/permission-review', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecordReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: RecordReviewBody }) =>
      http.post<void>(`/api/permission-review/${userId}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}
