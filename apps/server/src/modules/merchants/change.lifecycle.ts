import type { MerchantChangeStatus } from '@posops/contracts';
import { defineStateMachine } from '@posops/kernel';

export type MerchantChangeEvent = 'approve' | 'reject' | 'return' | 'resubmit' | 'cancel' | 'apply';

/**
 * 变更申请的生命周期. Submitted straight into approval; approved it waits for its effective date
 * (scheduled) and is applied on that day, or at once if the day has come. Returned for correction, its
 * maker resubmits or cancels it; it may be cancelled until it is applied.
 */
export const changeLifecycle = defineStateMachine<MerchantChangeStatus, MerchantChangeEvent>(
  'merchant change request',
  [
    { from: 'pending_approval', event: 'approve', to: 'scheduled' },
    { from: 'pending_approval', event: 'reject', to: 'rejected' },
    { from: 'pending_approval', event: 'return', to: 'returned' },
    { from: 'returned', event: 'resubmit', to: 'pending_approval' },
    { from: 'pending_approval', event: 'cancel', to: 'cancelled' },
    { from: 'returned', event: 'cancel', to: 'cancelled' },
    { from: 'scheduled', event: 'cancel', to: 'cancelled' },
    { from: 'scheduled', event: 'apply', to: 'applied' },
  ],
);
