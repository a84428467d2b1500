import {
  type ChangeFinding,
  type ContractRates,
  divisionByCode,
  type MerchantChange,
  type MerchantChangeKind,
  type MerchantChangeRequest,
  type MerchantChangeRequestInput,
  type MerchantChangeStatus,
  mccByCode,
} from '@posops/contracts';
import { AppError, addDays, businessDate, checkBankAccount, sealText } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import type { ModuleDeps } from '../../platform/module';
import {
  type ApprovedRequest,
  cancelApprovalFor,
  latestApprovalFor,
  registerApprovalHandler,
  resubmitApprovalFor,
  submitApproval,
} from '../approvals';
import { type AuditOrigin, originOf, recordAudit, systemOrigin } from '../audit';
import { notifyUsers } from '../notifications';
import { planFits, ratePlanById, ratesSnapshotOf } from '../pricing';
import { insertWorkOrders, installedTerminalsOf } from '../workorders';
import { findApplication } from './applications.repo';
import { blacklistHits } from './blacklist.repo';
import { changeLifecycle, type MerchantChangeEvent } from './change.lifecycle';
import {
  type ChangeRow,
  changesOfMerchant,
  findChange,
  insertChange,
  listChangeRows,
  lockDueChanges,
  lockMerchant,
  merchantsWithAccount,
  moveChange,
  nextChangeNo,
  openChangesOfMerchant,
  updateMerchantProfile,
} from './change.repo';
import type { findMerchant } from './golive.repo';
import {
  addressViewOf,
  insertMerchantRates,
  limitsViewOf,
  merchantRatesOn,
  settlementViewOf,
} from './merchant-profile';
import { hashOf, maskOf } from './personal-numbers';
import { gradePolicies } from './risk-assessment';

/** Each kind of change has its own approval chain, so administrators set who approves what. */
export const changeApprovalType = (kind: MerchantChangeKind) => `merchant.change.${kind}`;
export const CHANGE_OBJECT = 'merchant_change_request';

const kindNames: Record<MerchantChangeKind, { zh: string; en: string }> = {
  settlement_account: { zh: '结算账户变更', en: 'settlement account change' },
  address: { zh: '经营地址变更', en: 'address change' },
  rate_plan: { zh: '费率变更', en: 'rate plan change' },
  limits: { zh: '限额变更', en: 'limits change' },
};

/** How far ahead a change may be dated. */
const EFFECTIVE_DAYS_AHEAD_MAX = 180;

type Merchant = NonNullable<Awaited<ReturnType<typeof findMerchant>>>;

/** A refusal on one field, in English and as a message key the console translates. */
const refuse = (field: string, message: string, key: string, params?: Record<string, string | number>) =>
  new AppError(
    'VALIDATION_FAILED',
    message,
    { [field]: message },
    { [field]: params ? { key, params } : { key } },
  );

/** What a change will do, worked out and checked against the merchant as it stands. */
interface PreparedChange {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  accountSealed: string | null;
  accountHash: string | null;
  findings: ChangeFinding[];
}

