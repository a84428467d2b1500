import type { ApplicationForm, ApplicationStatus, RiskGrade } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import {
  type ApprovedRequest,
  registerApprovalHandler,
  resubmitApprovalFor,
  submitApproval,
} from '../approvals';
import { type AuditOrigin, originOf, recordAudit } from '../audit';
import { type ApplicationEvent, applicationLifecycle } from './application.lifecycle';
import {
  appendApplicationEvent,
  applicationEvents,
  displayNameOf,
  findApplication,
  insertAssessment,
  latestAssessment,
  moveApplication,
} from './applications.repo';
import {
  APPLICATION_OBJECT,
  getApplication,
  loadOrThrow,
  ONBOARD_APPROVAL,
  reveal,
  transition,
} from './applications.service';
import { gradePolicies } from './risk-assessment';

/** The reviewer overrides the proposed grade or limits, with the reason on record (信用评估人工调整). */
export async function overrideAssessment(
  ctx: ServiceContext,
  id: string,
  input: {
    grade: RiskGrade;
    singleLimitMinor: string;
    dailyLimitMinor: string;
    monthlyLimitMinor: string;
    reason: string;
  },
) {
  const single = BigInt(input.singleLimitMinor);
  const daily = BigInt(input.dailyLimitMinor);
  const monthly = BigInt(input.monthlyLimitMinor);
  if (single <= 0n || daily < single || monthly < daily) {
    throw new AppError('VALIDATION_FAILED', 'limits must rise: 0 < single ≤ daily ≤ monthly', {
      dailyLimitMinor: 'single ≤ daily ≤ monthly',
    });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadOrThrow(tx, id);
    if (row.status !== 'reviewed')
      throw new AppError('ILLEGAL_TRANSITION', `merchant application: cannot reassess when ${row.status}`);
    const current = await latestAssessment(tx, id);
    if (!current) throw new AppError('CONFLICT', 'no assessment to override');
    await insertAssessment(tx, {
      application_id: id,
      score: current.score,
      factors: JSON.stringify(current.factors),
      proposed_grade: current.proposed_grade,
      grade: input.grade,
      single_limit_minor: single,
      daily_limit_minor: daily,
      monthly_limit_minor: monthly,
      inspection_months: gradePolicies[input.grade].inspectionMonths,
      override_reason: input.reason,
      assessed_by: ctx.actor.userId,
    });
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.application.assessment.override',
      objectType: 'merchant_application',
      objectId: id,
      orgId: row.org_id,
      before: {
        grade: current.grade,
        limits: [current.single_limit_minor, current.daily_limit_minor, current.monthly_limit_minor],
      },
      after: { grade: input.grade, limits: [single, daily, monthly], reason: input.reason },
    });
  });
  return getApplication(ctx, id);
}

/**
 * Sends a reviewed application to the approval chain: the branch always, the head office as well for
 * grade C/D or a large expected volume (configured in the chain). After a return for correction the same
 * approval request is resubmitted, its history kept.
 */
export async function requestApproval(ctx: ServiceContext, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadOrThrow(tx, id);
    applicationLifecycle.next(row.status as ApplicationStatus, 'request_approval');
    const assessment = await latestAssessment(tx, id);
    if (!assessment) throw new AppError('CONFLICT', 'the application has no risk assessment');
    const form = reveal(ctx, row) as ApplicationForm;
    const submission = {
      type: ONBOARD_APPROVAL,
      title: `${row.merchant_name ?? row.no} (${row.no}) · ${assessment.grade}`,
      orgId: row.org_id,
      objectType: APPLICATION_OBJECT,
      objectId: id,
      payload: {
        no: row.no,
        merchantName: row.merchant_name,
        mcc: row.mcc,
        grade: assessment.grade,
        score: assessment.score,
        monthlyVolumeMinor: form.expected.monthlyVolumeMinor,
        limits: {
          singleMinor: assessment.single_limit_minor.toString(),
          dailyMinor: assessment.daily_limit_minor.toString(),
          monthlyMinor: assessment.monthly_limit_minor.toString(),
        },
      },
      amountMinor: BigInt(form.expected.monthlyVolumeMinor),
      grade: assessment.grade,
    };
    const returnedBefore = (await applicationEvents(tx, id)).some((e) => e.event === 'return_from_approval');
    if (returnedBefore) await resubmitApprovalFor(ctx, tx, submission);
    else await submitApproval(ctx, tx, submission);
    await transition(ctx, tx, row, 'request_approval', null);
  });
  return getApplication(ctx, id);
}

/** The approval's outcome moves the application, in the deciding transaction, as the decider. */
async function onDecision(tx: Db, request: ApprovedRequest, origin: AuditOrigin, event: ApplicationEvent) {
  const row = await findApplication(tx, request.objectId);
  if (!row) throw new AppError('NOT_FOUND', 'application not found');
  const to = applicationLifecycle.next(row.status as ApplicationStatus, event);
  const moved = await moveApplication(tx, row.id, row.status, row.version, {
    status: to,
    updated_at: request.decidedAt,
  });
  if (!moved) throw new AppError('CONFLICT', 'the application changed meanwhile; reload it');
  await appendApplicationEvent(tx, {
    application_id: row.id,
    actor_id: origin.actorId,
    actor_name: (await displayNameOf(tx, origin.actorId)) ?? origin.actorName,
    event,
    from_status: row.status,
    to_status: to,
    comment: request.comment,
  });
  await recordAudit(tx, origin, {
    action: `merchant.application.${event}`,
    objectType: 'merchant_application',
    objectId: row.id,
    orgId: row.org_id,
    before: { status: row.status },
    after: { status: to, approvalId: request.id },
  });
}

registerApprovalHandler(ONBOARD_APPROVAL, {
  onApproved: (tx, request, origin) => onDecision(tx, request, origin, 'approve'),
  onRejected: (tx, request, origin) => onDecision(tx, request, origin, 'reject'),
  onReturned: (tx, request, origin) => onDecision(tx, request, origin, 'return_from_approval'),
});
