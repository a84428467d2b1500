import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, upload } from '../api/client';
import type { DocumentMeta } from '../api/types';

/**
 * Documents (资料, site photos, signatures) are files the server keeps for an owner — an application, a
 * work order — by kind: uploaded as multipart, listed per owner, shown from their content URL, deleted
 * while the owner allows. Shared by the features that attach files.
 */

/** The server's default cap (DOCUMENT_MAX_BYTES); a larger file is refused before it is sent. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const documentKeys = {
  all: ['documents'] as const,
  ofOwner: (ownerType: string, ownerId: string) => ['documents', ownerType, ownerId] as const,
};

export function documentContentUrl(id: string): string {
  return `/api/documents/${id}/content`;
}

/** GET /api/documents?ownerType&ownerId: an owner's documents, oldest first. */
export function useOwnerDocuments(ownerType: string, ownerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: documentKeys.ofOwner(ownerType, ownerId ?? ''),
    queryFn: async ({ signal }) =>
      (await http.get<{ items: DocumentMeta[] }>('/api/documents', { ownerType, ownerId }, signal)).items,
    enabled: Boolean(ownerId) && enabled,
  });
}

/** POST /api/documents (multipart: ownerType, ownerId, kind, file), with upload progress. */
export function uploadDocument(
  owner: { type: string; id: string },
  kind: string,
  file: Blob,
  fileName: string,
  options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {},
): Promise<DocumentMeta> {
  const form = new FormData();
  form.append('ownerType', owner.type);
  form.append('ownerId', owner.id);
  form.append('kind', kind);
  form.append('file', file, fileName);
  return upload<DocumentMeta>('/api/documents', form, options);
}

/** DELETE /api/documents/:id (only while the owner takes changes). */
export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete<void>(`/api/documents/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.all }),
  });
}
