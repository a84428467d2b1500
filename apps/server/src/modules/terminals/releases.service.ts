import { AppError } from '@posops/kernel';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import { type ReleaseEvent, releaseLifecycle } from './campaign.lifecycle';
import { pauseCampaignsOfRelease } from './campaigns.service';
import type { ReleaseKind, ReleaseStatus } from './terminals.schema';
import { refuse } from './upgrade-refusal';

/**
 * 固件/应用版本: the packages a model's terminals can be upgraded to — kind (firmware or the payment app),
 * version, release notes, the package's SHA-256 and size (the terminal checks both before installing),
 * where the terminal host fetches it. Shared by the whole institution like the model catalogue; a draft
 * is edited, a published release is what campaigns roll out, a withdrawn one pauses them.
 */

export interface ReleaseInput {
  modelId: string;
  kind: ReleaseKind;
  version: string;
  notes: string;
  packageSha256: string;
  packageBytes: number;
  packageUrl?: string | null | undefined;
}

const releaseRows = (db: Db) =>
  db
    .selectFrom('terminal_releases as r')
    .innerJoin('terminal_models as tm', 'tm.id', 'r.model_id')
    .select([
      'r.id',
      'r.model_id',
      sql<string>`tm.brand || ' ' || tm.model`.as('model_name'),
      'r.kind',
      'r.version',
      'r.notes',
      'r.package_sha256',
      'r.package_bytes',
      'r.package_url',
      'r.status',
      'r.released_at',
      'r.withdrawn_at',
      'r.withdrawn_reason',
      'r.created_at',
      'r.revision',
    ]);

type ReleaseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof releaseRows>['executeTakeFirst']>>>;

const view = (r: ReleaseRow) => ({
  id: r.id,
  modelId: r.model_id,
  modelName: r.model_name,
  kind: r.kind,
  version: r.version,
  notes: r.notes,
  packageSha256: r.package_sha256,
  packageBytes: Number(r.package_bytes),
  packageUrl: r.package_url,
  status: r.status,
  releasedAt: r.released_at ? r.released_at.toISOString() : null,
  withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null,
  withdrawnReason: r.withdrawn_reason,
  createdAt: r.created_at.toISOString(),
  allowedEvents: releaseLifecycle.allowedEvents(r.status),
});

export type ReleaseView = ReturnType<typeof view>;

export async function listReleases(
  ctx: ServiceContext,
  query: { modelId?: string | undefined; kind?: ReleaseKind | undefined; status?: ReleaseStatus | undefined },
) {
  let q = releaseRows(ctx.db);
  if (query.modelId) q = q.where('r.model_id', '=', query.modelId);
  if (query.kind) q = q.where('r.kind', '=', query.kind);
  if (query.status) q = q.where('r.status', '=', query.status);
  const rows = await q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(500).execute();
  return { items: rows.map(view) };
}

export async function getRelease(ctx: ServiceContext, id: string) {
  const row = await releaseRows(ctx.db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'release not found');
  return view(row);
}

async function checkInput(tx: Db, input: ReleaseInput, exceptId: string | null) {
  const model = await tx
    .selectFrom('terminal_models')
    .select(['id', 'brand', 'model', 'status'])
    .where('id', '=', input.modelId)
    .executeTakeFirst();
  if (!model) throw refuse('modelId', 'no such model', 'no_model');
  const name = `${model.brand} ${model.model}`;
  if (model.status !== 'active') throw refuse('modelId', `${name} is retired`, 'model_retired', { name });
  let same = tx
    .selectFrom('terminal_releases')
    .select('id')
    .where('model_id', '=', input.modelId)
    .where('kind', '=', input.kind)
    .where('version', '=', input.version);
  if (exceptId) same = same.where('id', '<>', exceptId);
  if (await same.executeTakeFirst())
    throw refuse('version', `${name} already has ${input.kind} ${input.version}`, 'version_exists', {
      name,
      version: input.version,
    });
  return name;
}

const duplicate = (input: ReleaseInput) => (error: unknown) => {
  if ((error as { code?: string }).code === '23505')
    throw refuse('version', `this model already has ${input.kind} ${input.version}`, 'version_taken', {
      version: input.version,
    });
  throw error;
};

const columns = (input: ReleaseInput) => ({
  model_id: input.modelId,
  kind: input.kind,
  version: input.version,
  notes: input.notes,
  package_sha256: input.packageSha256,
  package_bytes: BigInt(input.packageBytes),
  package_url: input.packageUrl ?? null,
});

/** A new release, as a draft. */
export async function createRelease(ctx: ServiceContext, input: ReleaseInput) {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const model = await checkInput(tx, input, null);
    const row = await tx
      .insertInto('terminal_releases')
      .values({ ...columns(input), created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch(duplicate(input));
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.release.create',
      objectType: 'terminal_release',
      objectId: row.id,
      orgId: ctx.actor.orgId,
      after: { model, ...input },
    });
    return row.id;
  });
  return getRelease(ctx, id);
}

async function lockRelease(tx: Db, id: string) {
  const row = await tx
    .selectFrom('terminal_releases')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'release not found');
  return row;
}

/** Edits a draft; a published release is what terminals check against, so it never changes. */
export async function updateRelease(ctx: ServiceContext, id: string, input: ReleaseInput) {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await lockRelease(tx, id);
    if (before.status !== 'draft')
      throw new AppError('ILLEGAL_TRANSITION', `release: cannot edit when ${before.status} (only a draft)`);
    const model = await checkInput(tx, input, id);
    await tx
      .updateTable('terminal_releases')
      .set((eb) => ({ ...columns(input), revision: eb('revision', '+', 1) }))
      .where('id', '=', id)
      .execute()
      .catch(duplicate(input));
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.release.update',
      objectType: 'terminal_release',
      objectId: id,
      orgId: ctx.actor.orgId,
      before: {
        version: before.version,
        notes: before.notes,
        packageSha256: before.package_sha256,
        packageBytes: Number(before.package_bytes),
        packageUrl: before.package_url,
      },
      after: { model, ...input },
    });
  });
  return getRelease(ctx, id);
}

/** 发布 (campaigns may use it) or 撤回 (its running campaigns pause; nothing more is offered). */
export async function moveRelease(
  ctx: ServiceContext,
  id: string,
  event: ReleaseEvent,
  reason: string | undefined,
) {
  if (event === 'withdraw' && !reason)
    throw refuse('reason', 'say why the release is withdrawn', 'reason_required');
  await ctx.db.transaction().execute(async (tx) => {
    const before = await lockRelease(tx, id);
    const to = releaseLifecycle.next(before.status, event);
    const now = ctx.clock.now();
    await tx
      .updateTable('terminal_releases')
      .set((eb) => ({
        status: to,
        ...(event === 'publish'
          ? { released_at: now }
          : { withdrawn_at: now, withdrawn_reason: reason ?? null }),
        revision: eb('revision', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    const origin = originOf(ctx);
    await recordAudit(tx, origin, {
      action: `terminal.release.${event}`,
      objectType: 'terminal_release',
      objectId: id,
      orgId: ctx.actor.orgId,
      before: { status: before.status },
      after: { status: to, ...(reason ? { reason } : {}) },
    });
    if (event === 'withdraw') await pauseCampaignsOfRelease(tx, ctx, id, reason ?? '');
  });
  return getRelease(ctx, id);
}
