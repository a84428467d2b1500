import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, download, http, type Page, type UploadOptions, upload } from '../../api/client';
import type {
  AlertStatus,
  FleetOverview,
  GoodsReceiptInput,
  Procurement,
  ProcurementDetail,
  ProcurementInput,
  ProcurementStatus,
  StockLevel,
  StockThresholdInput,
  Stocktake,
  StocktakeDetail,
  Supplier,
  SupplierInput,
  TerminalAlert,
  TerminalDetail,
  TerminalEvent,
  TerminalFilters,
  TerminalImportResult,
  TerminalListItem,
  TerminalModel,
  TerminalModelInput,
  TerminalQuery,
  Transfer,
  TransferDetail,
  TransferInput,
  TransferStatus,
  Warehouse,
} from './model';
import { ALERT_LIST_LIMIT, PROCUREMENT_LIST_LIMIT, STOCKTAKE_LIST_LIMIT, TRANSFER_LIST_LIMIT } from './model';

export const terminalKeys = {
  all: ['terminals'] as const,
  list: (query: TerminalQuery) => ['terminals', 'list', query] as const,
  detail: (id: string) => ['terminals', 'detail', id] as const,
  models: ['terminals', 'models'] as const,
  suppliers: ['terminals', 'suppliers'] as const,
  warehouses: ['terminals', 'warehouses'] as const,
  overview: ['terminals', 'overview'] as const,
  transfers: ['terminals', 'transfers'] as const,
  transferList: (status: TransferStatus | undefined) => ['terminals', 'transfers', 'list', status] as const,
  transfer: (id: string) => ['terminals', 'transfers', 'detail', id] as const,
  stockLevels: ['terminals', 'stock-levels'] as const,
  alerts: (status: AlertStatus) => ['terminals', 'alerts', status] as const,
  procurements: ['terminals', 'procurements'] as const,
  procurementList: (status: ProcurementStatus | undefined) =>
    ['terminals', 'procurements', 'list', status] as const,
  procurement: (id: string) => ['terminals', 'procurements', 'detail', id] as const,
  stocktakes: ['terminals', 'stocktakes'] as const,
  stocktakeList: ['terminals', 'stocktakes', 'list'] as const,
  stocktake: (id: string) => ['terminals', 'stocktakes', 'detail', id] as const,
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

// ── 机具总览 (fleet overview) ─────────────────────────────────────────────────────────────────

export function useFleetOverview() {
  return useQuery({
    queryKey: terminalKeys.overview,
    queryFn: ({ signal }) => http.get<FleetOverview>('/api/terminals/overview', undefined, signal),
    staleTime: 30_000,
  });
}

// ── 调拨 (transfers) ──────────────────────────────────────────────────────────────────────────

export function useTransfers(status: TransferStatus | undefined) {
  return useQuery({
    queryKey: terminalKeys.transferList(status),
    queryFn: async ({ signal }) =>
      (
        await http.get<{ items: Transfer[] }>(
          '/api/terminal-transfers',
          { status, limit: TRANSFER_LIST_LIMIT },
          signal,
        )
      ).items,
    placeholderData: keepPreviousData,
  });
}

export function useTransfer(id: string | null) {
  return useQuery({
    queryKey: terminalKeys.transfer(id ?? ''),
    queryFn: ({ signal }) => http.get<TransferDetail>(`/api/terminal-transfers/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
  });
}

/** What a transfer changes: the transfers, the stock and the warehouses' units, the ledger's locations. */
function useInvalidateAfterTransfer() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: terminalKeys.transfers }),
      queryClient.invalidateQueries({ queryKey: terminalKeys.stockLevels }),
      queryClient.invalidateQueries({ queryKey: terminalKeys.warehouses }),
      queryClient.invalidateQueries({ queryKey: [...terminalKeys.all, 'list'] }),
    ]);
}

/** 新建调拨: 400 with `fields.serialNos` naming the units the source cannot give. */
export function useCreateTransfer() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateAfterTransfer();
  return useMutation({
    mutationFn: (body: TransferInput) => http.post<TransferDetail>('/api/terminal-transfers', body),
    onSuccess: (transfer) => {
      queryClient.setQueryData(terminalKeys.transfer(transfer.id), transfer);
      void invalidate();
    },
  });
}

/** 签收 or 撤回 a transfer in transit (409 when it is no longer in transit: the list is refreshed). */
export function useCloseTransfer() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateAfterTransfer();
  return useMutation({
    mutationFn: ({ id, outcome }: { id: string; outcome: 'receive' | 'cancel' }) =>
      http.post<TransferDetail>(`/api/terminal-transfers/${id}/${outcome}`),
    onSuccess: (transfer) => {
      queryClient.setQueryData(terminalKeys.transfer(transfer.id), transfer);
      void invalidate();
    },
    onError: () => invalidate(),
  });
}

// ── 低库存预警 (stock thresholds) ──────────────────────────────────────────────────────────────

export function useStockLevels(enabled = true) {
  return useQuery({
    queryKey: terminalKeys.stockLevels,
    queryFn: async ({ signal }) =>
      (await http.get<{ items: StockLevel[] }>('/api/stock-levels', undefined, signal)).items,
    enabled,
  });
}

/** Sets (0 removes) a minimum; the answer is the whole list as it now stands. */
export function useSetStockThreshold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: StockThresholdInput) =>
      (await http.put<{ items: StockLevel[] }>('/api/stock-levels', body)).items,
    onSuccess: (items) => queryClient.setQueryData(terminalKeys.stockLevels, items),
  });
}

// ── 告警 (offline and relocation alerts) ──────────────────────────────────────────────────────

export function useTerminalAlerts(status: AlertStatus) {
  return useQuery({
    queryKey: terminalKeys.alerts(status),
    queryFn: async ({ signal }) =>
      (
        await http.get<{ items: TerminalAlert[] }>(
          '/api/terminal-alerts',
          { status, limit: ALERT_LIST_LIMIT },
          signal,
        )
      ).items,
    placeholderData: keepPreviousData,
  });
}

// ── 采购 (procurement: request → approval → order → goods receipts) ─────────────────────────────

export function useProcurements(status: ProcurementStatus | undefined) {
  return useQuery({
    queryKey: terminalKeys.procurementList(status),
    queryFn: async ({ signal }) =>
      (
        await http.get<{ items: Procurement[] }>(
          '/api/procurements',
          { status, limit: PROCUREMENT_LIST_LIMIT },
          signal,
        )
      ).items,
    placeholderData: keepPreviousData,
  });
}

export function useProcurement(id: string | null) {
  return useQuery({
    queryKey: terminalKeys.procurement(id ?? ''),
    queryFn: ({ signal }) => http.get<ProcurementDetail>(`/api/procurements/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
  });
}

/** Keeps the answer as the request's detail and refreshes the lists. */
function useProcurementMutation<V>(fn: (vars: V) => Promise<ProcurementDetail>, refreshAll = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (procurement) => {
      queryClient.setQueryData(terminalKeys.procurement(procurement.id), procurement);
      // A receipt changes the ledger, the warehouses', models' and stock counts and the overview too.
      void queryClient.invalidateQueries({
        queryKey: refreshAll ? terminalKeys.all : [...terminalKeys.procurements, 'list'],
      });
    },
    // Refused because the request moved on meanwhile (approved, ordered, received): show it as it stands.
    onError: () => queryClient.invalidateQueries({ queryKey: terminalKeys.procurements }),
  });
}

