import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, download, http, type Page, type UploadOptions, upload } from '../../api/client';
import type {
  Supplier,
  SupplierInput,
  TerminalDetail,
  TerminalEvent,
  TerminalFilters,
  TerminalImportResult,
  TerminalListItem,
  TerminalModel,
  TerminalModelInput,
  TerminalQuery,
  Warehouse,
} from './model';

export const terminalKeys = {
  all: ['terminals'] as const,
  list: (query: TerminalQuery) => ['terminals', 'list', query] as const,
  detail: (id: string) => ['terminals', 'detail', id] as const,
  models: ['terminals', 'models'] as const,
  suppliers: ['terminals', 'suppliers'] as const,
  warehouses: ['terminals', 'warehouses'] as const,
};

// ── catalogue: models (机型目录) and suppliers (供应商) ─────────────────────────────────────────

export function useTerminalModels(enabled = true) {
  return useQuery({
    queryKey: terminalKeys.models,
    queryFn: async ({ signal }) =>
      (await http.get<{ items: TerminalModel[] }>('/api/terminal-models', undefined, signal)).items,
    staleTime: 60_000,
    enabled,
  });
}

function useCatalogueMutation<V, R>(fn: (vars: V) => Promise<R>, key: readonly string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useSaveTerminalModel() {
  return useCatalogueMutation(
    ({ id, body }: { id: string | null; body: TerminalModelInput }) =>
      id
        ? http.put<TerminalModel>(`/api/terminal-models/${id}`, body)
        : http.post<TerminalModel>('/api/terminal-models', body),
    terminalKeys.models,
  );
}

export function useRetireTerminalModel() {
  return useCatalogueMutation(
    (id: string) => http.post<TerminalModel>(`/api/terminal-models/${id}/retire`),
    terminalKeys.models,
  );
}

export function useSuppliers(enabled = true) {
  return useQuery({
    queryKey: terminalKeys.suppliers,
    queryFn: async ({ signal }) =>
      (await http.get<{ items: Supplier[] }>('/api/suppliers', undefined, signal)).items,
    staleTime: 60_000,
    enabled,
  });
}

export function useSaveSupplier() {
  return useCatalogueMutation(
    ({ id, body }: { id: string | null; body: SupplierInput }) =>
      id ? http.put<Supplier>(`/api/suppliers/${id}`, body) : http.post<Supplier>('/api/suppliers', body),
    terminalKeys.suppliers,
  );
}

// ── warehouses (仓库) ───────────────────────────────────────────────────────────────────────────

export function useWarehouses(enabled = true) {
  return useQuery({
    queryKey: terminalKeys.warehouses,
    queryFn: async ({ signal }) =>
      (await http.get<{ items: Warehouse[] }>('/api/warehouses', undefined, signal)).items,
    staleTime: 60_000,
    enabled,
  });
}

// ── the ledger (机具台账) ──────────────────────────────────────────────────────────────────────

export function useTerminals(query: TerminalQuery) {
  return useQuery({
    queryKey: terminalKeys.list(query),
    queryFn: ({ signal }) => http.get<Page<TerminalListItem>>('/api/terminals', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTerminal(id: string | undefined) {
  return useQuery({
    queryKey: terminalKeys.detail(id ?? ''),
    queryFn: ({ signal }) => http.get<TerminalDetail>(`/api/terminals/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
  });
}

/** The terminal with exactly this serial number (a scan), or null when there is none in the user's subtree. */
export async function findTerminalBySerial(serialNo: string): Promise<TerminalDetail | null> {
  try {
    return await http.get<TerminalDetail>(`/api/terminals/by-serial/${encodeURIComponent(serialNo)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** 报故障, 送修, 修复, 停用, 报丢失, 找回: answers the terminal as it now stands. */
export function useTerminalEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, event, reason }: { id: string; event: TerminalEvent; reason: string }) =>
      http.post<TerminalDetail>(`/api/terminals/${id}/events`, { event, reason }),
    onSuccess: (terminal) => {
      queryClient.setQueryData(terminalKeys.detail(terminal.id), terminal);
      void queryClient.invalidateQueries({ queryKey: [...terminalKeys.all, 'list'] });
      void queryClient.invalidateQueries({ queryKey: terminalKeys.warehouses });
      void queryClient.invalidateQueries({ queryKey: terminalKeys.models });
    },
    // A refused move means the terminal changed meanwhile: show it as it now stands.
    onError: (_error, { id }) => queryClient.invalidateQueries({ queryKey: terminalKeys.detail(id) }),
  });
}

/**
 * 入库导入: posts the file as multipart (warehouseId first, then the file) with upload progress. All or
 * nothing: with row errors the answer is `imported: 0` and the errors.
 */
export function importTerminals(
  warehouseId: string,
  file: File,
  options: UploadOptions = {},
): Promise<TerminalImportResult> {
  const form = new FormData();
  form.append('warehouseId', warehouseId);
  form.append('file', file, file.name);
  return upload<TerminalImportResult>('/api/terminals/import', form, options);
}

/** Everything an import changes: the ledger, the warehouses' and the models' unit counts. */
export function useInvalidateAfterImport() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: terminalKeys.all });
}

/** The ledger with the list's filters as an Excel file. */
export function exportTerminals(filters: TerminalFilters, fileName: string): Promise<void> {
  return download('/api/terminals/export', { ...filters }, fileName);
}
