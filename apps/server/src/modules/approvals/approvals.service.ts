import type { ApprovalRequest } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { type AuditOrigin, originOf, recordAudit } from '../audit';
import { notifyUsers } from '../notifications';
import { applicableSteps, type ChainStep, chainSteps, maxDepthOf } from './approval.chains';
import { type ApprovalDecision, type ApprovalStatus, approvalLifecycle } from './approval.lifecycle';
import {
  appendApprovalEvent,
  deciderStanding,
  eligibleDeciders,
  eventsOf,
  findChain,
  findOpenRequest,
  findRequest,
  findRequestOrg,
  insertPendingRequest,
  latestRequestFor,
  listRequests,
  moveRequest,
  requestsApprovedThisRoundBy,
  restartRequest,
} from './approvals.repo';

export interface ApprovedRequest {
  id: string;
  type: string;
  objectType: string;
  objectId: string;
  payload: unknown;
  makerId: string;
  orgId: string;
  /** The decider's comment (required to reject or return), for the module to pass on. */
  comment: string | null;
  /** When the decision was taken (the service's clock). */
  decidedAt: Date;
}

/** What the module that asked for an approval does when the request ends. Runs in the deciding transaction. */
export interface ApprovalHandler {
  onApproved(tx: Db, request: ApprovedRequest, origin: AuditOrigin): Promise<void>;
  onRejected?(tx: Db, request: ApprovedRequest, origin: AuditOrigin): Promise<void>;
  /** Returned for correction: the module lets its maker correct the object, then calls resubmitApprovalFor. */
  onReturned?(tx: Db, request: ApprovedRequest, origin: AuditOrigin): Promise<void>;
}

const handlers = new Map<string, ApprovalHandler>();

export function registerApprovalHandler(type: string, handler: ApprovalHandler): void {
  handlers.set(type, handler);
}

export interface ApprovalSubmission {
  type: string;
  title: string;
  orgId: string;
  objectType: string;
  objectId: string;
  payload: unknown;
  amountMinor?: bigint | null;
  grade?: string | null;
}

/** Tells who may decide the step; `excluded` (the maker, this round's approvers) may not, so hear nothing. */
async function notifyStep(
  ctx: ServiceContext,
  tx: Db,
  req: { id: string; title: string; orgPath: string },
  step: ChainStep,
  excluded: readonly string[],
) {
  const deciders = await eligibleDeciders(ctx.system, req.orgPath, step.roleCode, maxDepthOf[step.orgLevel]);
  await notifyUsers(
    tx,
    deciders.filter((id) => id !== ctx.actor.userId && !excluded.includes(id)),
    {
      kind: 'approval.waiting',
      title: { 'zh-CN': `待审批：${req.title}`, 'en-US': `Waiting for your approval: ${req.title}` },
      body: {
        'zh-CN': `${ctx.actor.displayName} 提交的申请等待您审批。`,
        'en-US': `${ctx.actor.displayName} asks for your decision.`,
      },
      link: `/approvals?id=${req.id}`,
    },
  );
}

/** The steps of the request's chain that apply to it, and the request's org (in the caller's scope). */
async function stepsAndOrgFor(ctx: ServiceContext, tx: Db, submission: ApprovalSubmission) {
  const chain = await findChain(ctx.system, submission.type);
  if (!chain) throw new AppError('CONFLICT', `no approval chain configured for ${submission.type}`);
  const steps = applicableSteps(
    chainSteps.parse(chain.steps),
    submission.amountMinor ?? null,
    submission.grade ?? null,
  );
  if (steps.length === 0) {
    throw new AppError('CONFLICT', `approval chain ${submission.type} has no step for this request`);
  }
  const org = await findRequestOrg(tx, submission.orgId);
  if (!org) throw new AppError('NOT_FOUND', 'org not found');
  return { steps, org };
}

