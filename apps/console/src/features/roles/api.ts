import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../api/client';
import type { CreateRoleBody, PermissionInfo, Role, UpdateRoleBody } from '../../api/types';

export const roleKeys = {
  all: ['roles'] as const,
  list: ['roles', 'list'] as const,
  permissions: ['permissions'] as const,
};

function itemsOf<T>(body: T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : body.items;
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: roleKeys.list,
    queryFn: async ({ signal }) =>
      itemsOf(await http.get<Role[] | { items: Role[] }>('/api/roles', undefined, signal)),
    staleTime: 60_000,
    enabled,
  });
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: roleKeys.permissions,
    queryFn: async ({ signal }) =>
      itemsOf(
        await http.get<PermissionInfo[] | { items: PermissionInfo[] }>('/api/permissions', undefined, signal),
      ),
    staleTime: 10 * 60_000,
  });
}

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoleBody) => http.post<Role>('/api/roles', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateRoleBody }) =>
      http.patch<Role>(`/api/roles/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

/** A role's name in the current language. */
export function roleLabel(role: Pick<Role, 'name' | 'nameEn'>, language: string): string {
  return language === 'en-US' ? role.nameEn : role.name;
}
