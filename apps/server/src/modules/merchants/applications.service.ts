import {
  type ApplicationDetail,
  type ApplicationDraft,
  type ApplicationStatus,
  applicationForm,
  type MessageRef,
} from '@posops/contracts';
import { AppError, businessDate, openText, sealText } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { cancelApprovalFor, latestApprovalFor } from '../approvals';
import { originOf, recordAudit } from '../audit';
import { type ApplicationEvent, applicationLifecycle, editableStatuses } from './application.lifecycle';
import {
  type CheckFinding,
  failed,
  formFindings,
  numberFindings,
  passed,
  reviewerItems,
} from './application-checks';
import { missingDocumentFindings } from './application-documents';
import {
  appendApplicationEvent,
  applicationEvents,
  checksOfRound,
  currentRound,
  duplicateApplications,
  findApplication,
  findOrgInScope,
  insertApplication,
  insertAssessment,
  insertChecks,
  latestAssessment,
  listApplications as listApplicationRows,
  moveApplication,
  nextApplicationNo,
  type SearchKeys,
  saveForm,
} from './applications.repo';
import { blacklistHits } from './blacklist.repo';
import { hashOf, maskOf } from './personal-numbers';
import {
  gradeOf,
  gradePolicies,
  type ReviewFinding,
  type RiskFactor,
  scoreApplication,
} from './risk-assessment';

type Row = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** The approval request type of onboarding, and how approvals name an application. */
export const ONBOARD_APPROVAL = 'merchant.onboard';
export const APPLICATION_OBJECT = 'merchant_application';

const orgOfOrThrow = async (db: Db, orgId: string) => {
  const org = await findOrgInScope(db, orgId);
  if (!org) throw new AppError('NOT_FOUND', 'org not found', { orgId: 'not found' });
  if (org.status !== 'active')
    throw new AppError('VALIDATION_FAILED', 'org is closed', { orgId: 'org is closed' });
  return org;
};

/**
 * Splits the personal numbers out of a draft: the form keeps them masked, the row keeps them sealed and
 * hashed. A masked value coming back from the console (the user did not retype it) keeps what was sealed.
 */
function protect(
  ctx: ServiceContext,
  draft: ApplicationDraft,
  previous: Pick<Row, 'id_number_sealed' | 'account_no_sealed'> | null,
) {
  const key = ctx.config.SECRET_KEY;
  const form: ApplicationDraft = structuredClone(draft);
  const idNumber = form.legalRep?.idNumber;
  const accountNo = form.settlement?.accountNo;
  const clearId =
    idNumber && !idNumber.includes('*')
      ? idNumber.trim().toUpperCase()
      : previous?.id_number_sealed
        ? openText(key, previous.id_number_sealed)
        : null;
  const clearAccount =
    accountNo && !accountNo.includes('*')
      ? accountNo.trim()
      : previous?.account_no_sealed
        ? openText(key, previous.account_no_sealed)
        : null;
  if (form.legalRep && clearId) form.legalRep.idNumber = maskOf('id_number', clearId);
  if (form.settlement && clearAccount) form.settlement.accountNo = maskOf('account', clearAccount);
  const keys: SearchKeys = {
    merchant_name: form.business?.name ?? null,
    credit_code: form.licence?.creditCode?.trim().toUpperCase() ?? null,
    mcc: form.business?.mcc ?? null,
    id_number_sealed: clearId ? sealText(key, clearId) : null,
    account_no_sealed: clearAccount ? sealText(key, clearAccount) : null,
    id_number_hash: clearId ? hashOf(key, 'id_number', clearId) : null,
    account_hash: clearAccount ? hashOf(key, 'account', clearAccount) : null,
    mobile_hash: form.contacts?.mobile ? hashOf(key, 'mobile', form.contacts.mobile) : null,
    sales_rep_id: form.attribution?.salesRepId ?? null,
    agent_org_id: form.attribution?.agentOrgId ?? null,
  };
  return { form, keys };
}

/** The form with the clear personal numbers put back (for checks, and for callers allowed to see them). */
export function reveal(ctx: ServiceContext, row: Row): ApplicationDraft {
  const form = structuredClone(row.form as ApplicationDraft);
  const key = ctx.config.SECRET_KEY;
  if (form.legalRep && row.id_number_sealed) form.legalRep.idNumber = openText(key, row.id_number_sealed);
  if (form.settlement && row.account_no_sealed)
    form.settlement.accountNo = openText(key, row.account_no_sealed);
  return form;
}

