import type { ContractRates } from '@posops/contracts';
import { AppError, businessDate } from '@posops/kernel';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { auditTrailOf, originOf, recordAudit } from '../audit';
import { documentsOf } from '../documents';
import { workOrdersOf } from '../workorders';
import { findApplication, latestAssessment } from './applications.repo';
import { APPLICATION_OBJECT } from './applications.service';
import { changesOfMerchant } from './change.repo';
import { CHANGE_OBJECT, cancelOpenChangesOf } from './change.service';
import { findContractOfApplication } from './contract.repo';
import { CONTRACT_OWNER } from './contract.service';
import {
  attributionNames,
  findMerchant,
  insertTraining,
  listMerchantRows,
  type MerchantFilter,
  moveMerchant,
  trainingsOf,
} from './golive.repo';
import { activateIfReady } from './golive.service';
import { type MerchantEvent, manualMerchantEvents, merchantLifecycle } from './merchant.lifecycle';
import { addressViewOf, rateHistoryOf, settlementViewOf } from './merchant-profile';

const merchantView = (m: NonNullable<Awaited<ReturnType<typeof findMerchant>>>) => ({
  id: m.id,
  mid: m.mid,
  name: m.name,
  shortName: m.short_name,
  mcc: m.mcc,
  creditCode: m.credit_code,
  status: m.status,
  riskGrade: m.risk_grade,
  singleLimitMinor: m.single_limit_minor.toString(),
  dailyLimitMinor: m.daily_limit_minor.toString(),
  monthlyLimitMinor: m.monthly_limit_minor.toString(),
  inspectionMonths: m.inspection_months,
  orgId: m.org_id,
  applicationId: m.application_id,
  createdAt: m.created_at.toISOString(),
  activatedAt: m.activated_at ? m.activated_at.toISOString() : null,
  allowedEvents: merchantLifecycle.allowedEvents(m.status).filter((e) => manualMerchantEvents.includes(e)),
});

/**
 * 商户360: the merchant with its profile (address, settlement account, 业务归属), contract and rates over
 * time, risk assessment, documents, terminals, work orders and trainings.
 */
export async function getMerchant(ctx: ServiceContext, id: string) {
  const merchant = await findMerchant(ctx.db, id);
  if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
  const [orders, trainings, rates, contract, assessment, application, names] = await Promise.all([
    workOrdersOf(ctx.db, id),
    trainingsOf(ctx.db, id),
    rateHistoryOf(ctx.db, id),
    findContractOfApplication(ctx.db, merchant.application_id),
    latestAssessment(ctx.db, merchant.application_id),
    findApplication(ctx.db, merchant.application_id),
    attributionNames(ctx.system, merchant),
  ]);
  const today = businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
  const mayReadDocuments = ctx.actor.permissions.has('document.read');
  const documents = mayReadDocuments
    ? [
        ...(await documentsOf(ctx.db, APPLICATION_OBJECT, merchant.application_id)),
        ...(contract ? await documentsOf(ctx.db, CONTRACT_OWNER, contract.id) : []),
      ]
    : [];
  const current = rates.find((r) => r.effective_from <= today) ?? null;
  return {
    ...merchantView(merchant),
    address: addressViewOf(merchant.division_code, merchant.address_detail),
    settlement: settlementViewOf(merchant),
    attribution: names,
    application: application ? { id: application.id, no: application.no } : null,
    contract: contract
      ? {
          id: contract.id,
          contractNo: contract.contract_no,
          status: contract.status,
          effectiveDate: contract.effective_date,
          signerName: contract.signer_name,
          signedAt: contract.signed_at ? contract.signed_at.toISOString() : null,
          documentId: contract.document_id,
          terms: contract.terms,
        }
      : null,
    rates: {
      current: current
        ? { ...(current.rates as ContractRates), effectiveFrom: current.effective_from }
        : null,
      history: rates.map((r) => ({
        ...(r.rates as ContractRates),
        effectiveFrom: r.effective_from,
        source: r.source,
        changeRequestId: r.change_request_id,
        current: r.id === current?.id,
      })),
    },
    assessment: assessment
      ? {
          score: assessment.score,
          factors: assessment.factors,
          proposedGrade: assessment.proposed_grade,
          grade: assessment.grade,
          overrideReason: assessment.override_reason,
          at: assessment.at.toISOString(),
        }
      : null,
    documents,
    terminals: orders
      .filter((w) => w.kind === 'install' && w.status === 'completed' && w.serial_no)
      .map((w) => ({
        serialNo: w.serial_no!,
        terminalId: w.terminal_id,
        model: w.terminal_model,
        installedAt: w.completed_at ? w.completed_at.toISOString() : null,
        workOrderNo: w.no,
      })),
    workOrders: orders.map((w) => ({
      id: w.id,
      no: w.no,
      kind: w.kind,
      status: w.status,
      terminalModel: w.terminal_model,
      serialNo: w.serial_no,
      createdAt: w.created_at.toISOString(),
      completedAt: w.completed_at ? w.completed_at.toISOString() : null,
    })),
    trainings: trainings.map((t) => ({
      id: t.id,
      trainerName: t.trainer_name,
      trainedAt: t.trained_at.toISOString(),
      topics: t.topics,
      attendees: t.attendees,
    })),
  };
}

