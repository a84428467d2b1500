import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '../../api/client';
import type {
  CreateUserBody,
  CreateUserResponse,
  GrantRoleBody,
  GrantRoleResponse,
  LoginHistoryEntry,
  UpdateUserBody,
  UserListItem,
  UserListQuery,
} from '../../api/types';

export const userKeys = {
  all: ['users'] as const,
  list: (query: UserListQuery) => ['users', 'list', query] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  logins: (id: string, cursor: string | undefined) => ['users', 'logins', id, cursor ?? null] as const,
};

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => http.get<Page<UserListItem>>('/api/users', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: ({ signal }) => http.get<UserListItem>(`/api/users/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** A user's sign-in attempts, newest first, one keyset page at a time. */
export function useLoginHistory(id: string, cursor: string | undefined, limit = 10) {
  return useQuery({
    queryKey: userKeys.logins(id, cursor),
    queryFn: ({ signal }) =>
      http.get<Page<LoginHistoryEntry>>(`/api/users/${id}/logins`, { limit, cursor }, signal),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useCreateUser() {
  return useUserMutation((body: CreateUserBody) => http.post<CreateUserResponse>('/api/users', body));
}

export function useUpdateUser() {
  return useUserMutation(({ id, body }: { id: string; body: UpdateUserBody }) =>
    http.patch<UserListItem>(`/api/users/${id}`, body),
  );
}

export function useSetUserEnabled() {
  return useUserMutation(({ id, enabled }: { id: string; enabled: boolean }) =>
    http.post<UserListItem>(`/api/users/${id}/${enabled ? 'enable' : 'disable'}`),
  );
}

export function useResetPassword() {
  return useUserMutation((id: string) =>
    http.post<{ initialPassword: string }>(`/api/users/${id}/reset-password`),
  );
}

export function useGrantRole() {
  return useUserMutation(({ id, body }: { id: string; body: GrantRoleBody }) =>
    http.post<GrantRoleResponse>(`/api/users/${id}/roles`, body),
  );
}

export function useRevokeRole() {
  return useUserMutation(({ id, roleId }: { id: string; roleId: string }) =>
    http.delete<void>(`/api/users/${id}/roles/${roleId}`),
  );
}