/** Opens an approval request in the caller's transaction; the module's change waits for the outcome. */
export async function submitApproval(
  ctx: ServiceContext,
  tx: Db,
  submission: ApprovalSubmission,
): Promise<string> {
  if (!handlers.has(submission.type))
    throw new Error(`no approval handler registered for ${submission.type}`);
  const { steps, org } = await stepsAndOrgFor(ctx, tx, submission);
  const open = await findOpenRequest(tx, submission.type, submission.objectType, submission.objectId);
  if (open) throw new AppError('CONFLICT', 'an approval request for this is already open');
  const id = await insertPendingRequest(tx, {
    type: submission.type,
    title: submission.title,
    orgId: submission.orgId,
    makerId: ctx.actor.userId,
    objectType: submission.objectType,
    objectId: submission.objectId,
    steps,
    payload: submission.payload,
    amountMinor: submission.amountMinor ?? null,
    grade: submission.grade ?? null,
  });
  await appendApprovalEvent(tx, {
    requestId: id,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    action: 'submit',
    step: null,
    comment: null,
  });
  await recordAudit(tx, originOf(ctx), {
    action: 'approval.submit',
    objectType: 'approval_request',
    objectId: id,
    orgId: submission.orgId,
    after: { type: submission.type, title: submission.title, objectId: submission.objectId, steps },
  });
  await notifyStep(ctx, tx, { id, title: submission.title, orgPath: org.path }, steps[0]!, []);
  return id;
}

/**
 * A module resubmits its request after a return for correction: the same request, its history kept, the
 * steps worked out again for the corrected amount and grade. The maker stays the maker.
 */
export async function resubmitApprovalFor(
  ctx: ServiceContext,
  tx: Db,
  submission: ApprovalSubmission,
): Promise<string> {
  const open = await findOpenRequest(tx, submission.type, submission.objectType, submission.objectId);
  if (open?.status !== 'returned') throw new AppError('CONFLICT', 'no returned approval request to resubmit');
  const { steps, org } = await stepsAndOrgFor(ctx, tx, submission);
  const restarted = await restartRequest(tx, open.id, open.version, {
    steps,
    payload: submission.payload,
    amountMinor: submission.amountMinor ?? null,
    grade: submission.grade ?? null,
  });
  if (!restarted) throw new AppError('CONFLICT', 'the approval request changed meanwhile; reload it');
  await appendApprovalEvent(tx, {
    requestId: open.id,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    action: 'resubmit',
    step: null,
    comment: null,
  });
  await recordAudit(tx, originOf(ctx), {
    action: 'approval.resubmit',
    objectType: 'approval_request',
    objectId: open.id,
    orgId: submission.orgId,
    before: { status: 'returned' },
    after: { status: 'pending', steps },
  });
  await notifyStep(ctx, tx, { id: open.id, title: open.title, orgPath: org.path }, steps[0]!, []);
  return open.id;
}

type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/**
 * Who approved a step of the current round: since the last submit or resubmit. A return for correction
 * restarts the chain at its first step, and the approvals given before it no longer count.
 */
function approversThisRound(history: readonly { actor_id: string; action: string }[]): string[] {
  let start = 0;
  history.forEach((e, index) => {
    if (e.action === 'submit' || e.action === 'resubmit') start = index;
  });
  return history
    .slice(start)
    .filter((e) => e.action === 'approve')
    .map((e) => e.actor_id);
}

/** Whether the actor may decide the request's current step now (maker ≠ checker, one approval per person). */
function mayDecide(
  ctx: ServiceContext,
  req: RequestRow,
  alreadyApproved: boolean,
  orgDepth: number,
  roles: string[],
) {
  if (req.status !== 'pending') return false;
  if (!ctx.actor.permissions.has('approval.decide')) return false;
  if (req.maker_id === ctx.actor.userId) return false;
  if (alreadyApproved) return false;
  const step = (req.steps as ChainStep[])[req.current_step];
  if (!step) return false;
  return roles.includes(step.roleCode) && orgDepth <= maxDepthOf[step.orgLevel];
}

function actorStanding(ctx: ServiceContext) {
  return deciderStanding(ctx.system, ctx.actor.orgId, ctx.actor.userId);
}

function toView(
  req: RequestRow,
  history: Awaited<ReturnType<typeof eventsOf>>,
  canDecide: boolean,
): ApprovalRequest {
  return {
    id: req.id,
    type: req.type,
    title: req.title,
    status: req.status,
    orgId: req.org_id,
    orgName: req.org_name,
    makerId: req.maker_id,
    makerName: req.maker_name,
    currentStep: req.current_step,
    steps: (req.steps as ChainStep[]).map((s, index) => ({
      index,
      roleCode: s.roleCode,
      orgLevel: s.orgLevel,
    })),
    payload: req.payload,
    createdAt: req.created_at.toISOString(),
    decidedAt: req.decided_at ? req.decided_at.toISOString() : null,
    history: history.map((e) => ({
      at: e.at.toISOString(),
      actorName: e.actor_name,
      action: e.action,
      step: e.step,
      comment: e.comment,
    })),
    canDecide,
  };
}