/** 商户历史: what happened to the merchant, its change requests, work orders and contract, newest first. */
export async function merchantHistory(ctx: ServiceContext, id: string, limit: number) {
  const merchant = await findMerchant(ctx.db, id);
  if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
  const [orders, changes, contract] = await Promise.all([
    workOrdersOf(ctx.db, id),
    changesOfMerchant(ctx.db, id),
    findContractOfApplication(ctx.db, merchant.application_id),
  ]);
  const objects = [
    { type: 'merchant', id },
    { type: APPLICATION_OBJECT, id: merchant.application_id },
    ...(contract ? [{ type: CONTRACT_OWNER, id: contract.id }] : []),
    ...changes.map((c) => ({ type: CHANGE_OBJECT, id: c.id })),
    ...orders.map((w) => ({ type: 'work_order', id: w.id })),
  ];
  return { items: await auditTrailOf(ctx.db, objects, limit) };
}

export async function listMerchants(
  ctx: ServiceContext,
  query: MerchantFilter & { cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(query.cursor, ['timestamptz', 'uuid']);
  const rows = await listMerchantRows(
    ctx.db,
    query,
    after ? { at: String(after[0]), id: String(after[1]) } : null,
    query.limit,
  );
  const page = pageFrom(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: page.items.map(merchantView), nextCursor: page.nextCursor };
}

/** 培训: who trained the merchant, when, on what; may activate the merchant. */
export async function recordTraining(
  ctx: ServiceContext,
  merchantId: string,
  input: { trainerName: string; trainedAt: string; topics: string[]; attendees: string },
) {
  await ctx.db.transaction().execute(async (tx) => {
    const merchant = await findMerchant(tx, merchantId);
    if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
    if (!['onboarding', 'active'].includes(merchant.status)) {
      throw new AppError('ILLEGAL_TRANSITION', `merchant: cannot record a training when ${merchant.status}`);
    }
    const training = await insertTraining(tx, {
      org_id: merchant.org_id,
      merchant_id: merchantId,
      trainer_name: input.trainerName,
      trained_at: new Date(input.trainedAt),
      topics: input.topics,
      attendees: input.attendees,
      recorded_by: ctx.actor.userId,
    });
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.training.record',
      objectType: 'merchant',
      objectId: merchantId,
      orgId: merchant.org_id,
      after: { trainingId: training.id, ...input },
    });
    await activateIfReady(ctx, tx, merchantId);
  });
  return getMerchant(ctx, merchantId);
}

/** 停机/复机/冻结结算/解冻/注销: a status change with its reason, through the merchant's state machine. */
export async function changeMerchantStatus(
  ctx: ServiceContext,
  id: string,
  event: MerchantEvent,
  reason: string,
) {
  if (!manualMerchantEvents.includes(event))
    throw new AppError('VALIDATION_FAILED', `not a status change: ${event}`, { event: 'unknown' });
  await ctx.db.transaction().execute(async (tx) => {
    const merchant = await findMerchant(tx, id);
    if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
    const to = merchantLifecycle.next(merchant.status, event);
    if (!(await moveMerchant(tx, id, merchant.status, merchant.version, to))) {
      throw new AppError('CONFLICT', 'the merchant changed meanwhile; reload it');
    }
    if (to === 'closed') await cancelOpenChangesOf(ctx, tx, id, `merchant closed: ${reason}`);
    await recordAudit(tx, originOf(ctx), {
      action: `merchant.${event}`,
      objectType: 'merchant',
      objectId: id,
      orgId: merchant.org_id,
      before: { status: merchant.status },
      after: { status: to, reason },
    });
  });
  return getMerchant(ctx, id);
}
