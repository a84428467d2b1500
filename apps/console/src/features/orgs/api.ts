import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../api/client';
import type { CreateOrgBody, Org, UpdateOrgBody } from '../../api/types';

export const orgKeys = {
  all: ['orgs'] as const,
  list: ['orgs', 'list'] as const,
};

export interface OrgNode extends Org {
  children?: OrgNode[];
}

export function useOrgs(enabled = true) {
  return useQuery({
    queryKey: orgKeys.list,
    queryFn: async ({ signal }) => {
      const body = await http.get<Org[] | { items: Org[] }>('/api/orgs', undefined, signal);
      return Array.isArray(body) ? body : body.items;
    },
    staleTime: 60_000,
    enabled,
  });
}

/** The flat list (each with its parentId) as a tree; orphans (parent outside the caller's scope) become roots. */
export function buildOrgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>(orgs.map((o) => [o.id, { ...o }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => a.code.localeCompare(b.code));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

export function useCreateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrgBody) => http.post<Org>('/api/orgs', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

export function useUpdateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrgBody }) =>
      http.patch<Org>(`/api/orgs/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.all }),
  });
}