function maySeeNumbers(ctx: ServiceContext, row: Row): boolean {
  if (ctx.actor.permissions.has('merchantApplication.review')) return true;
  return (
    ctx.actor.permissions.has('merchantApplication.create') &&
    editableStatuses.includes(row.status as ApplicationStatus)
  );
}

export async function loadOrThrow(db: Db, id: string): Promise<Row> {
  const row = await findApplication(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'application not found');
  return row;
}

export async function createApplication(
  ctx: ServiceContext,
  input: { orgId?: string | undefined; form: ApplicationDraft },
) {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const orgId = input.orgId ?? ctx.actor.orgId;
    await orgOfOrThrow(tx, orgId);
    const { form, keys } = protect(ctx, input.form, null);
    const no = await nextApplicationNo(tx, businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS));
    const row = await insertApplication(tx, {
      no,
      org_id: orgId,
      status: 'draft',
      form: JSON.stringify(form),
      created_by: ctx.actor.userId,
      ...keys,
    });
    await appendApplicationEvent(tx, {
      application_id: row.id,
      actor_id: ctx.actor.userId,
      actor_name: ctx.actor.displayName,
      event: 'create',
      from_status: null,
      to_status: 'draft',
      comment: null,
    });
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.application.create',
      objectType: 'merchant_application',
      objectId: row.id,
      orgId,
      after: { no, form },
    });
    return row.id;
  });
  return getApplication(ctx, id);
}

export async function updateApplication(
  ctx: ServiceContext,
  id: string,
  input: { form: ApplicationDraft; version: number },
) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadOrThrow(tx, id);
    if (!editableStatuses.includes(row.status as ApplicationStatus)) {
      throw new AppError('ILLEGAL_TRANSITION', `merchant application: cannot edit when ${row.status}`);
    }
    const { form, keys } = protect(ctx, input.form, row);
    const saved = await saveForm(tx, id, input.version, {
      form: JSON.stringify(form),
      updated_at: ctx.clock.now(),
      ...keys,
    });
    if (!saved)
      throw new AppError('CONFLICT', 'someone saved this application meanwhile; reload it', {
        version: 'stale',
      });
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.application.update',
      objectType: 'merchant_application',
      objectId: id,
      orgId: row.org_id,
      before: { form: row.form },
      after: { form },
    });
  });
  return getApplication(ctx, id);
}

/** Duplicates and blacklist hits: never blocking, always for the reviewer to decide. */
async function matchFindings(
  ctx: ServiceContext,
  row: Row,
  clear: ApplicationDraft,
): Promise<CheckFinding[]> {
  const key = ctx.config.SECRET_KEY;
  const creditCode = clear.licence?.creditCode?.toUpperCase() ?? null;
  const idNumber = clear.legalRep?.idNumber ?? null;
  const account = clear.settlement?.accountNo ?? null;
  const keys = {
    creditCode,
    idNumberHash: idNumber ? hashOf(key, 'id_number', idNumber) : null,
    accountHash: account ? hashOf(key, 'account', account) : null,
  };
  const out: CheckFinding[] = [];
  const duplicates = await duplicateApplications(ctx.system, row.id, keys);
  if (duplicates.length === 0)
    out.push(
      passed(
        'duplicate',
        null,
        'no other application or merchant with these numbers',
        'check.duplicate.none',
      ),
    );
  for (const d of duplicates) {
    const same = [
      d.credit_code && d.credit_code === creditCode
        ? ['licence.creditCode', 'credit code', 'credit_code']
        : null,
      d.id_number_hash && d.id_number_hash === keys.idNumberHash
        ? ['legalRep.idNumber', 'ID number', 'id_number']
        : null,
      d.account_hash && d.account_hash === keys.accountHash
        ? ['settlement.accountNo', 'settlement account', 'account']
        : null,
    ].filter((x): x is string[] => x !== null);
    for (const [field, what, kind] of same) {
      out.push(
        failed(
          'duplicate',
          field!,
          `same ${what} as application ${d.no}`,
          'check.duplicate.found',
          { kind: kind!, no: d.no },
          false,
        ),
      );
    }
  }
  const probes = [
    creditCode ? { kind: 'credit_code' as const, hash: hashOf(key, 'credit_code', creditCode) } : null,
    idNumber ? { kind: 'id_number' as const, hash: keys.idNumberHash! } : null,
    account ? { kind: 'account' as const, hash: keys.accountHash! } : null,
    clear.contacts?.mobile
      ? { kind: 'mobile' as const, hash: hashOf(key, 'mobile', clear.contacts.mobile) }
      : null,
    clear.business?.name
      ? { kind: 'merchant_name' as const, hash: hashOf(key, 'merchant_name', clear.business.name) }
      : null,
  ].filter((p) => p !== null);
  const hits = await blacklistHits(ctx.system, probes);
  const fieldOf = {
    credit_code: 'licence.creditCode',
    id_number: 'legalRep.idNumber',
    account: 'settlement.accountNo',
    mobile: 'contacts.mobile',
    merchant_name: 'business.name',
  };
  if (hits.length === 0) out.push(passed('blacklist', null, 'no blacklist hit', 'check.blacklist.none'));
  for (const hit of hits) {
    out.push(
      failed(
        'blacklist',
        fieldOf[hit.kind],
        `blacklisted ${hit.kind} ${hit.value_masked}: ${hit.reason}`,
        'check.blacklist.hit',
        { kind: hit.kind, value: hit.value_masked, reason: hit.reason },
        false,
      ),
    );
  }
  return out;
}