async function prepareSettlementAccount(
  ctx: ServiceContext,
  tx: Db,
  merchant: Merchant,
  change: Extract<MerchantChange, { kind: 'settlement_account' }>,
): Promise<PreparedChange> {
  const account = { ...change.settlement, accountNo: change.settlement.accountNo.trim() };
  const key = ctx.config.SECRET_KEY;
  const findings: ChangeFinding[] = [];
  const check = checkBankAccount(account.accountNo, account.accountType);
  if (!check.ok) throw refuse('change.settlement.accountNo', check.message, `check.account.${check.reason}`);
  if (check.warning) {
    findings.push({
      field: 'change.settlement.accountNo',
      severity: 'warning',
      message: 'UnionPay card number fails the Luhn check; confirm it with the account proof',
      key: 'check.account.unionpay_luhn',
    });
  }
  const hash = hashOf(key, 'account', account.accountNo);
  const current = settlementViewOf(merchant);
  if (
    hash === merchant.account_hash &&
    account.accountType === current.accountType &&
    account.bankName === current.bankName &&
    account.branchName === current.branchName &&
    account.holderName === current.holderName
  ) {
    throw refuse(
      'change.settlement',
      'this is the settlement account the merchant already has',
      'change.same_account',
    );
  }
  const hits = await blacklistHits(tx, [{ kind: 'account', hash }]);
  if (hits.length > 0)
    throw refuse('change.settlement.accountNo', 'the account is on the blacklist', 'change.blacklisted');
  const application = await findApplication(tx, merchant.application_id);
  const form = (application?.form ?? {}) as {
    business?: { type?: string };
    licence?: { registeredName?: string };
    legalRep?: { name?: string };
  };
  if (form.business?.type === 'individual' && account.accountType === 'corporate') {
    findings.push({
      field: 'change.settlement.accountType',
      severity: 'warning',
      message: 'an individual business settles to a personal account',
      key: 'check.account_type.individual_corporate',
    });
  }
  if (account.holderName !== form.licence?.registeredName && account.holderName !== form.legalRep?.name) {
    findings.push({
      field: 'change.settlement.holderName',
      severity: 'warning',
      message: 'the holder is neither the registered name nor the legal representative',
      key: 'check.account_holder.mismatch',
    });
  }
  for (const other of await merchantsWithAccount(ctx.system, hash, merchant.id)) {
    findings.push({
      field: 'change.settlement.accountNo',
      severity: 'warning',
      message: `merchant ${other.mid} settles to the same account`,
      key: 'change.shared_account',
      params: { mid: other.mid, name: other.name },
    });
  }
  return {
    before: current,
    after: { ...account, accountNo: maskOf('account', account.accountNo) },
    accountSealed: sealText(key, account.accountNo),
    accountHash: hash,
    findings,
  };
}

async function prepareAddress(
  tx: Db,
  merchant: Merchant,
  change: Extract<MerchantChange, { kind: 'address' }>,
): Promise<PreparedChange> {
  const { divisionCode, detail } = change.address;
  const division = divisionByCode(divisionCode);
  if (!division || division.children.length > 0) {
    throw refuse(
      'change.address.divisionCode',
      'not a district code of the administrative divisions',
      'check.division.not_district',
    );
  }
  if (divisionCode === merchant.division_code && detail === merchant.address_detail) {
    throw refuse('change.address', 'this is the address the merchant already has', 'change.same_address');
  }
  const findings: ChangeFinding[] = [];
  const installed = await installedTerminalsOf(tx, merchant.id);
  if (installed.length > 0) {
    findings.push({
      field: 'change.address',
      severity: 'info',
      message: `${installed.length} installed terminal(s): a relocation work order each opens when it takes effect`,
      key: 'change.relocation',
      params: { count: installed.length },
    });
  }
  return {
    before: addressViewOf(merchant.division_code, merchant.address_detail),
    after: addressViewOf(divisionCode, detail),
    accountSealed: null,
    accountHash: null,
    findings,
  };
}

async function prepareRatePlan(
  tx: Db,
  merchant: Merchant,
  change: Extract<MerchantChange, { kind: 'rate_plan' }>,
  effectiveDate: string,
  today: string,
): Promise<PreparedChange> {
  // Fees of a day already begun never change: a new rate applies from tomorrow at the earliest.
  if (effectiveDate <= today) {
    throw refuse(
      'effectiveDate',
      `a rate change takes effect from tomorrow (${addDays(today, 1)}) at the earliest`,
      'change.rate_from_tomorrow',
      { date: addDays(today, 1) },
    );
  }
  const plan = await ratePlanById(tx, change.ratePlanId);
  if (!plan) throw refuse('change.ratePlanId', 'no such rate plan', 'change.no_such_plan');
  if (plan.status !== 'active')
    throw refuse('change.ratePlanId', `rate plan ${plan.code} is retired`, 'change.plan_retired', {
      code: plan.code,
    });
  const mcc = mccByCode(merchant.mcc);
  if (!mcc) throw new AppError('CONFLICT', `the merchant's MCC ${merchant.mcc} is unknown`);
  if (!planFits(plan, mcc.category)) {
    throw refuse(
      'change.ratePlanId',
      `rate plan ${plan.code} is for ${plan.mccCategory} merchants; MCC ${mcc.code} is ${mcc.category}`,
      'change.plan_class',
      { code: plan.code, planCategory: plan.mccCategory ?? '', mcc: mcc.code, category: mcc.category },
    );
  }
  if (effectiveDate < plan.effectiveFrom) {
    throw refuse(
      'effectiveDate',
      `rate plan ${plan.code} takes effect on ${plan.effectiveFrom}`,
      'change.plan_not_yet',
      {
        code: plan.code,
        date: plan.effectiveFrom,
      },
    );
  }
  if (plan.id === merchant.rate_plan_id) {
    throw refuse(
      'change.ratePlanId',
      `the merchant is already on rate plan ${plan.code}`,
      'change.same_plan',
      { code: plan.code },
    );
  }
  const current = await merchantRatesOn(tx, merchant.id, effectiveDate);
  const after = ratesSnapshotOf(plan);
  const { effectiveFrom: _, ...before } = current ?? { effectiveFrom: '' };
  return { before, after, accountSealed: null, accountHash: null, findings: [] };
}

