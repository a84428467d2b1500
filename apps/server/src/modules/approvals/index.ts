/**
 * Approvals (审批): one engine for every module. A module opens a request with submitApproval inside its
 * own transaction and registers a handler that applies the change when the chain approves it. Chains
 * (steps by role and org level; amount and grade thresholds add steps) are configured per request type.
 * Maker ≠ checker; one decision per person per request; racing deciders: one wins.
 */

export { approvalRoutes } from './approvals.routes';
export { seedDefaultChains } from './approvals.seed';
export {
  type ApprovalHandler,
  type ApprovedRequest,
  cancelApprovalFor,
  decideApproval,
  latestApprovalFor,
  registerApprovalHandler,
  resubmitApprovalFor,
  submitApproval,
} from './approvals.service';