export async function transition(
  ctx: ServiceContext,
  tx: Db,
  row: Row,
  event: ApplicationEvent,
  comment: string | null,
  guard: { openFailures: number } = { openFailures: 0 },
) {
  const to = applicationLifecycle.next(row.status as ApplicationStatus, event, guard);
  const now = ctx.clock.now();
  const moved = await moveApplication(tx, row.id, row.status, row.version, {
    status: to,
    updated_at: now,
    ...(event === 'submit' || event === 'resubmit' ? { submitted_at: now } : {}),
  });
  if (!moved) throw new AppError('CONFLICT', 'the application changed meanwhile; reload it');
  await appendApplicationEvent(tx, {
    application_id: row.id,
    actor_id: ctx.actor.userId,
    actor_name: ctx.actor.displayName,
    event,
    from_status: row.status,
    to_status: to,
    comment,
  });
  await recordAudit(tx, originOf(ctx), {
    action: `merchant.application.${event}`,
    objectType: 'merchant_application',
    objectId: row.id,
    orgId: row.org_id,
    before: { status: row.status },
    after: { status: to, comment },
  });
  return to;
}

/**
 * Submits (or resubmits after a return) an application. Every check runs; a blocking failure refuses
 * the submission with the message on its field and changes nothing; the others wait for the reviewer.
 */
export async function submitApplication(ctx: ServiceContext, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadOrThrow(tx, id);
    const event: ApplicationEvent = row.status === 'returned' ? 'resubmit' : 'submit';
    applicationLifecycle.next(row.status as ApplicationStatus, event);
    const clear = reveal(ctx, row);
    const shape = formFindings(clear);
    const findings = shape.form
      ? [...numberFindings(shape.form, ctx.clock.now()), ...(await matchFindings(ctx, row, clear))]
      : shape.findings;
    findings.push(...(await missingDocumentFindings(tx, row.id, clear)));
    const blocking = findings.filter((f) => f.blocking && f.result === 'failed');
    if (blocking.length > 0) {
      const fields = Object.fromEntries(blocking.map((f) => [f.field ?? f.item, f.detail]));
      const fieldMessages = Object.fromEntries(blocking.map((f) => [f.field ?? f.item, f.message]));
      throw new AppError(
        'VALIDATION_FAILED',
        `the application cannot be submitted: ${blocking.length} problem(s)`,
        fields,
        fieldMessages,
      );
    }
    const round = (await currentRound(tx, id)) + 1;
    await insertChecks(
      tx,
      findings.map((f) => ({
        application_id: id,
        round,
        item: f.item,
        field: f.field,
        result: f.result,
        detail: f.detail,
        message: JSON.stringify(f.message),
        source: 'system',
        reviewer_id: null,
        comment: null,
      })),
    );
    await transition(ctx, tx, row, event, null);
  });
  return getApplication(ctx, id);
}

