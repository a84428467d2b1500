import { defineStateMachine } from '@posops/kernel';
import type { CampaignState, ReleaseStatus } from './terminals.schema';

/** What the guards look at, read in the same transaction as the move. */
export interface CampaignGuardContext {
  /** The release is published (not a draft, not withdrawn). */
  releasePublished: boolean;
  /** Terminals the start would target (at start), or targeted. */
  targets: number;
  canaryTargets: number;
  canaryUpgraded: number;
}

export type CampaignEvent = 'start' | 'pause' | 'resume' | 'advance' | 'complete' | 'cancel';

const releaseOpen = (c: CampaignGuardContext) =>
  c.releasePublished ? null : 'its release is no longer published';

/**
 * 升级任务: draft → canary (灰度: the canary share is offered first) → rolling (全量: everyone else) →
 * completed. Either stage pauses — by hand or by the health checks — into its own paused state, so that
 * resuming goes back to the stage it left. Any open campaign can be cancelled. The job advances a canary
 * whose share has upgraded and stayed healthy, and completes a rollout with nothing left to offer;
 * people may do both by hand.
 */
export const campaignLifecycle = defineStateMachine<CampaignState, CampaignEvent, CampaignGuardContext>(
  'campaign',
  [
    {
      from: 'draft',
      event: 'start',
      to: 'canary',
      guard: (c) =>
        releaseOpen(c) ?? (c.targets > 0 ? null : 'no terminal matches its model, org and versions'),
    },
    { from: 'canary', event: 'pause', to: 'canary_paused' },
    { from: 'rolling', event: 'pause', to: 'rolling_paused' },
    { from: 'canary_paused', event: 'resume', to: 'canary', guard: releaseOpen },
    { from: 'rolling_paused', event: 'resume', to: 'rolling', guard: releaseOpen },
    {
      from: 'canary',
      event: 'advance',
      to: 'rolling',
      guard: (c) => (c.canaryUpgraded > 0 ? null : 'no canary terminal has upgraded yet'),
    },
    { from: 'rolling', event: 'complete', to: 'completed' },
    { from: 'draft', event: 'cancel', to: 'cancelled' },
    { from: 'canary', event: 'cancel', to: 'cancelled' },
    { from: 'canary_paused', event: 'cancel', to: 'cancelled' },
    { from: 'rolling', event: 'cancel', to: 'cancelled' },
    { from: 'rolling_paused', event: 'cancel', to: 'cancelled' },
  ],
);

/** States in which terminals are offered the release (the stage decides which). */
export const runningStates: readonly CampaignState[] = ['canary', 'rolling'];
/** States a campaign still holds its terminals in (they cannot join another of the kind). */
export const openStates: readonly CampaignState[] = [
  'draft',
  'canary',
  'canary_paused',
  'rolling',
  'rolling_paused',
];

export type ReleaseEvent = 'publish' | 'withdraw';

/** 版本: a draft is edited, then published (campaigns may use it); withdrawn pauses their campaigns. */
export const releaseLifecycle = defineStateMachine<ReleaseStatus, ReleaseEvent>('release', [
  { from: 'draft', event: 'publish', to: 'published' },
  { from: 'draft', event: 'withdraw', to: 'withdrawn' },
  { from: 'published', event: 'withdraw', to: 'withdrawn' },
]);
