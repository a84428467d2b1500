import type { ApprovalChain } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import { type ChainStep, chainSteps } from './approval.chains';
import { knownRoleCodes, listChainRows, lockChain, setChainSteps } from './approvals.repo';

const toChain = (row: {
  type: string;
  name: string;
  name_en: string;
  steps: unknown;
  updated_at: Date;
}): ApprovalChain => ({
  type: row.type,
  name: row.name,
  nameEn: row.name_en,
  steps: chainSteps.parse(row.steps),
  updatedAt: row.updated_at.toISOString(),
});

export async function listChains(ctx: ServiceContext): Promise<ApprovalChain[]> {
  const rows = await listChainRows(ctx.db);
  return rows.map(toChain);
}

/**
 * Reconfigures who approves a request type. Only the head office does it; every role named must exist.
 * Requests already open keep the steps they were submitted with.
 */
export async function updateChain(
  ctx: ServiceContext,
  type: string,
  steps: ChainStep[],
): Promise<ApprovalChain> {
  if (ctx.actor.orgPath.split('/').filter(Boolean).length !== 1) {
    throw new AppError('FORBIDDEN', 'approval chains are configured by the head office');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const before = await lockChain(tx, type);
    if (!before) throw new AppError('NOT_FOUND', `no approval chain ${type}`);
    const known = await knownRoleCodes(tx);
    steps.forEach((step, i) => {
      if (!known.has(step.roleCode)) {
        throw new AppError('VALIDATION_FAILED', `step ${i + 1}: unknown role ${step.roleCode}`, {
          [`steps.${i}.roleCode`]: 'unknown role',
        });
      }
    });
    const after = await setChainSteps(tx, type, steps, ctx.clock.now());
    await recordAudit(tx, originOf(ctx), {
      action: 'approval.chain.update',
      objectType: 'approval_chain',
      objectId: type,
      before: { steps: before.steps },
      after: { steps },
    });
    return toChain(after);
  });
}
