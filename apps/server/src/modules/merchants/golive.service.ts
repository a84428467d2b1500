import { type ApplicationForm, applicationForm } from '@posops/contracts';
import { AppError, businessDate } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import { runWorkflow, WorkflowFailed, type WorkflowStep } from '../../platform/workflow';
import { type AuditOrigin, originOf, recordAudit } from '../audit';
import { createPortalLogin, removePortalLogin } from '../identity';
import { deleteWorkOrders, insertWorkOrders } from '../workorders';
import { applicationLifecycle } from './application.lifecycle';
import {
  appendApplicationEvent,
  findApplication,
  latestAssessment,
  moveApplication,
} from './applications.repo';
import { loadOrThrow, reveal } from './applications.service';
import { findContractOfApplication } from './contract.repo';
import {
  activationReadiness,
  deleteMerchant,
  findMerchant,
  insertMerchant,
  merchantOfApplication,
  moveMerchant,
  nextMid,
} from './golive.repo';
import { merchantLifecycle } from './merchant.lifecycle';
import { insertMerchantRates, settlementColumns } from './merchant-profile';

/** What the go-live steps share: who acts, and the contracted application with its assessment. */
export interface GoLiveContext {
  ctx: ServiceContext;
  origin: AuditOrigin;
  application: { id: string; orgId: string; no: string; form: ApplicationForm };
  /** Demo only: the MID the protocol page fixes for its demo chain store, instead of the next one. */
  presetMid?: string | undefined;
  assessment: {
    grade: 'A' | 'B' | 'C' | 'D';
    single: bigint;
    daily: bigint;
    monthly: bigint;
    inspectionMonths: number;
  };
}

interface MerchantCreated {
  id: string;
  mid: string;
}

/** 开通, as one explicit workflow across modules; each step undoes itself if a later one fails. */
export const goLiveSteps: WorkflowStep<GoLiveContext, unknown>[] = [
  {
    name: 'merchant',
    async run({ ctx, origin, application, assessment, presetMid }) {
      return ctx.db.transaction().execute(async (tx) => {
        const existing = await merchantOfApplication(tx, application.id);
        if (existing)
          throw new AppError('CONFLICT', `application ${application.no} is already merchant ${existing.mid}`);
        const f = application.form;
        const contract = await findContractOfApplication(tx, application.id);
        if (contract?.status !== 'signed')
          throw new AppError('CONFLICT', `application ${application.no} has no signed contract`);
        const mid =
          presetMid ??
          (await nextMid(
            tx,
            ctx.config.ACQUIRER_CODE,
            f.business.address.divisionCode.slice(0, 4),
            f.business.mcc,
          ));
        const merchant = await insertMerchant(tx, {
          org_id: application.orgId,
          application_id: application.id,
          mid,
          name: f.business.name,
          short_name: f.business.shortName,
          mcc: f.business.mcc,
          credit_code: f.licence.creditCode,
          risk_grade: assessment.grade,
          single_limit_minor: assessment.single,
          daily_limit_minor: assessment.daily,
          monthly_limit_minor: assessment.monthly,
          inspection_months: assessment.inspectionMonths,
          division_code: f.business.address.divisionCode,
          address_detail: f.business.address.detail,
          ...settlementColumns(ctx.config.SECRET_KEY, f.settlement),
          rate_plan_id: contract.rate_plan_id,
          sales_rep_id: f.attribution.salesRepId ?? null,
          agent_org_id: f.attribution.agentOrgId ?? null,
        });
        await insertMerchantRates(tx, {
          org_id: application.orgId,
          merchant_id: merchant.id,
          rate_plan_id: contract.rate_plan_id,
          rates: JSON.stringify(contract.rates),
          effective_from: contract.effective_date,
          source: 'contract',
          change_request_id: null,
        });
        await recordAudit(tx, origin, {
          action: 'merchant.create',
          objectType: 'merchant',
          objectId: merchant.id,
          orgId: application.orgId,
          after: { mid, application: application.no },
        });
        return merchant satisfies MerchantCreated;
      });
    },
    async compensate({ ctx, origin, application }, result) {
      const merchant = result as MerchantCreated;
      await ctx.db.transaction().execute(async (tx) => {
        await deleteMerchant(tx, merchant.id);
        await recordAudit(tx, origin, {
          action: 'merchant.remove',
          objectType: 'merchant',
          objectId: merchant.id,
          orgId: application.orgId,
          before: { mid: merchant.mid },
          after: { reason: 'go-live undone' },
        });
      });
    },
  },
  {
    name: 'install_work_orders',
    async run({ ctx, origin, application }, done) {
      const merchant = done.merchant as MerchantCreated;
      return ctx.db.transaction().execute(async (tx) => {
        const orders = application.form.terminals.flatMap((t) =>
          Array.from({ length: t.count }, () => ({
            org_id: application.orgId,
            merchant_id: merchant.id,
            merchant_label: `${merchant.mid} ${application.form.business.name}`,
            terminal_model: t.model,
          })),
        );
        const created = await insertWorkOrders(
          tx,
          'install',
          orders,
          businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS),
          ctx.clock.now(),
          ctx.config,
        );
        await recordAudit(tx, origin, {
          action: 'workorder.create',
          objectType: 'merchant',
          objectId: merchant.id,
          orgId: application.orgId,
          after: { kind: 'install', workOrders: created.map((w) => w.no) },
        });
        return created;
      });
    },
    async compensate({ ctx, origin, application }, result) {
      const orders = result as { id: string; no: string }[];
      await ctx.db.transaction().execute(async (tx) => {
        await deleteWorkOrders(
          tx,
          orders.map((o) => o.id),
        );
        await recordAudit(tx, origin, {
          action: 'workorder.remove',
          objectType: 'work_order',
          objectId: null,
          orgId: application.orgId,
          before: { workOrders: orders.map((o) => o.no) },
          after: { reason: 'go-live undone' },
        });
      });
    },
  },
  {
    name: 'portal_login',
    async run({ ctx, origin, application }, done) {
      const merchant = done.merchant as MerchantCreated;
      return ctx.db.transaction().execute((tx) =>
        createPortalLogin(tx, origin, {
          id: merchant.id,
          mid: merchant.mid,
          name: application.form.business.name,
          orgId: application.orgId,
        }),
      );
    },
    async compensate({ ctx, origin, application }, result) {
      const login = result as { userId: string };
      await ctx.db
        .transaction()
        .execute((tx) => removePortalLogin(tx, origin, login.userId, application.orgId));
    },
  },
];