export async function getApproval(ctx: ServiceContext, id: string): Promise<ApprovalRequest> {
  const req = await findRequest(ctx.db, id);
  if (!req) throw new AppError('NOT_FOUND', 'approval request not found');
  const [history, standing] = await Promise.all([eventsOf(ctx.db, id), actorStanding(ctx)]);
  const approved = approversThisRound(history).includes(ctx.actor.userId);
  return toView(req, history, mayDecide(ctx, req, approved, standing.depth, standing.roles));
}

/**
 * Approve, reject or return the current step. Two deciders racing: the version check lets one win and
 * tells the other the request has moved on.
 */
export async function decideApproval(
  ctx: ServiceContext,
  id: string,
  action: 'approve' | 'reject' | 'return',
  comment: string | undefined,
): Promise<ApprovalRequest> {
  if ((action === 'reject' || action === 'return') && !comment) {
    throw new AppError('VALIDATION_FAILED', 'a comment is required to reject or return', {
      comment: 'required',
    });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const req = await findRequest(tx, id);
    if (!req) throw new AppError('NOT_FOUND', 'approval request not found');
    const history = await eventsOf(tx, id);
    const standing = await actorStanding(ctx);
    if (req.maker_id === ctx.actor.userId)
      throw new AppError('MAKER_CHECKER', 'you cannot decide a request you submitted');
    const approvers = approversThisRound(history);
    const alreadyApproved = approvers.includes(ctx.actor.userId);
    if (alreadyApproved && req.status === 'pending') {
      throw new AppError('MAKER_CHECKER', 'you already approved an earlier step of this request');
    }
    const steps = req.steps as ChainStep[];
    const last = req.current_step === steps.length - 1;
    const event: ApprovalDecision = action === 'approve' && last ? 'approve_last' : action;
    const nextStatus = approvalLifecycle.next(req.status, event);
    if (!mayDecide(ctx, req, alreadyApproved, standing.depth, standing.roles)) {
      throw new AppError('FORBIDDEN', 'this step waits for another role or org level');
    }
    const now = ctx.clock.now();
    const nextStep = event === 'approve' ? req.current_step + 1 : req.current_step;
    const moved = await moveRequest(tx, id, req.version, {
      status: nextStatus,
      currentStep: nextStep,
      ...(nextStatus === 'pending' ? {} : { decidedAt: now }),
    });
    if (!moved) throw new AppError('CONFLICT', 'someone else decided this step first; reload it');
    await appendApprovalEvent(tx, {
      requestId: id,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      action,
      step: req.current_step,
      comment: comment ?? null,
    });
    const origin = originOf(ctx);
    await recordAudit(tx, origin, {
      action: `approval.${action}`,
      objectType: 'approval_request',
      objectId: id,
      orgId: req.org_id,
      before: { status: req.status, step: req.current_step },
      after: { status: nextStatus, step: nextStep, comment },
    });
    const outcome: ApprovedRequest = {
      id,
      type: req.type,
      objectType: req.object_type,
      objectId: req.object_id,
      payload: req.payload,
      makerId: req.maker_id,
      orgId: req.org_id,
      comment: comment ?? null,
      decidedAt: now,
    };
    const handler = handlers.get(req.type);
    if (nextStatus === 'approved') await handler?.onApproved(tx, outcome, origin);
    if (nextStatus === 'rejected') await handler?.onRejected?.(tx, outcome, origin);
    if (nextStatus === 'returned') await handler?.onReturned?.(tx, outcome, origin);
    if (nextStatus === 'pending') {
      await notifyStep(ctx, tx, { id, title: req.title, orgPath: req.org_path }, steps[nextStep]!, [
        req.maker_id,
        ...approvers,
      ]);
    } else {
      const verb = {
        approved: ['已通过', 'approved'],
        rejected: ['已驳回', 'rejected'],
        returned: ['已退回修改', 'returned for correction'],
        cancelled: ['已撤销', 'cancelled'],
      }[nextStatus];
      await notifyUsers(tx, [req.maker_id], {
        kind: `approval.${nextStatus}`,
        title: { 'zh-CN': `${req.title} ${verb[0]}`, 'en-US': `${req.title}: ${verb[1]}` },
        body: { 'zh-CN': comment ?? '', 'en-US': comment ?? '' },
        link: `/approvals?id=${id}`,
      });
    }
  });
  return getApproval(ctx, id);
}