function prepareLimits(
  merchant: Merchant,
  change: Extract<MerchantChange, { kind: 'limits' }>,
): PreparedChange {
  const single = BigInt(change.singleLimitMinor);
  const daily = BigInt(change.dailyLimitMinor);
  const monthly = BigInt(change.monthlyLimitMinor);
  if (single <= 0n)
    throw refuse('change.singleLimitMinor', 'the single limit must be above zero', 'change.limit_zero');
  if (daily < single)
    throw refuse(
      'change.dailyLimitMinor',
      'the daily limit is below the single limit',
      'change.daily_below_single',
    );
  if (monthly < daily)
    throw refuse(
      'change.monthlyLimitMinor',
      'the monthly limit is below the daily limit',
      'change.monthly_below_daily',
    );
  if (
    single === merchant.single_limit_minor &&
    daily === merchant.daily_limit_minor &&
    monthly === merchant.monthly_limit_minor
  ) {
    throw refuse('change', 'these are the limits the merchant already has', 'change.same_limits');
  }
  const policy = gradePolicies[merchant.risk_grade];
  const findings: ChangeFinding[] = [];
  const above = (field: string, value: bigint, cap: bigint, name: string): ChangeFinding | null =>
    value > cap
      ? {
          field,
          severity: 'warning',
          message: `${name} limit above the grade ${merchant.risk_grade} policy (${cap} fen)`,
          key: 'change.above_policy',
          params: {
            limit: name,
            grade: merchant.risk_grade,
            capMinor: cap.toString(),
            capYuan: (cap / 100n).toString(),
          },
        }
      : null;
  for (const f of [
    above('change.singleLimitMinor', single, policy.singleLimitMinor, 'single'),
    above('change.dailyLimitMinor', daily, policy.dailyLimitMinor, 'daily'),
    above('change.monthlyLimitMinor', monthly, policy.monthlyLimitMinor, 'monthly'),
  ]) {
    if (f) findings.push(f);
  }
  return {
    before: limitsViewOf(merchant),
    after: {
      singleLimitMinor: single.toString(),
      dailyLimitMinor: daily.toString(),
      monthlyLimitMinor: monthly.toString(),
    },
    accountSealed: null,
    accountHash: null,
    findings,
  };
}

async function prepare(
  ctx: ServiceContext,
  tx: Db,
  merchant: Merchant,
  input: MerchantChangeRequestInput,
): Promise<PreparedChange> {
  if (merchant.status === 'closed' || merchant.status === 'cancelled') {
    throw new AppError('ILLEGAL_TRANSITION', `merchant: cannot change a merchant that is ${merchant.status}`);
  }
  const today = businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
  if (input.effectiveDate < today)
    throw refuse('effectiveDate', `the effective date is before today (${today})`, 'change.date_past', {
      date: today,
    });
  const latest = addDays(today, EFFECTIVE_DAYS_AHEAD_MAX);
  if (input.effectiveDate > latest) {
    throw refuse(
      'effectiveDate',
      `the effective date is more than ${EFFECTIVE_DAYS_AHEAD_MAX} days ahead (${latest})`,
      'change.date_too_far',
      { days: EFFECTIVE_DAYS_AHEAD_MAX, date: latest },
    );
  }
  const change = input.change;
  switch (change.kind) {
    case 'settlement_account':
      return prepareSettlementAccount(ctx, tx, merchant, change);
    case 'address':
      return prepareAddress(tx, merchant, change);
    case 'rate_plan':
      return prepareRatePlan(tx, merchant, change, input.effectiveDate, today);
    case 'limits':
      return prepareLimits(merchant, change);
  }
}

