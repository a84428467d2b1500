import { defineStateMachine } from '@posops/kernel';

export type MerchantStatus = 'onboarding' | 'active' | 'suspended' | 'frozen' | 'closed' | 'cancelled';
export type MerchantEvent =
  | 'activate'
  | 'suspend'
  | 'resume'
  | 'freeze_settlement'
  | 'unfreeze_settlement'
  | 'close';

/**
 * 商户状态: active; suspended (停机: no transactions); frozen (冻结结算: transactions accepted, settlement
 * held); closed (注销, final). Activation happens at go-live, once installed and trained.
 */
export const merchantLifecycle = defineStateMachine<MerchantStatus, MerchantEvent>('merchant', [
  { from: 'onboarding', event: 'activate', to: 'active' },
  { from: 'active', event: 'suspend', to: 'suspended' },
  { from: 'frozen', event: 'suspend', to: 'suspended' },
  { from: 'suspended', event: 'resume', to: 'active' },
  { from: 'active', event: 'freeze_settlement', to: 'frozen' },
  { from: 'frozen', event: 'unfreeze_settlement', to: 'active' },
  { from: 'active', event: 'close', to: 'closed' },
  { from: 'suspended', event: 'close', to: 'closed' },
  { from: 'frozen', event: 'close', to: 'closed' },
]);

/** Events a person may trigger (activation is the go-live's). */
export const manualMerchantEvents: readonly MerchantEvent[] = [
  'suspend',
  'resume',
  'freeze_settlement',
  'unfreeze_settlement',
  'close',
];