/** 新建采购申请 (201, pending approval): 400 with `fields` (neededBy, modelId, warehouseId). */
export function useRequestProcurement() {
  return useProcurementMutation((body: ProcurementInput) =>
    http.post<ProcurementDetail>('/api/procurements', body),
  );
}

/** 下单 an approved request with a supplier (409 when it is no longer approved). */
export function useOrderProcurement() {
  return useProcurementMutation(({ id, supplierId }: { id: string; supplierId: string }) =>
    http.post<ProcurementDetail>(`/api/procurements/${id}/order`, { supplierId }),
  );
}

/** 到货验收: 400 with `fields.accepted` when a serial number does not check out (nothing is received). */
export function useReceiveGoods() {
  return useProcurementMutation(
    ({ id, body }: { id: string; body: GoodsReceiptInput }) =>
      http.post<ProcurementDetail>(`/api/procurements/${id}/receipts`, body),
    true,
  );
}

// ── 盘点 (stocktakes: count → report → approval) ──────────────────────────────────────────────

export function useStocktakes() {
  return useQuery({
    queryKey: terminalKeys.stocktakeList,
    queryFn: async ({ signal }) =>
      (await http.get<{ items: Stocktake[] }>('/api/stocktakes', { limit: STOCKTAKE_LIST_LIMIT }, signal))
        .items,
  });
}

export function useStocktake(id: string | null) {
  return useQuery({
    queryKey: terminalKeys.stocktake(id ?? ''),
    queryFn: ({ signal }) => http.get<StocktakeDetail>(`/api/stocktakes/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
  });
}

/** Keeps the answer as the stocktake's detail and refreshes the list; a refusal refreshes both. */
function useStocktakeMutation<V>(fn: (vars: V) => Promise<StocktakeDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (stocktake) => {
      queryClient.setQueryData(terminalKeys.stocktake(stocktake.id), stocktake);
      void queryClient.invalidateQueries({ queryKey: terminalKeys.stocktakeList });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: terminalKeys.stocktakes }),
  });
}

/** 新建盘点 of a warehouse (201): 409 when that warehouse is already being counted. */
export function useStartStocktake() {
  return useStocktakeMutation((warehouseId: string) =>
    http.post<StocktakeDetail>('/api/stocktakes', { warehouseId }),
  );
}

/** 扫码: serial numbers seen on the shelf (scanning one twice changes nothing); 409 once reported. */
export function useScanStocktake() {
  return useStocktakeMutation(({ id, serialNos }: { id: string; serialNos: string[] }) =>
    http.post<StocktakeDetail>(`/api/stocktakes/${id}/scans`, { serialNos }),
  );
}

/** 提交盘点报告: the discrepancies go to approval; nothing in the ledger changes before it is approved. */
export function useReportStocktake() {
  return useStocktakeMutation((id: string) => http.post<StocktakeDetail>(`/api/stocktakes/${id}/report`));
}