function approvalSubmission(
  row: { id: string; no: string; org_id: string },
  merchant: Merchant,
  kind: MerchantChangeKind,
  input: MerchantChangeRequestInput,
  prepared: PreparedChange,
) {
  return {
    type: changeApprovalType(kind),
    title: `${merchant.name} (${merchant.mid}) · ${kindNames[kind].zh} ${row.no}`,
    orgId: row.org_id,
    objectType: CHANGE_OBJECT,
    objectId: row.id,
    payload: {
      no: row.no,
      merchantMid: merchant.mid,
      merchantName: merchant.name,
      kind,
      before: prepared.before,
      after: prepared.after,
      effectiveDate: input.effectiveDate,
      reason: input.reason,
      findings: prepared.findings,
    },
    amountMinor: kind === 'limits' ? BigInt(prepared.after.monthlyLimitMinor as string) : null,
    grade: merchant.risk_grade,
  };
}

function toView(ctx: ServiceContext, row: ChangeRow, approvalId: string | null): MerchantChangeRequest {
  const mayRequest = ctx.actor.permissions.has('merchantChange.request');
  return {
    id: row.id,
    no: row.no,
    merchantId: row.merchant_id,
    merchantMid: row.merchant_mid,
    merchantName: row.merchant_name,
    orgId: row.org_id,
    kind: row.kind,
    status: row.status,
    before: row.before as Record<string, unknown>,
    after: row.after as Record<string, unknown>,
    findings: row.findings as ChangeFinding[],
    effectiveDate: row.effective_date,
    reason: row.reason,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    appliedAt: row.applied_at ? row.applied_at.toISOString() : null,
    closedReason: row.closed_reason,
    approvalId,
    allowedActions: mayRequest
      ? changeLifecycle
          .allowedEvents(row.status)
          .filter((e): e is 'resubmit' | 'cancel' => e === 'resubmit' || e === 'cancel')
      : [],
  };
}

export async function getChange(ctx: ServiceContext, id: string): Promise<MerchantChangeRequest> {
  const row = await findChange(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'change request not found');
  const approval = await latestApprovalFor(ctx.db, changeApprovalType(row.kind), CHANGE_OBJECT, id);
  return toView(ctx, row, approval?.id ?? null);
}

export async function changesOf(ctx: ServiceContext, merchantId: string) {
  const rows = await changesOfMerchant(ctx.db, merchantId);
  return rows.map((r) => toView(ctx, r, null));
}

