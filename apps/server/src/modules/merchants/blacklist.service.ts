import { AppError } from '@posops/kernel';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import {
  type BlacklistKind,
  deactivateBlacklistEntry,
  insertBlacklistEntry,
  listBlacklist,
} from './blacklist.repo';
import { hashOf, maskOf, normalise } from './personal-numbers';

const toView = (e: {
  id: string;
  kind: BlacklistKind;
  value_masked: string;
  reason: string;
  source: string;
  created_at: Date;
}) => ({
  id: e.id,
  kind: e.kind,
  valueMasked: e.value_masked,
  reason: e.reason,
  source: e.source,
  createdAt: e.created_at.toISOString(),
});

/** 黑名单: kept as keyed hashes with a masked copy for people; the clear value is never stored. */
export async function addToBlacklist(
  ctx: ServiceContext,
  input: { kind: BlacklistKind; value: string; reason: string },
) {
  const value = normalise(input.kind, input.value);
  if (!value) throw new AppError('VALIDATION_FAILED', 'value is empty', { value: 'required' });
  return ctx.db.transaction().execute(async (tx) => {
    const entry = await insertBlacklistEntry(tx, {
      kind: input.kind,
      value_hash: hashOf(ctx.config.SECRET_KEY, input.kind, value),
      value_masked: maskOf(input.kind, value),
      reason: input.reason,
      created_by: ctx.actor.userId,
    });
    if (!entry) throw new AppError('CONFLICT', 'already on the blacklist', { value: 'already listed' });
    await recordAudit(tx, originOf(ctx), {
      action: 'blacklist.add',
      objectType: 'blacklist_entry',
      objectId: entry.id,
      after: { kind: entry.kind, value: entry.value_masked, reason: entry.reason },
    });
    return toView(entry);
  });
}

export async function removeFromBlacklist(ctx: ServiceContext, id: string, reason: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const entry = await deactivateBlacklistEntry(tx, id, ctx.clock.now());
    if (!entry) throw new AppError('NOT_FOUND', 'blacklist entry not found');
    await recordAudit(tx, originOf(ctx), {
      action: 'blacklist.remove',
      objectType: 'blacklist_entry',
      objectId: id,
      before: { kind: entry.kind, value: entry.value_masked, reason: entry.reason },
      after: { removedBecause: reason },
    });
  });
}

export async function blacklist(
  ctx: ServiceContext,
  query: { kind?: BlacklistKind | undefined; cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(query.cursor, ['uuid']);
  const rows = await listBlacklist(ctx.db, query.kind, after ? String(after[0]) : null, query.limit);
  const page = pageFrom(rows, query.limit, (r) => [r.id]);
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}