export async function startReview(ctx: ServiceContext, id: string) {
  await ctx.db
    .transaction()
    .execute(async (tx) => transition(ctx, tx, await loadOrThrow(tx, id), 'start_review', null));
  return getApplication(ctx, id);
}

/** The latest result per item of the current round. */
function latestPerItem<T extends { item: string; field: string | null }>(checks: T[]): T[] {
  const latest = new Map<string, T>();
  for (const c of checks) latest.set(`${c.item}|${c.field ?? ''}`, c);
  return [...latest.values()];
}

/** The reviewer's decision on one checklist item: passed, failed, or a failed system check overridden. */
export async function decideCheckItem(
  ctx: ServiceContext,
  id: string,
  item: string,
  field: string | null,
  decision: { result: 'passed' | 'failed' | 'overridden'; comment?: string | undefined },
) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadOrThrow(tx, id);
    if (row.status !== 'in_review')
      throw new AppError('ILLEGAL_TRANSITION', `merchant application: cannot review when ${row.status}`);
    const round = await currentRound(tx, id);
    const checks = latestPerItem(await checksOfRound(tx, id, round));
    const current = checks.find((c) => c.item === item && (c.field ?? null) === field);
    const isReviewerItem = (reviewerItems as readonly string[]).includes(item);
    if (!current && !isReviewerItem) throw new AppError('NOT_FOUND', `no checklist item ${item}`);
    if (decision.result === 'overridden' && current?.source !== 'system') {
      throw new AppError('VALIDATION_FAILED', 'only a failed system check can be overridden', {
        result: 'not overridable',
      });
    }
    if (decision.result === 'passed' && current?.source === 'system' && current.result === 'failed') {
      throw new AppError('VALIDATION_FAILED', 'a failed system check can only be overridden, with a reason', {
        result: 'use overridden',
      });
    }
    if (decision.result !== 'passed' && !decision.comment) {
      throw new AppError('VALIDATION_FAILED', 'a comment is required', { comment: 'required' });
    }
    await insertChecks(tx, [
      {
        application_id: id,
        round,
        item,
        field,
        result: decision.result,
        detail: current?.detail ?? item,
        message: current?.message ? JSON.stringify(current.message) : null,
        source: 'reviewer',
        reviewer_id: ctx.actor.userId,
        comment: decision.comment ?? null,
      },
    ]);
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.application.check',
      objectType: 'merchant_application',
      objectId: id,
      orgId: row.org_id,
      after: { item, field, ...decision },
    });
  });
  return getApplication(ctx, id);
}

export async function returnApplication(ctx: ServiceContext, id: string, comment: string) {
  await ctx.db
    .transaction()
    .execute(async (tx) => transition(ctx, tx, await loadOrThrow(tx, id), 'return', comment));
  return getApplication(ctx, id);
}

/** Completes the review: every reviewer item decided, every failed check passed or overridden. */
export async function completeReview(ctx: ServiceContext, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadOrThrow(tx, id);
    const checks = latestPerItem(await checksOfRound(tx, id, await currentRound(tx, id)));
    const undecided = reviewerItems.filter(
      (item) => !checks.some((c) => c.item === item && c.source === 'reviewer'),
    );
    if (undecided.length > 0 && row.status === 'in_review') {
      throw new AppError(
        'VALIDATION_FAILED',
        `checklist items not decided: ${undecided.join(', ')}`,
        Object.fromEntries(undecided.map((i) => [i, 'not decided'])),
      );
    }
    const openFailures = checks.filter((c) => c.result === 'failed').length;
    await transition(ctx, tx, row, 'complete_review', null, { openFailures });
    await assess(ctx, tx, row, checks);
  });
  return getApplication(ctx, id);
}

