import type { WorkOrderKind, WorkOrderStatus } from '../../api/types';

export type { WorkOrderKind, WorkOrderStatus };

/** One row of GET /api/work-orders (soonest due first). */
export interface WorkOrderListItem {
  id: string;
  no: string;
  kind: WorkOrderKind;
  status: WorkOrderStatus;
  merchantId: string;
  merchantLabel: string;
  terminalModel: string | null;
  serialNo: string | null;
  assignee: { id: string; name: string } | null;
  appointmentAt: string | null;
  dueAt: string;
  overdue: boolean;
  escalatedAt: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface WorkOrderQuery {
  status?: WorkOrderStatus | undefined;
  kind?: WorkOrderKind | undefined;
  mine?: boolean | undefined;
  overdue?: boolean | undefined;
}

/** An engineer a dispatcher may assign to (GET /api/work-orders/engineers). */
export interface Engineer {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
}

export interface AssignInput {
  assigneeId: string;
  /** ISO date-time with offset, not in the past. */
  appointmentAt: string;
}

export interface FinishInput {
  result: string;
  latitude?: number | undefined;
  longitude?: number | undefined;
}

/** The server answers at most this many rows per list (its own cap is 500). */
export const WORK_ORDER_LIST_LIMIT = 500;
export const RESULT_MIN_CHARS = 2;
export const RESULT_MAX_CHARS = 500;

export const workOrderKinds: readonly WorkOrderKind[] = [
  'install',
  'inspection',
  'repair',
  'relocation',
  'retrieval',
];
export const workOrderStatuses: readonly WorkOrderStatus[] = ['open', 'completed', 'cancelled'];

export const kindColors: Record<WorkOrderKind, string> = {
  install: 'blue',
  inspection: 'cyan',
  repair: 'orange',
  relocation: 'purple',
  retrieval: 'magenta',
};

export const statusColors: Record<WorkOrderStatus, string> = {
  open: 'processing',
  completed: 'success',
  cancelled: 'default',
};

export const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

export function isKind(value: string | null): value is WorkOrderKind {
  return value !== null && (workOrderKinds as readonly string[]).includes(value);
}

export function isStatus(value: string | null): value is WorkOrderStatus {
  return value !== null && (workOrderStatuses as readonly string[]).includes(value);
}

/** Installations are completed on the merchant page (serial + key injection); the others are finished with a result. */
export function canFinishHere(w: Pick<WorkOrderListItem, 'kind' | 'status'>): boolean {
  return w.status === 'open' && w.kind !== 'install';
}

/**
 * A due time relative to now, as a value and unit for Intl.RelativeTimeFormat: minutes under an hour,
 * hours under two days, days beyond; negative when it is past.
 */
export function relativeDue(
  dueIso: string,
  nowMs: number,
): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.round((Date.parse(dueIso) - nowMs) / 60_000);
  const abs = Math.abs(minutes);
  if (abs < 60) return { value: minutes, unit: 'minute' };
  if (abs < 48 * 60) return { value: Math.trunc(minutes / 60), unit: 'hour' };
  return { value: Math.trunc(minutes / (24 * 60)), unit: 'day' };
}