/**
 * Starts go-live for a contracted application: MID, merchant record, installation work orders, portal
 * login. The merchant becomes active later, once a terminal is installed and the training is recorded.
 */
export async function startGoLive(
  ctx: ServiceContext,
  applicationId: string,
  steps = goLiveSteps,
  options: { presetMid?: string } = {},
) {
  const row = await loadOrThrow(ctx.db, applicationId);
  if (row.status !== 'contracted')
    throw new AppError('ILLEGAL_TRANSITION', `merchant application: cannot go live when ${row.status}`);
  const assessment = await latestAssessment(ctx.db, applicationId);
  if (!assessment) throw new AppError('CONFLICT', 'the application has no risk assessment');
  const context: GoLiveContext = {
    ctx,
    origin: originOf(ctx),
    application: { id: row.id, orgId: row.org_id, no: row.no, form: applicationForm.parse(reveal(ctx, row)) },
    assessment: {
      grade: assessment.grade,
      single: assessment.single_limit_minor,
      daily: assessment.daily_limit_minor,
      monthly: assessment.monthly_limit_minor,
      inspectionMonths: assessment.inspection_months,
    },
    ...(options.presetMid ? { presetMid: options.presetMid } : {}),
  };
  try {
    const done = await runWorkflow(ctx.system, 'merchant.go-live', applicationId, context, steps);
    const merchant = done.merchant as MerchantCreated;
    const login = done.portal_login as { username: string; initialPassword: string };
    return {
      merchantId: merchant.id,
      mid: merchant.mid,
      workOrders: (done.install_work_orders as { id: string; no: string }[]).map((w) => w.no),
      portalLogin: { username: login.username, initialPassword: login.initialPassword },
    };
  } catch (error) {
    if (error instanceof WorkflowFailed) {
      if (error.cause instanceof AppError) throw error.cause;
      throw new AppError(
        'CONFLICT',
        `${error.message}: ${String((error.cause as Error)?.message ?? error.cause)}`,
      );
    }
    throw error;
  }
}

/**
 * 投入使用: the merchant goes active, and its application with it, once at least one terminal is installed
 * and the training is recorded. Called after each of those; does nothing until both hold.
 */
export async function activateIfReady(ctx: ServiceContext, tx: Db, merchantId: string): Promise<boolean> {
  const merchant = await findMerchant(tx, merchantId);
  if (merchant?.status !== 'onboarding') return false;
  const ready = await activationReadiness(tx, merchantId);
  if (ready.installed === 0 || ready.trainings === 0) return false;
  const now = ctx.clock.now();
  // The merchant's own state machine moves it; activation is its onboarding → active transition.
  const to = merchantLifecycle.next(merchant.status, 'activate');
  if (!(await moveMerchant(tx, merchantId, merchant.status, merchant.version, to, now))) return false;
  const application = await findApplication(tx, merchant.application_id);
  if (application) {
    const to = applicationLifecycle.next(application.status as 'contracted', 'activate');
    await moveApplication(tx, application.id, application.status, application.version, {
      status: to,
      updated_at: now,
    });
    await appendApplicationEvent(tx, {
      application_id: application.id,
      actor_id: ctx.actor.userId,
      actor_name: ctx.actor.displayName,
      event: 'activate',
      from_status: application.status,
      to_status: to,
      comment: `MID ${merchant.mid}`,
    });
  }
  await recordAudit(tx, originOf(ctx), {
    action: 'merchant.activate',
    objectType: 'merchant',
    objectId: merchantId,
    orgId: merchant.org_id,
    before: { status: 'onboarding' },
    after: { status: 'active', installed: ready.installed, trainings: ready.trainings },
  });
  return true;
}