export async function listChanges(
  ctx: ServiceContext,
  query: {
    status?: MerchantChangeStatus | undefined;
    kind?: MerchantChangeKind | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const after = decodeCursor(query.cursor, ['timestamptz', 'uuid']);
  const rows = await listChangeRows(
    ctx.db,
    query,
    after ? { at: String(after[0]), id: String(after[1]) } : null,
    query.limit,
  );
  const page = pageFrom(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: page.items.map((r) => toView(ctx, r, null)), nextCursor: page.nextCursor };
}

/** 提交变更申请: checked against the merchant as it stands, then into its approval chain. */
export async function requestChange(
  ctx: ServiceContext,
  merchantId: string,
  input: MerchantChangeRequestInput,
): Promise<MerchantChangeRequest> {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const merchant = await lockMerchant(tx, merchantId);
    if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
    const prepared = await prepare(ctx, tx, merchant, input);
    const today = businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
    const no = await nextChangeNo(tx, today);
    const inserted = await insertChange(tx, {
      no,
      org_id: merchant.org_id,
      merchant_id: merchant.id,
      kind: input.change.kind,
      status: 'pending_approval',
      before: JSON.stringify(prepared.before),
      after: JSON.stringify(prepared.after),
      account_no_sealed: prepared.accountSealed,
      account_hash: prepared.accountHash,
      findings: JSON.stringify(prepared.findings),
      effective_date: input.effectiveDate,
      reason: input.reason,
      requested_by: ctx.actor.userId,
    }).catch((error: unknown) => {
      if ((error as { constraint?: string }).constraint === 'merchant_change_requests_one_open') {
        throw new AppError('CONFLICT', `the merchant already has an open ${kindNames[input.change.kind].en}`);
      }
      throw error;
    });
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.change.request',
      objectType: CHANGE_OBJECT,
      objectId: inserted.id,
      orgId: merchant.org_id,
      after: {
        no,
        merchantId: merchant.id,
        kind: input.change.kind,
        before: prepared.before,
        after: prepared.after,
        effectiveDate: input.effectiveDate,
        reason: input.reason,
      },
    });
    await submitApproval(
      ctx,
      tx,
      approvalSubmission(
        { id: inserted.id, no, org_id: merchant.org_id },
        merchant,
        input.change.kind,
        input,
        prepared,
      ),
    );
    return inserted.id;
  });
  return getChange(ctx, id);
}

/** After a return for correction: the corrected change goes back into the same approval request. */
export async function resubmitChange(
  ctx: ServiceContext,
  id: string,
  input: MerchantChangeRequestInput,
): Promise<MerchantChangeRequest> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await findChange(tx, id);
    if (!row) throw new AppError('NOT_FOUND', 'change request not found');
    if (input.change.kind !== row.kind) {
      throw refuse(
        'change.kind',
        `this request is a ${kindNames[row.kind].en}; open a new request for another kind`,
        'change.kind_fixed',
      );
    }
    const to = changeLifecycle.next(row.status, 'resubmit');
    const merchant = await lockMerchant(tx, row.merchant_id);
    if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
    const prepared = await prepare(ctx, tx, merchant, input);
    const moved = await moveChange(tx, id, row.version, {
      status: to,
      before: JSON.stringify(prepared.before),
      after: JSON.stringify(prepared.after),
      account_no_sealed: prepared.accountSealed,
      account_hash: prepared.accountHash,
      findings: JSON.stringify(prepared.findings),
      effective_date: input.effectiveDate,
      reason: input.reason,
      closed_reason: null,
      updated_at: ctx.clock.now(),
    });
    if (!moved) throw new AppError('CONFLICT', 'the change request changed meanwhile; reload it');
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.change.resubmit',
      objectType: CHANGE_OBJECT,
      objectId: id,
      orgId: row.org_id,
      before: { status: row.status, after: row.after, effectiveDate: row.effective_date },
      after: { status: to, after: prepared.after, effectiveDate: input.effectiveDate, reason: input.reason },
    });
    await resubmitApprovalFor(ctx, tx, approvalSubmission(row, merchant, row.kind, input, prepared));
  });
  return getChange(ctx, id);
}

/** Withdrawn before it took effect, with the reason; an open approval request is cancelled with it. */
export async function cancelChange(ctx: ServiceContext, id: string, reason: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await findChange(tx, id);
    if (!row) throw new AppError('NOT_FOUND', 'change request not found');
    const to = changeLifecycle.next(row.status, 'cancel');
    if (
      !(await moveChange(tx, id, row.version, {
        status: to,
        closed_reason: reason,
        updated_at: ctx.clock.now(),
      }))
    ) {
      throw new AppError('CONFLICT', 'the change request changed meanwhile; reload it');
    }
    await cancelApprovalFor(
      ctx,
      tx,
      { type: changeApprovalType(row.kind), objectType: CHANGE_OBJECT, objectId: id, orgId: row.org_id },
      reason,
    );
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.change.cancel',
      objectType: CHANGE_OBJECT,
      objectId: id,
      orgId: row.org_id,
      before: { status: row.status },
      after: { status: to, reason },
    });
  });
  return getChange(ctx, id);
}

