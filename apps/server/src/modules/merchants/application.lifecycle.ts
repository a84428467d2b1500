import type { ApplicationStatus } from '@posops/contracts';
import { defineStateMachine } from '@posops/kernel';

export type ApplicationEvent =
  | 'submit'
  | 'start_review'
  | 'return'
  | 'resubmit'
  | 'complete_review'
  | 'request_approval'
  | 'approve'
  | 'reject'
  | 'return_from_approval'
  | 'sign_contract'
  | 'activate'
  | 'withdraw';

export interface ApplicationGuardContext {
  /** Checklist items still failed without a reviewer's override (complete_review needs none). */
  openFailures: number;
}

/**
 * 进件申请的生命周期. Intake (draft → submitted), document review (in_review → reviewed, or returned
 * to the applicant and resubmitted with its history), then approval, contract and go-live.
 */
export const applicationLifecycle = defineStateMachine<
  ApplicationStatus,
  ApplicationEvent,
  ApplicationGuardContext
>('merchant application', [
  { from: 'draft', event: 'submit', to: 'submitted' },
  { from: 'submitted', event: 'start_review', to: 'in_review' },
  { from: 'in_review', event: 'return', to: 'returned' },
  { from: 'returned', event: 'resubmit', to: 'submitted' },
  {
    from: 'in_review',
    event: 'complete_review',
    to: 'reviewed',
    guard: (c) =>
      c.openFailures > 0 ? `${c.openFailures} checklist item(s) failed and not overridden` : null,
  },
  { from: 'reviewed', event: 'request_approval', to: 'pending_approval' },
  { from: 'pending_approval', event: 'approve', to: 'approved' },
  { from: 'pending_approval', event: 'reject', to: 'rejected' },
  { from: 'pending_approval', event: 'return_from_approval', to: 'returned' },
  { from: 'approved', event: 'sign_contract', to: 'contracted' },
  { from: 'contracted', event: 'activate', to: 'active' },
  { from: 'draft', event: 'withdraw', to: 'withdrawn' },
  { from: 'returned', event: 'withdraw', to: 'withdrawn' },
]);

/** Statuses in which the applicant may still edit the form and its documents. */
export const editableStatuses: readonly ApplicationStatus[] = ['draft', 'returned'];
