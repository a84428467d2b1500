import { defineStateMachine } from '@posops/kernel';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'cancelled';
export type ApprovalDecision = 'approve' | 'approve_last' | 'reject' | 'return' | 'resubmit' | 'cancel';

/** An approval request's lifecycle. Approving a step that is not the last keeps it pending, one step on. */
export const approvalLifecycle = defineStateMachine<ApprovalStatus, ApprovalDecision>('approval', [
  { from: 'pending', event: 'approve', to: 'pending' },
  { from: 'pending', event: 'approve_last', to: 'approved' },
  { from: 'pending', event: 'reject', to: 'rejected' },
  { from: 'pending', event: 'return', to: 'returned' },
  { from: 'returned', event: 'resubmit', to: 'pending' },
  { from: 'pending', event: 'cancel', to: 'cancelled' },
  { from: 'returned', event: 'cancel', to: 'cancelled' },
]);
