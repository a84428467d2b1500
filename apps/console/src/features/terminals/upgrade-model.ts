/**
 * 远程升级 on the console side: releases (固件/应用版本), campaigns (升级任务) and their terminals, as the
 * server answers them; the states, colours and the small computations the pages share.
 */

export const releaseKinds = ['firmware', 'app'] as const;
export type ReleaseKind = (typeof releaseKinds)[number];

export const releaseStatuses = ['draft', 'published', 'withdrawn'] as const;
export type ReleaseStatus = (typeof releaseStatuses)[number];
export type ReleaseEvent = 'publish' | 'withdraw';

export const releaseStatusColors: Record<ReleaseStatus, string> = {
  draft: 'default',
  published: 'green',
  withdrawn: 'volcano',
};

export interface Release {
  id: string;
  modelId: string;
  modelName: string;
  kind: ReleaseKind;
  version: string;
  notes: string;
  packageSha256: string;
  packageBytes: number;
  packageUrl: string | null;
  status: ReleaseStatus;
  releasedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  createdAt: string;
  allowedEvents: ReleaseEvent[];
}

export interface ReleaseInput {
  modelId: string;
  kind: ReleaseKind;
  version: string;
  notes: string;
  packageSha256: string;
  packageBytes: number;
  packageUrl: string | null;
}

export const campaignStates = [
  'draft',
  'canary',
  'canary_paused',
  'rolling',
  'rolling_paused',
  'completed',
  'cancelled',
] as const;
export type CampaignState = (typeof campaignStates)[number];
export type CampaignEvent = 'start' | 'pause' | 'resume' | 'advance' | 'complete' | 'cancel';

export const campaignStateColors: Record<CampaignState, string> = {
  draft: 'default',
  canary: 'gold',
  canary_paused: 'orange',
  rolling: 'processing',
  rolling_paused: 'orange',
  completed: 'green',
  cancelled: 'default',
};

/** The filter above the list: states grouped as people think of them. */
export const campaignFilters = ['all', 'running', 'paused', 'draft', 'finished'] as const;
export type CampaignFilter = (typeof campaignFilters)[number];

export function inFilter(state: CampaignState, filter: CampaignFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'running') return state === 'canary' || state === 'rolling';
  if (filter === 'paused') return state === 'canary_paused' || state === 'rolling_paused';
  if (filter === 'finished') return state === 'completed' || state === 'cancelled';
  return state === filter;
}

/** Moves that stop or end something: asked with a reason, shown as dangerous. */
export const eventsWithReason: ReadonlySet<CampaignEvent> = new Set(['pause', 'cancel']);

export const targetStatuses = ['pending', 'scheduled', 'upgraded', 'failed', 'skipped'] as const;
export type TargetStatus = (typeof targetStatuses)[number];
export type TargetStage = 'canary' | 'rollout';

export const targetStatusColors: Record<TargetStatus, string> = {
  pending: 'default',
  scheduled: 'blue',
  upgraded: 'green',
  failed: 'red',
  skipped: 'default',
};

export type StageCounts = Record<TargetStatus, number> & { total: number };

export type HealthCheck = 'offline_rate' | 'decline_rate';
export type PauseReason = 'manual' | 'offline_rate' | 'decline_rate' | 'release_withdrawn';

export interface HealthReading {
  check: HealthCheck;
  measured: boolean;
  upgraded: { units: number; bad: number } | null;
  baseline: { units: number; bad: number } | null;
  upgradedRate: number | null;
  baselineRate: number | null;
  threshold: number;
  failing: boolean;
}

export interface Campaign {
  id: string;
  no: string;
  name: string;
  orgId: string;
  orgName: string;
  releaseId: string;
  modelId: string;
  modelName: string;
  kind: ReleaseKind;
  version: string;
  releaseStatus: ReleaseStatus;
  fromVersions: string[];
  canaryPercent: number;
  state: CampaignState;
  targets: number;
  canaryTargets: number;
  progress: { canary: StageCounts; rollout: StageCounts; upgraded: number };
  createdAt: string;
  startedAt: string | null;
  canaryPassedAt: string | null;
  finishedAt: string | null;
  pause: {
    at: string;
    reason: PauseReason;
    note: string | null;
    detail: HealthReading | null;
    automatic: boolean;
  } | null;
  allowedEvents: CampaignEvent[];
}

export interface TargetPreview {
  targets: number;
  canary: number;
  noWindow: number;
}

export interface CampaignDetail extends Campaign {
  health: HealthReading[];
  /** Units still waiting whose merchant has no maintenance window (open around the clock). */
  noWindow: number;
  /** A draft: what it would take if started now. */
  preview: TargetPreview | null;
}

export interface CampaignPreview extends TargetPreview {
  versions: { version: string | null; units: number; isTarget: boolean }[];
}

export interface CampaignInput {
  name?: string | undefined;
  releaseId: string;
  orgId: string;
  fromVersions: string[];
  canaryPercent: number;
}

export interface CampaignTarget {
  terminalId: string;
  serialNo: string;
  tid: string | null;
  mid: string | null;
  stage: TargetStage;
  status: TargetStatus;
  fromVersion: string | null;
  currentVersion: string | null;
  lastHeartbeatAt: string | null;
  offline: boolean;
  businessHours: { opens: string; closes: string } | null;
  /** The maintenance window now: open (may be offered), closed (business hours), none (open 24h). */
  window: 'open' | 'closed' | 'none';
  scheduledAt: string | null;
  upgradedAt: string | null;
  failedAt: string | null;
  failReason: string | null;
}

export const CAMPAIGN_LIST_LIMIT = 200;
export const CANARY_PERCENT_MAX = 50;
export const versionPattern = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$/;
export const sha256Pattern = /^[0-9a-fA-F]{64}$/;

/** Upgraded of targeted, in whole percent (0 for none). */
export function upgradedPercent(upgraded: number, total: number): number {
  return total === 0 ? 0 : Math.floor((upgraded / total) * 100);
}

/** A share (0.05) as a percentage with one decimal ("5.0%"); — when unknown. */
export function sharePercent(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** Bytes as MB with one decimal (packages are tens of MB). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