export async function listApprovals(
  ctx: ServiceContext,
  query: {
    box: 'inbox' | 'mine' | 'all';
    status?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const after = decodeCursor(query.cursor, ['timestamptz', 'uuid']);
  let inboxOf: { userId: string; roles: string[]; depth: number } | undefined;
  if (query.box === 'inbox') {
    const standing = await actorStanding(ctx);
    if (!ctx.actor.permissions.has('approval.decide') || standing.roles.length === 0)
      return { items: [], nextCursor: null };
    inboxOf = { userId: ctx.actor.userId, roles: standing.roles, depth: standing.depth };
  }
  const rows = await listRequests(
    ctx.db,
    {
      status: query.status as ApprovalStatus | undefined,
      makerId: query.box === 'mine' ? ctx.actor.userId : undefined,
      inboxOf,
    },
    after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
    query.limit + 1,
  );
  const page = pageFrom(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  const standing = await actorStanding(ctx);
  const pendingIds = page.items.filter((r) => r.status === 'pending').map((r) => r.id);
  const approvedByMe = new Set(await requestsApprovedThisRoundBy(ctx.db, ctx.actor.userId, pendingIds));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) =>
      toView(
        r,
        [],
        query.box === 'inbox' || mayDecide(ctx, r, approvedByMe.has(r.id), standing.depth, standing.roles),
      ),
    ),
  };
}

/** The maker answers a return-for-correction: resubmits (history kept) or withdraws the request. */
export async function makerAction(
  ctx: ServiceContext,
  id: string,
  action: 'resubmit' | 'cancel',
  comment: string | undefined,
) {
  await ctx.db.transaction().execute(async (tx) => {
    const req = await findRequest(tx, id);
    if (!req) throw new AppError('NOT_FOUND', 'approval request not found');
    if (req.maker_id !== ctx.actor.userId)
      throw new AppError('FORBIDDEN', 'only the maker can resubmit or cancel');
    // A module that takes returns itself (onReturned) resubmits and withdraws from its own object, so
    // the object and its approval never disagree.
    if (handlers.get(req.type)?.onReturned) {
      throw new AppError(
        'CONFLICT',
        `a ${req.type} request is resubmitted or withdrawn from its ${req.object_type}, not here`,
      );
    }
    const nextStatus = approvalLifecycle.next(req.status, action);
    const moved = await moveRequest(tx, id, req.version, {
      status: nextStatus,
      currentStep: 0,
      ...(nextStatus === 'cancelled' ? { decidedAt: ctx.clock.now() } : {}),
    });
    if (!moved) throw new AppError('CONFLICT', 'the request changed meanwhile; reload it');
    await appendApprovalEvent(tx, {
      requestId: id,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      action,
      step: null,
      comment: comment ?? null,
    });
    await recordAudit(tx, originOf(ctx), {
      action: `approval.${action}`,
      objectType: 'approval_request',
      objectId: id,
      orgId: req.org_id,
      before: { status: req.status },
      after: { status: nextStatus, comment },
    });
    if (nextStatus === 'pending') {
      await notifyStep(
        ctx,
        tx,
        { id, title: req.title, orgPath: req.org_path },
        (req.steps as ChainStep[])[0]!,
        [],
      );
    }
  });
  return getApproval(ctx, id);
}

/** The newest approval request of a type for an object (for the object's own page). */
export async function latestApprovalFor(db: Db, type: string, objectType: string, objectId: string) {
  return (await latestRequestFor(db, type, objectType, objectId)) ?? null;
}

/**
 * The object behind an open request is withdrawn: the request is cancelled with the reason, so it waits
 * for nobody. Nothing to do when no request is open.
 */
export async function cancelApprovalFor(
  ctx: ServiceContext,
  tx: Db,
  target: { type: string; objectType: string; objectId: string; orgId: string },
  comment: string,
): Promise<string | null> {
  const open = await findOpenRequest(tx, target.type, target.objectType, target.objectId);
  if (!open) return null;
  const to = approvalLifecycle.next(open.status as 'pending' | 'returned', 'cancel');
  const moved = await moveRequest(tx, open.id, open.version, {
    status: to,
    currentStep: 0,
    decidedAt: ctx.clock.now(),
  });
  if (!moved) throw new AppError('CONFLICT', 'the approval request changed meanwhile; reload it');
  await appendApprovalEvent(tx, {
    requestId: open.id,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    action: 'cancel',
    step: null,
    comment,
  });
  await recordAudit(tx, originOf(ctx), {
    action: 'approval.cancel',
    objectType: 'approval_request',
    objectId: open.id,
    orgId: target.orgId,
    before: { status: open.status },
    after: { status: to, comment },
  });
  return open.id;
}
