import { randomUUID } from 'node:crypto';
import type { Org } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import { findOrg, insertOrg, listOrgs, orgCodeTaken, updateOrg } from './orgs.repo';

type OrgRow = NonNullable<Awaited<ReturnType<typeof findOrg>>>;

export const toOrg = (o: OrgRow): Org => ({
  id: o.id,
  parentId: o.parent_id,
  code: o.code,
  name: o.name,
  kind: o.kind,
  status: o.status,
  createdAt: o.created_at.toISOString(),
});

/** Which kinds of org may sit under which: head office → branch → outlet; agents under a branch. */
const allowedChildren: Record<OrgRow['kind'], OrgRow['kind'][]> = {
  head_office: ['branch'],
  branch: ['outlet', 'agent'],
  outlet: [],
  agent: [],
};

export async function orgTree(ctx: ServiceContext): Promise<Org[]> {
  return (await listOrgs(ctx.db)).map(toOrg);
}

export async function createOrg(
  ctx: ServiceContext,
  input: { parentId: string; code: string; name: string; kind: 'branch' | 'outlet' | 'agent' },
): Promise<Org> {
  return ctx.db.transaction().execute(async (tx) => {
    const parent = await findOrg(tx, input.parentId);
    if (!parent) throw new AppError('NOT_FOUND', 'parent org not found', { parentId: 'not found' });
    if (!allowedChildren[parent.kind].includes(input.kind)) {
      const message = `a ${input.kind} cannot be placed under a ${parent.kind}`;
      throw new AppError('VALIDATION_FAILED', message, { kind: message });
    }
    if (await orgCodeTaken(ctx.system, input.code)) {
      throw new AppError('CONFLICT', `org code ${input.code} is taken`, { code: 'already in use' });
    }
    const id = randomUUID();
    const row = await insertOrg(tx, { id, ...input, path: `${parent.path}${id}/`, depth: parent.depth + 1 });
    const org = toOrg(row);
    await recordAudit(tx, originOf(ctx), {
      action: 'org.create',
      objectType: 'org',
      objectId: id,
      after: org,
    });
    return org;
  });
}

export async function changeOrg(
  ctx: ServiceContext,
  id: string,
  patch: { name?: string | undefined; status?: 'active' | 'closed' | undefined },
) {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findOrg(tx, id);
    if (!before) throw new AppError('NOT_FOUND', 'org not found');
    if (patch.status === 'closed' && before.id === ctx.actor.orgId) {
      throw new AppError('VALIDATION_FAILED', 'you cannot close your own org', { status: 'your own org' });
    }
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const after = Object.keys(clean).length > 0 ? ((await updateOrg(tx, id, clean)) ?? before) : before;
    await recordAudit(tx, originOf(ctx), {
      action: 'org.update',
      objectType: 'org',
      objectId: id,
      before: toOrg(before),
      after: toOrg(after),
    });
    return toOrg(after);
  });
}
