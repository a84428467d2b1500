import type { TerminalCapability, TerminalStatus, TerminalType } from '@posops/contracts';
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface TerminalModelsTable {
  id: Generated<string>;
  brand: string;
  model: string;
  type: TerminalType;
  capabilities: TerminalCapability[];
  unit_price_minor: bigint;
  status: Generated<'active' | 'retired'>;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface SuppliersTable {
  id: Generated<string>;
  name: string;
  qualification: string;
  contact_name: string;
  contact_phone: string;
  rating: number;
  status: Generated<'active' | 'suspended'>;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface WarehousesTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  kind: 'org' | 'agent';
  created_at: CreatedAt;
}

export interface TerminalsTable {
  id: Generated<string>;
  serial_no: string;
  model_id: string;
  supplier_id: string | null;
  purchased_at: ColumnType<string | null, string | null | undefined, string | null>;
  org_id: string;
  status: TerminalStatus;
  warehouse_id: string | null;
  merchant_id: string | null;
  tid: string | null;
  bound_acquirer: string | null;
  bound_mid: string | null;
  bound_credit_code: string | null;
  bound_account_hash: string | null;
  bound_account_masked: string | null;
  bound_division_code: string | null;
  bound_address: string | null;
  latitude: Numeric;
  longitude: Numeric;
  bound_at: MaybeTime;
  installed_at: MaybeTime;
  firmware_version: string | null;
  /** The payment app's version, when heartbeats report it (远程升级 of kind app). */
  app_version: string | null;
  last_heartbeat_at: MaybeTime;
  tmk_sealed: string | null;
  tmk_check_value: string | null;
  tmk_injected_at: MaybeTime;
  /** Books of the register (账实相符): set by the database when the receipt and the scrap are written. */
  received_at: ColumnType<Date | null, never, never>;
  scrapped_at: ColumnType<Date | null, never, never>;
  reported_latitude: Numeric;
  reported_longitude: Numeric;
  transfer_id: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface TerminalAlertsTable {
  id: Generated<string>;
  org_id: string;
  terminal_id: string;
  kind: 'offline' | 'relocated';
  status: Generated<'open' | 'closed'>;
  detail: ColumnType<unknown, string, string>;
  opened_at: CreatedAt;
  closed_at: MaybeTime;
  closed_reason: string | null;
}

export interface TerminalEventsTable {
  id: Generated<bigint>;
  terminal_id: string;
  org_id: string;
  at: CreatedAt;
  event: string;
  from_status: TerminalStatus | null;
  to_status: TerminalStatus;
  actor_id: string | null;
  actor_name: string;
  detail: Json;
}

export interface TerminalTransfersTable {
  id: Generated<string>;
  no: string;
  org_id: string;
  from_warehouse_id: string;
  to_warehouse_id: string;
  from_name: string;
  to_name: string;
  created_by_name: string;
  kind: 'dispatch' | 'recall' | 'transfer';
  status: 'in_transit' | 'received' | 'cancelled';
  units: number;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
  closed_by: string | null;
  closed_at: MaybeTime;
  version: Generated<number>;
}

export interface TerminalTransferUnitsTable {
  transfer_id: string;
  terminal_id: string;
}

export interface StockThresholdsTable {
  id: Generated<string>;
  org_id: string;
  warehouse_id: string;
  model_id: string;
  min_units: number;
  alert_opened_at: MaybeTime;
  alert_units: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProcurementRequestsTable {
  id: Generated<string>;
  no: string;
  org_id: string;
  model_id: string;
  quantity: number;
  unit_price_minor: bigint;
  amount_minor: bigint;
  reason: string;
  needed_by: ColumnType<string, string, string>;
  warehouse_id: string;
  status: 'pending_approval' | 'approved' | 'rejected' | 'ordered' | 'received' | 'closed';
  supplier_id: string | null;
  ordered_at: MaybeTime;
  received_units: Generated<number>;
  rejected_units: Generated<number>;
  requested_by: string;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface GoodsReceiptsTable {
  id: Generated<string>;
  no: string;
  org_id: string;
  request_id: string;
  warehouse_id: string;
  accepted: number;
  rejected: ColumnType<unknown, string | undefined, string>;
  received_by: string;
  received_at: CreatedAt;
}

export interface StocktakesTable {
  id: Generated<string>;
  no: string;
  org_id: string;
  warehouse_id: string;
  status: 'counting' | 'reported' | 'approved' | 'rejected' | 'cancelled';
  expected: number;
  scanned: Generated<number>;
  missing: Generated<number>;
  unexpected: Generated<number>;
  wrong_place: Generated<number>;
  started_by: string;
  started_at: CreatedAt;
  reported_at: MaybeTime;
  closed_at: MaybeTime;
  version: Generated<number>;
}

export interface StocktakeItemsTable {
  stocktake_id: string;
  serial_no: string;
  terminal_id: string | null;
  expected: boolean;
  scanned: Generated<boolean>;
  finding: 'ok' | 'missing' | 'unexpected' | 'wrong_place' | null;
  detail: ColumnType<unknown, string | null | undefined, string | null>;
}

export type ReleaseKind = 'firmware' | 'app';
export type ReleaseStatus = 'draft' | 'published' | 'withdrawn';

/** 固件/应用版本: a package a model's terminals can be upgraded to. */
export interface TerminalReleasesTable {
  id: Generated<string>;
  model_id: string;
  kind: ReleaseKind;
  version: string;
  notes: Generated<string>;
  package_sha256: string;
  package_bytes: bigint;
  package_url: string | null;
  status: Generated<ReleaseStatus>;
  released_at: MaybeTime;
  withdrawn_at: MaybeTime;
  withdrawn_reason: string | null;
  created_by: string;
  created_at: CreatedAt;
  revision: Generated<number>;
}

export type CampaignState =
  | 'draft'
  | 'canary'
  | 'canary_paused'
  | 'rolling'
  | 'rolling_paused'
  | 'completed'
  | 'cancelled';
export type PauseReason = 'manual' | 'offline_rate' | 'decline_rate' | 'release_withdrawn';

/** 升级任务: a release rolled out to a model's terminals of an org subtree, canary first. */
export interface TerminalCampaignsTable {
  id: Generated<string>;
  no: string;
  org_id: string;
  release_id: string;
  name: string;
  from_versions: ColumnType<string[], string[] | undefined, string[]>;
  canary_percent: number;
  state: CampaignState;
  targets: Generated<number>;
  canary_targets: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  started_at: MaybeTime;
  canary_passed_at: MaybeTime;
  finished_at: MaybeTime;
  paused_at: MaybeTime;
  paused_by: string | null;
  pause_reason: PauseReason | null;
  pause_note: string | null;
  pause_detail: ColumnType<unknown, string | null | undefined, string | null>;
  version: Generated<number>;
}

export type TargetStage = 'canary' | 'rollout';
export type TargetStatus = 'pending' | 'scheduled' | 'upgraded' | 'failed' | 'skipped';

export interface TerminalCampaignTargetsTable {
  campaign_id: string;
  terminal_id: string;
  org_id: string;
  kind: ReleaseKind;
  target_version: string;
  stage: TargetStage;
  status: Generated<TargetStatus>;
  from_version: string | null;
  scheduled_at: MaybeTime;
  upgraded_at: MaybeTime;
  failed_at: MaybeTime;
  fail_reason: string | null;
}

export interface TerminalTables {
  terminal_models: TerminalModelsTable;
  suppliers: SuppliersTable;
  warehouses: WarehousesTable;
  terminals: TerminalsTable;
  terminal_events: TerminalEventsTable;
  terminal_alerts: TerminalAlertsTable;
  terminal_transfers: TerminalTransfersTable;
  terminal_transfer_units: TerminalTransferUnitsTable;
  stock_thresholds: StockThresholdsTable;
  procurement_requests: ProcurementRequestsTable;
  goods_receipts: GoodsReceiptsTable;
  stocktakes: StocktakesTable;
  stocktake_items: StocktakeItemsTable;
  terminal_releases: TerminalReleasesTable;
  terminal_campaigns: TerminalCampaignsTable;
  terminal_campaign_targets: TerminalCampaignTargetsTable;
}