/** 注销: the merchant's open change requests end with it (their approvals cancelled). */
export async function cancelOpenChangesOf(ctx: ServiceContext, tx: Db, merchantId: string, reason: string) {
  for (const row of await openChangesOfMerchant(tx, merchantId)) {
    const to = changeLifecycle.next(row.status, 'cancel');
    if (
      !(await moveChange(tx, row.id, row.version, {
        status: to,
        closed_reason: reason,
        updated_at: ctx.clock.now(),
      }))
    ) {
      throw new AppError('CONFLICT', 'a change request of the merchant changed meanwhile; try again');
    }
    await cancelApprovalFor(
      ctx,
      tx,
      { type: changeApprovalType(row.kind), objectType: CHANGE_OBJECT, objectId: row.id, orgId: row.org_id },
      reason,
    );
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.change.cancel',
      objectType: CHANGE_OBJECT,
      objectId: row.id,
      orgId: row.org_id,
      before: { status: row.status },
      after: { status: to, reason },
    });
  }
}

/** Writes the change onto the merchant. Runs in the caller's transaction, the merchant row locked. */
async function applyChange(
  tx: Db,
  row: ChangeRow,
  origin: AuditOrigin,
  now: Date,
  today: string,
  config: ModuleDeps['config'],
) {
  const merchant = await lockMerchant(tx, row.merchant_id);
  if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
  if (merchant.status === 'closed' || merchant.status === 'cancelled') {
    const to = changeLifecycle.next(row.status, 'cancel');
    await moveChange(tx, row.id, row.version, {
      status: to,
      closed_reason: `merchant ${merchant.status} before the change took effect`,
      updated_at: now,
    });
    await recordAudit(tx, origin, {
      action: 'merchant.change.cancel',
      objectType: CHANGE_OBJECT,
      objectId: row.id,
      orgId: row.org_id,
      before: { status: row.status },
      after: { status: to, reason: `merchant ${merchant.status}` },
    });
    return;
  }
  const after = row.after as Record<string, string>;
  let workOrders: string[] = [];
  switch (row.kind) {
    case 'settlement_account':
      await updateMerchantProfile(tx, merchant.id, {
        settlement_account_type: after.accountType as 'corporate' | 'personal',
        settlement_bank_name: after.bankName!,
        settlement_branch_name: after.branchName!,
        settlement_holder_name: after.holderName!,
        account_no_sealed: row.account_no_sealed!,
        account_hash: row.account_hash!,
        account_masked: after.accountNo!,
      });
      break;
    case 'address': {
      await updateMerchantProfile(tx, merchant.id, {
        division_code: after.divisionCode!,
        address_detail: after.detail!,
      });
      // 移机: the terminals now belong at the new address; field engineers move them.
      const installed = await installedTerminalsOf(tx, merchant.id);
      const created = await insertWorkOrders(
        tx,
        'relocation',
        installed.map((t) => ({
          org_id: merchant.org_id,
          merchant_id: merchant.id,
          merchant_label: `${merchant.mid} ${merchant.name}`,
          terminal_model: t.terminal_model,
          serial_no: t.serial_no,
          terminal_id: t.terminal_id,
        })),
        today,
        now,
        config,
      );
      workOrders = created.map((w) => w.no);
      break;
    }
    case 'rate_plan': {
      const rates = row.after as ContractRates;
      await updateMerchantProfile(tx, merchant.id, { rate_plan_id: rates.ratePlanId });
      await insertMerchantRates(tx, {
        org_id: merchant.org_id,
        merchant_id: merchant.id,
        rate_plan_id: rates.ratePlanId,
        rates: JSON.stringify(rates),
        effective_from: row.effective_date,
        source: 'change',
        change_request_id: row.id,
      });
      break;
    }
    case 'limits':
      await updateMerchantProfile(tx, merchant.id, {
        single_limit_minor: BigInt(after.singleLimitMinor!),
        daily_limit_minor: BigInt(after.dailyLimitMinor!),
        monthly_limit_minor: BigInt(after.monthlyLimitMinor!),
      });
      break;
  }
  const to = changeLifecycle.next(row.status, 'apply');
  if (!(await moveChange(tx, row.id, row.version, { status: to, applied_at: now, updated_at: now }))) {
    throw new AppError('CONFLICT', 'the change request changed meanwhile');
  }
  await recordAudit(tx, origin, {
    action: `merchant.change.apply`,
    objectType: 'merchant',
    objectId: merchant.id,
    orgId: merchant.org_id,
    before: { kind: row.kind, values: row.before },
    after: {
      kind: row.kind,
      values: row.after,
      changeRequest: row.no,
      effectiveDate: row.effective_date,
      workOrders,
    },
  });
  await notifyUsers(tx, [row.requested_by], {
    kind: 'merchant.change.applied',
    title: {
      'zh-CN': `${kindNames[row.kind].zh}已生效：${row.merchant_name}`,
      'en-US': `The ${kindNames[row.kind].en} of ${row.merchant_name} took effect`,
    },
    body: { 'zh-CN': `变更申请 ${row.no} 已生效。`, 'en-US': `Change request ${row.no} is in effect.` },
    link: `/merchants/${merchant.id}`,
  });
}

