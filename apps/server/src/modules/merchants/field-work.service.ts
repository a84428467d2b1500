import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import { usersWithPermissionOver } from '../identity';
import { notifyUsers } from '../notifications';
import type { SecurityModule } from '../security';
import { activateTerminal, installTerminal, relocateTerminal, retrieveTerminal } from '../terminals';
import {
  bindWorkOrder,
  checkSiteReport,
  completeWorkOrder,
  findWorkOrder,
  type SiteReportInput,
  saveSiteReport,
} from '../workorders';
import { findMerchant } from './golive.repo';
import { activateIfReady } from './golive.service';
import { addressViewOf } from './merchant-profile';
import { getMerchant } from './merchants.service';

/**
 * Field work at the merchant (现场作业). An installation takes two steps on site: the unit is bound and its
 * TMK loaded (装机绑定与灌密), then — after the test transaction — the merchant signs off and the work order
 * closes (签收). Every other kind closes in one step with its site report.
 */

async function openOrder(tx: Db, workOrderId: string) {
  const order = await findWorkOrder(tx, workOrderId);
  if (!order) throw new AppError('NOT_FOUND', 'work order not found');
  if (order.status !== 'open') {
    throw new AppError('ILLEGAL_TRANSITION', `work order ${order.no}: it is ${order.status}`);
  }
  const merchant = await findMerchant(tx, order.merchant_id);
  if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
  return { order, merchant };
}

const addressOf = (merchant: { division_code: string; address_detail: string }) => {
  const address = addressViewOf(merchant.division_code, merchant.address_detail);
  return [...address.divisionNames, address.detail].join(' ');
};

/**
 * 装机绑定与灌密: the unit with this serial number, in stock, is bound to the merchant (TID, MID, credit
 * code, settlement account, address) and gets its TMK; the clear key goes back once, for the key loader.
 * The work order stays open until the sign-off.
 */
export async function bindInstallation(
  ctx: ServiceContext,
  security: SecurityModule,
  workOrderId: string,
  input: { serialNo: string; latitude?: number | undefined; longitude?: number | undefined },
  preset?: { tid: string; tmkHex: string },
) {
  const { merchantId, keyInjection } = await ctx.db.transaction().execute(async (tx) => {
    const { order, merchant } = await openOrder(tx, workOrderId);
    if (order.kind !== 'install' || order.bound_at) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        order.bound_at
          ? `work order ${order.no}: unit ${order.serial_no} is already bound; the merchant signs off next`
          : `work order ${order.no}: a ${order.kind} binds no unit`,
      );
    }
    if (!['onboarding', 'active'].includes(merchant.status)) {
      throw new AppError('ILLEGAL_TRANSITION', `merchant: cannot install a terminal when ${merchant.status}`);
    }
    const keyInjection = await installTerminal(ctx, tx, security, {
      serialNo: input.serialNo,
      workOrderNo: order.no,
      requestedModel: order.terminal_model,
      merchantId: merchant.id,
      merchantOrgId: merchant.org_id,
      acquirerCode: ctx.config.ACQUIRER_CODE,
      mid: merchant.mid,
      creditCode: merchant.credit_code,
      accountHash: merchant.account_hash,
      accountMasked: merchant.account_masked,
      divisionCode: merchant.division_code,
      address: addressOf(merchant),
      latitude: input.latitude,
      longitude: input.longitude,
      preset,
    });
    const now = ctx.clock.now();
    if (!(await bindWorkOrder(tx, workOrderId, keyInjection.serialNo, keyInjection.terminalId, now))) {
      throw new AppError('CONFLICT', 'the work order changed meanwhile; reload it');
    }
    await recordAudit(tx, originOf(ctx), {
      action: 'workorder.bind',
      objectType: 'work_order',
      objectId: workOrderId,
      orgId: order.org_id,
      before: { serialNo: null },
      after: { serialNo: keyInjection.serialNo, tid: keyInjection.tid, checkValue: keyInjection.checkValue },
    });
    return { merchantId: order.merchant_id, keyInjection };
  });
  return {
    merchant: await getMerchant(ctx, merchantId),
    keyInjection: {
      serialNo: keyInjection.serialNo,
      tid: keyInjection.tid,
      tmk: keyInjection.tmk,
      checkValue: keyInjection.checkValue,
    },
  };
}

/**
 * 完工签收: the site report is checked against what the kind requires, then the work is applied — an
 * installation's unit goes active on its approved test transaction (and the merchant may go live), a
 * relocation (移机) moves the unit's binding to the merchant's current address (the only way a
 * deployment address changes), a retrieval (撤机) brings the unit back to stock, unbound — and the work
 * order closes with its report. Failed inspection items are findings, told to risk.
 */
export async function finishFieldWork(ctx: ServiceContext, workOrderId: string, input: SiteReportInput) {
  const merchantId = await ctx.db.transaction().execute(async (tx) => {
    const { order, merchant } = await openOrder(tx, workOrderId);
    const checked = await checkSiteReport(tx, order, input);
    const needsUnit = ['install', 'relocation', 'retrieval'].includes(order.kind);
    if (needsUnit && !order.terminal_id) {
      throw new AppError('CONFLICT', `work order ${order.no} names no terminal`);
    }
    if (order.kind === 'install' && input.testTransaction?.approved) {
      await activateTerminal(ctx, tx, order.terminal_id!, {
        workOrder: order.no,
        testReference: input.testTransaction.reference,
      });
    }
    if (order.kind === 'relocation') {
      await relocateTerminal(ctx, tx, {
        terminalId: order.terminal_id!,
        merchantId: merchant.id,
        workOrderNo: order.no,
        divisionCode: merchant.division_code,
        address: addressOf(merchant),
        latitude: input.latitude,
        longitude: input.longitude,
      });
    }
    if (order.kind === 'retrieval') await retrieveTerminal(ctx, tx, order.terminal_id!, order.no);
    const now = ctx.clock.now();
    const closed = await completeWorkOrder(
      tx,
      workOrderId,
      order.serial_no ?? '',
      order.terminal_id,
      ctx.actor.userId,
      now,
    );
    if (!closed) throw new AppError('CONFLICT', 'the work order changed meanwhile; reload it');
    await saveSiteReport(tx, order, input, checked, ctx.actor.userId, now);
    await recordAudit(tx, originOf(ctx), {
      action: 'workorder.complete',
      objectType: 'work_order',
      objectId: workOrderId,
      orgId: order.org_id,
      before: { status: order.status },
      after: {
        status: 'completed',
        kind: order.kind,
        result: input.result,
        failedItems: checked.failed.map((f) => f.item),
        photos: checked.photoCount,
        testTransaction: input.testTransaction ?? null,
        signedBy: input.signOff.signerName,
      },
    });
    if (order.kind === 'inspection' && checked.failed.length > 0) {
      await notifyUsers(
        tx,
        await usersWithPermissionOver(ctx.system, order.org_id, 'merchant.manageStatus'),
        {
          kind: 'workorder.findings',
          title: {
            'zh-CN': `巡检发现问题：${order.merchant_label}`,
            'en-US': `Inspection findings: ${order.merchant_label}`,
          },
          body: {
            'zh-CN': `工单 ${order.no}：${checked.failed.length} 项未通过`,
            'en-US': `Work order ${order.no}: ${checked.failed.length} item(s) failed`,
          },
          link: `/merchants/${order.merchant_id}`,
        },
      );
    }
    if (order.kind === 'install') await activateIfReady(ctx, tx, order.merchant_id);
    return order.merchant_id;
  });
  return getMerchant(ctx, merchantId);
}