/** 信用评估 at the end of the review: the score, its grade and the limits it proposes. */
async function assess(
  ctx: ServiceContext,
  tx: Db,
  row: Row,
  checks: { item: string; result: ReviewFinding['result'] }[],
) {
  const form = applicationForm.parse(reveal(ctx, row));
  const { score, factors } = scoreApplication(form, checks, ctx.clock.now());
  const grade = gradeOf(score);
  const policy = gradePolicies[grade];
  await insertAssessment(tx, {
    application_id: row.id,
    score,
    factors: JSON.stringify(factors),
    proposed_grade: grade,
    grade,
    single_limit_minor: policy.singleLimitMinor,
    daily_limit_minor: policy.dailyLimitMinor,
    monthly_limit_minor: policy.monthlyLimitMinor,
    inspection_months: policy.inspectionMonths,
    override_reason: null,
    assessed_by: null,
  });
  await recordAudit(tx, originOf(ctx), {
    action: 'merchant.application.assess',
    objectType: 'merchant_application',
    objectId: row.id,
    orgId: row.org_id,
    after: { score, grade, factors },
  });
}

export async function withdrawApplication(ctx: ServiceContext, id: string, comment: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadOrThrow(tx, id);
    await transition(ctx, tx, row, 'withdraw', comment);
    // A request returned from approval would otherwise wait for a resubmission that never comes.
    await cancelApprovalFor(
      ctx,
      tx,
      { type: ONBOARD_APPROVAL, objectType: APPLICATION_OBJECT, objectId: id, orgId: row.org_id },
      comment,
    );
  });
  return getApplication(ctx, id);
}

export async function getApplication(ctx: ServiceContext, id: string): Promise<ApplicationDetail> {
  const row = await loadOrThrow(ctx.db, id);
  const round = await currentRound(ctx.db, id);
  const [checks, history, assessment, approval] = await Promise.all([
    checksOfRound(ctx.db, id, round),
    applicationEvents(ctx.db, id),
    latestAssessment(ctx.db, id),
    latestApprovalFor(ctx.db, ONBOARD_APPROVAL, APPLICATION_OBJECT, id),
  ]);
  const latest = latestPerItem(checks);
  const openFailures = latest.filter((c) => c.result === 'failed').length;
  return {
    ...listItem(row),
    form: maySeeNumbers(ctx, row) ? reveal(ctx, row) : (row.form as ApplicationDraft),
    checks: checks.map((c) => ({
      item: c.item,
      field: c.field,
      result: c.result,
      detail: c.detail,
      message: (c.message as MessageRef | null) ?? null,
      source: c.source,
      reviewerName: c.reviewer_name,
      comment: c.comment,
      at: c.at.toISOString(),
    })),
    history: history.map((h) => ({
      at: h.at.toISOString(),
      actorName: h.actor_name,
      event: h.event,
      comment: h.comment,
    })),
    allowedEvents: applicationLifecycle.allowedEvents(row.status as ApplicationStatus, { openFailures }),
    version: row.version,
    assessment: assessment
      ? {
          score: assessment.score,
          factors: assessment.factors as RiskFactor[],
          proposedGrade: assessment.proposed_grade,
          grade: assessment.grade,
          singleLimitMinor: assessment.single_limit_minor.toString(),
          dailyLimitMinor: assessment.daily_limit_minor.toString(),
          monthlyLimitMinor: assessment.monthly_limit_minor.toString(),
          inspectionMonths: assessment.inspection_months,
          overrideReason: assessment.override_reason,
          assessedBy: assessment.assessed_by_name,
          at: assessment.at.toISOString(),
        }
      : null,
    approvalId: approval?.id ?? null,
  };
}

function listItem(row: Row) {
  return {
    id: row.id,
    no: row.no,
    status: row.status as ApplicationStatus,
    merchantName: row.merchant_name,
    creditCode: row.credit_code,
    mcc: row.mcc,
    orgId: row.org_id,
    orgName: row.org_name,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listApplications(
  ctx: ServiceContext,
  query: {
    q?: string | undefined;
    status?: ApplicationStatus | undefined;
    orgId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  let orgPath: string | undefined;
  if (query.orgId) {
    const org = await findOrgInScope(ctx.db, query.orgId);
    if (!org) return { items: [], nextCursor: null };
    orgPath = org.path;
  }
  const after = decodeCursor(query.cursor, ['timestamptz', 'uuid']);
  const rows = await listApplicationRows(
    ctx.db,
    { q: query.q, status: query.status, orgPath },
    after ? { at: String(after[0]), id: String(after[1]) } : null,
    query.limit,
  );
  const page = pageFrom(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: page.items.map(listItem), nextCursor: page.nextCursor };
}