/**
 * The approval's outcome, in the deciding transaction: approved → scheduled, and applied at once if its
 * day has come; rejected or returned → the requester hears why.
 */
function onDecision(deps: ModuleDeps, event: MerchantChangeEvent) {
  return async (tx: Db, request: ApprovedRequest, origin: AuditOrigin) => {
    const row = await findChange(tx, request.objectId);
    if (!row) throw new AppError('NOT_FOUND', 'change request not found');
    const to = changeLifecycle.next(row.status, event);
    const now = deps.clock.now();
    if (
      !(await moveChange(tx, row.id, row.version, {
        status: to,
        decided_at: now,
        updated_at: now,
        ...(event === 'approve' ? {} : { closed_reason: request.comment }),
      }))
    ) {
      throw new AppError('CONFLICT', 'the change request changed meanwhile; reload it');
    }
    await recordAudit(tx, origin, {
      action: `merchant.change.${event}`,
      objectType: CHANGE_OBJECT,
      objectId: row.id,
      orgId: row.org_id,
      before: { status: row.status },
      after: { status: to, approvalId: request.id, comment: request.comment },
    });
    const today = businessDate(now, deps.config.TZ_BUSINESS);
    if (event === 'approve' && row.effective_date <= today) {
      const scheduled = await findChange(tx, row.id);
      if (scheduled) await applyChange(tx, scheduled, origin, now, today, deps.config);
      return;
    }
    if (event !== 'approve') {
      const verb =
        event === 'reject'
          ? { zh: '被驳回', en: 'was rejected' }
          : { zh: '被退回修改', en: 'was returned for correction' };
      await notifyUsers(tx, [row.requested_by], {
        kind: `merchant.change.${event}`,
        title: {
          'zh-CN': `${kindNames[row.kind].zh}${verb.zh}：${row.merchant_name}`,
          'en-US': `The ${kindNames[row.kind].en} of ${row.merchant_name} ${verb.en}`,
        },
        body: { 'zh-CN': request.comment ?? '', 'en-US': request.comment ?? '' },
        link: `/merchants/${row.merchant_id}`,
      });
    }
  };
}

export function registerChangeApprovals(deps: ModuleDeps): void {
  for (const kind of ['settlement_account', 'address', 'rate_plan', 'limits'] as const) {
    registerApprovalHandler(changeApprovalType(kind), {
      onApproved: onDecision(deps, 'approve'),
      onRejected: onDecision(deps, 'reject'),
      onReturned: onDecision(deps, 'return'),
    });
  }
}

/** The job: applies every approved change whose effective date has come, one transaction each. */
export async function applyDueChanges(deps: ModuleDeps): Promise<number> {
  const origin = systemOrigin('merchants.effective-changes');
  let applied = 0;
  for (;;) {
    const now = deps.clock.now();
    const today = businessDate(now, deps.config.TZ_BUSINESS);
    const done = await deps.db.transaction().execute(async (tx) => {
      const [due] = await lockDueChanges(tx, today, 1);
      if (!due) return false;
      const row = await findChange(tx, due.id);
      if (!row) return false;
      await applyChange(tx, row, origin, now, today, deps.config);
      return true;
    });
    if (!done) return applied;
    applied += 1;
  }
}
