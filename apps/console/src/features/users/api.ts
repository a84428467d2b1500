import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '../../api/client';
import type {
  CreateUserBody,
  CreateUserResponse,
  GrantRoleBody,
  GrantRoleResponse,
  UpdateUserBody,
  UserListItem,
  UserListQuery,
} from '../../api/types';

export const userKeys = {
  all: ['users'] as const,
  list: (query: UserListQuery) => ['users', 'list', query] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
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
