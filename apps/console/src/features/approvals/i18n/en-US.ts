import type { LocaleShape } from '../../../app/i18n/types';
import type { approvalsZhCN } from './zh-CN';

export const approvalsEnUS: LocaleShape<typeof approvalsZhCN> = {
  title: 'Approvals',
  tabs: { inbox: 'Inbox', mine: 'Submitted by me', all: 'All' },
  columns: {
    title: 'Title',
    type: 'Type',
    status: 'Status',
    org: 'Organisation',
    maker: 'Submitted by',
    step: 'Current step',
    createdAt: 'Submitted',
    decidedAt: 'Decided',
  },
  statuses: {
    pending: 'Pending',
    approved: 'Approved',
    rejected: 'Rejected',
    returned: 'Returned',
    cancelled: 'Cancelled',
  },
  actions: {
    submit: 'Submitted',
    approve: 'Approve',
    reject: 'Reject',
    return: 'Return for correction',
    resubmit: 'Resubmitted',
    cancel: 'Cancelled',
  },
  types: {
    role_grant: 'Role grant',
    user_create: 'New user',
  },
  detail: {
    title: 'Approval request',
    steps: 'Steps',
    stepN: 'Step {{n}}',
    payload: 'Request',
    history: 'History',
    decide: 'Decision',
    commentPlaceholder: 'Comment (recommended when rejecting or returning)',
    confirmApprove: 'Approve this request?',
    confirmReject: 'Reject this request?',
    confirmReturn: 'Return this request to its submitter for correction?',
    done: 'Done',
    role: 'Role {{role}}',
    orgLevel: '{{level}}',
  },
  home: {
    pending: 'My pending approvals',
    none: 'Nothing waiting for you',
  },
};
