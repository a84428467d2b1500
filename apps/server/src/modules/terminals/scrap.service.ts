import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import { type ApprovedRequest, registerApprovalHandler, submitApproval } from '../approvals';
import type { AuditOrigin } from '../audit';
import { applyMove, getTerminal } from './terminals.service';

/**
 * 报废: a retired unit is scrapped only by approval; on approval it leaves the asset register as
 * scrapped (资产核销), its history saying who approved and why.
 */
export const SCRAP_APPROVAL = 'terminal.scrap';

export async function requestScrap(ctx: ServiceContext, terminalId: string, reason: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const unit = await tx
      .selectFrom('terminals as t')
      .innerJoin('terminal_models as tm', 'tm.id', 't.model_id')
      .select(['t.id', 't.serial_no', 't.status', 't.org_id', 'tm.brand', 'tm.model', 'tm.unit_price_minor'])
      .where('t.id', '=', terminalId)
      .forUpdate()
      .executeTakeFirst();
    if (!unit) throw new AppError('NOT_FOUND', 'terminal not found');
    if (unit.status !== 'retired')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `terminal: cannot request scrapping when ${unit.status} (retire it first)`,
      );
    await submitApproval(ctx, tx, {
      type: SCRAP_APPROVAL,
      title: `${unit.serial_no} · ${unit.brand} ${unit.model}`,
      orgId: unit.org_id,
      objectType: 'terminal',
      objectId: unit.id,
      payload: { serialNo: unit.serial_no, model: `${unit.brand} ${unit.model}`, reason },
      amountMinor: unit.unit_price_minor,
    });
  });
  return getTerminal(ctx, terminalId);
}

async function onApproved(tx: Db, request: ApprovedRequest, origin: AuditOrigin) {
  const unit = await tx
    .selectFrom('terminals')
    .selectAll()
    .where('id', '=', request.objectId)
    .forUpdate()
    .executeTakeFirst();
  if (!unit) throw new AppError('NOT_FOUND', 'terminal not found');
  const payload = request.payload as { reason: string };
  await applyMove(tx, origin, unit, 'scrap', {
    approval: request.id,
    reason: payload.reason,
    writtenOff: true,
  });
}

export function registerTerminalApprovals(): void {
  registerApprovalHandler(SCRAP_APPROVAL, { onApproved });
}
