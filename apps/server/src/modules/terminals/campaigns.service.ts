import { AppError, businessDate } from '@posops/kernel';
import { sql, type Updateable } from 'kysely';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { type AuditOrigin, originOf, recordAudit } from '../audit';
import { usersWithPermissionOver } from '../identity';
import { businessHoursOf } from '../merchants';
import { notifyUsers } from '../notifications';
import { type CampaignEvent, type CampaignGuardContext, campaignLifecycle } from './campaign.lifecycle';
import { type HealthReading, readHealth } from './campaign-health';
import {
  countTargets,
  insertTargets,
  noWindowSql,
  type Targeting,
  versionsInFleet,
} from './campaign-targets';
import { maintenanceWindow } from './maintenance-window';
import type {
  CampaignState,
  PauseReason,
  TargetStage,
  TargetStatus,
  TerminalCampaignsTable,
} from './terminals.schema';
import { refuse } from './upgrade-refusal';

/**
 * 升级任务: a published release rolled out to the terminals of its model in an org subtree (optionally
 * only those at given versions), canary first. Moves follow `campaignLifecycle`; every move is audited
 * and a pause notifies the creator and the org's terminal managers. Terminals are offered the release by
 * the internal endpoint (upgrade-offer.service.ts) and counted upgraded when a heartbeat reports it.
 */

export interface CampaignInput {
  name?: string | undefined;
  releaseId: string;
  orgId: string;
  fromVersions: string[];
  canaryPercent: number;
}

const campaignRows = (db: Db) =>
  db
    .selectFrom('terminal_campaigns as c')
    .innerJoin('terminal_releases as r', 'r.id', 'c.release_id')
    .innerJoin('terminal_models as tm', 'tm.id', 'r.model_id')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select([
      'c.id',
      'c.no',
      'c.name',
      'c.org_id',
      'o.name as org_name',
      'c.release_id',
      'r.model_id',
      sql<string>`tm.brand || ' ' || tm.model`.as('model_name'),
      'r.kind',
      'r.version',
      'r.status as release_status',
      'c.from_versions',
      'c.canary_percent',
      'c.state',
      'c.targets',
      'c.canary_targets',
      'c.created_by',
      'c.created_at',
      'c.started_at',
      'c.canary_passed_at',
      'c.finished_at',
      'c.paused_at',
      'c.paused_by',
      'c.pause_reason',
      'c.pause_note',
      'c.pause_detail',
    ]);

type CampaignRow = NonNullable<Awaited<ReturnType<ReturnType<typeof campaignRows>['executeTakeFirst']>>>;

export type StageCounts = Record<TargetStatus, number> & { total: number };

const emptyCounts = (): StageCounts => ({
  total: 0,
  pending: 0,
  scheduled: 0,
  upgraded: 0,
  failed: 0,
  skipped: 0,
});

/** Target rows by stage and status, for each campaign. */
async function stageCounts(db: Db, campaignIds: readonly string[]) {
  const out = new Map<string, Record<TargetStage, StageCounts>>(
    campaignIds.map((id) => [id, { canary: emptyCounts(), rollout: emptyCounts() }]),
  );
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('terminal_campaign_targets')
    .select(['campaign_id', 'stage', 'status', sql<number>`count(*)::int`.as('units')])
    .where('campaign_id', 'in', campaignIds)
    .groupBy(['campaign_id', 'stage', 'status'])
    .execute();
  for (const r of rows) {
    const stage = out.get(r.campaign_id)?.[r.stage];
    if (!stage) continue;
    stage[r.status] += r.units;
    stage.total += r.units;
  }
  return out;
}

function guardContext(
  row: Pick<CampaignRow, 'state' | 'release_status' | 'targets' | 'canary_targets'>,
  counts: Record<TargetStage, StageCounts>,
): CampaignGuardContext {
  return {
    releasePublished: row.release_status === 'published',
    // A draft's targets are counted when it starts; until then the start is offered.
    targets: row.state === 'draft' ? 1 : row.targets,
    canaryTargets: row.canary_targets,
    canaryUpgraded: counts.canary.upgraded,
  };
}

const view = (r: CampaignRow, counts: Record<TargetStage, StageCounts>) => ({
  id: r.id,
  no: r.no,
  name: r.name,
  orgId: r.org_id,
  orgName: r.org_name,
  releaseId: r.release_id,
  modelId: r.model_id,
  modelName: r.model_name,
  kind: r.kind,
  version: r.version,
  releaseStatus: r.release_status,
  fromVersions: r.from_versions,
  canaryPercent: r.canary_percent,
  state: r.state,
  targets: r.targets,
  canaryTargets: r.canary_targets,
  progress: {
    canary: counts.canary,
    rollout: counts.rollout,
    upgraded: counts.canary.upgraded + counts.rollout.upgraded,
  },
  createdAt: r.created_at.toISOString(),
  startedAt: r.started_at?.toISOString() ?? null,
  canaryPassedAt: r.canary_passed_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
  pause: r.paused_at
    ? {
        at: r.paused_at.toISOString(),
        reason: r.pause_reason!,
        note: r.pause_note,
        detail: (r.pause_detail ?? null) as HealthReading | null,
        automatic: r.paused_by === null,
      }
    : null,
  allowedEvents: campaignLifecycle.allowedEvents(r.state, guardContext(r, counts)),
});

export type CampaignView = ReturnType<typeof view>;

export async function listCampaigns(
  ctx: ServiceContext,
  query: { state?: CampaignState | undefined; limit: number },
) {
  let q = campaignRows(ctx.db);
  if (query.state) q = q.where('c.state', '=', query.state);
  const rows = await q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(query.limit).execute();
  const counts = await stageCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => view(r, counts.get(r.id)!)) };
}

const targetingOf = (
  r: Pick<CampaignRow, 'model_id' | 'kind' | 'version' | 'org_id' | 'from_versions'>,
): Targeting => ({
  modelId: r.model_id,
  kind: r.kind,
  version: r.version,
  orgId: r.org_id,
  fromVersions: r.from_versions,
});

/** A campaign with its progress, its health readings and, for a draft, what it would take now. */
export async function getCampaign(ctx: ServiceContext, id: string) {
  const row = await campaignRows(ctx.db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'campaign not found');
  const counts = (await stageCounts(ctx.db, [id])).get(id)!;
  const margin = ctx.config.CAMPAIGN_WINDOW_MARGIN_MINUTES;
  const health = (await readHealth(ctx.db, [id], ctx.config)).get(id) ?? [];
  const waiting = await ctx.db
    .selectFrom('terminal_campaign_targets as ct')
    .innerJoin('terminals as t', 't.id', 'ct.terminal_id')
    .leftJoin('merchants as m', 'm.id', 't.merchant_id')
    .select(sql<number>`count(*) FILTER (WHERE ${noWindowSql(margin)})::int`.as('no_window'))
    .where('ct.campaign_id', '=', id)
    .where('ct.status', 'in', ['pending', 'scheduled'])
    .executeTakeFirstOrThrow();
  const preview =
    row.state === 'draft' ? await countTargets(ctx.db, targetingOf(row), row.canary_percent, margin) : null;
  return { ...view(row, counts), health, noWindow: waiting.no_window, preview };
}

/** 目标预览: what a campaign with this targeting would take now, and the versions its model's units run. */
export async function previewCampaign(
  ctx: ServiceContext,
  input: Omit<CampaignInput, 'name'>,
): Promise<{
  targets: number;
  canary: number;
  noWindow: number;
  versions: { version: string | null; units: number; isTarget: boolean }[];
}> {
  const release = await publishedRelease(ctx.db, input.releaseId);
  await visibleOrg(ctx.db, input.orgId);
  const targeting: Targeting = {
    modelId: release.model_id,
    kind: release.kind,
    version: release.version,
    orgId: input.orgId,
    fromVersions: input.fromVersions,
  };
  const counts = await countTargets(
    ctx.db,
    targeting,
    input.canaryPercent,
    ctx.config.CAMPAIGN_WINDOW_MARGIN_MINUTES,
  );
  return { ...counts, versions: await versionsInFleet(ctx.db, targeting) };
}

async function publishedRelease(db: Db, id: string) {
  const release = await db
    .selectFrom('terminal_releases')
    .select(['id', 'model_id', 'kind', 'version', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!release) throw refuse('releaseId', 'no such release', 'no_release');
  if (release.status !== 'published')
    throw refuse(
      'releaseId',
      `release ${release.version} is ${release.status}, not published`,
      'release_not_published',
      {
        version: release.version,
      },
    );
  return release;
}

async function visibleOrg(db: Db, id: string) {
  const org = await db.selectFrom('orgs').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!org) throw refuse('orgId', 'no such organisation in your scope', 'no_org');
  return org;
}

async function nextNo(db: Db, at: Date, timeZone: string) {
  const { rows } = await sql<{ n: bigint }>`SELECT nextval('terminal_campaign_no') AS n`.execute(db);
  return `SJ${businessDate(at, timeZone).replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
}

/** 新建升级任务, as a draft: nothing is offered before it starts. */
export async function createCampaign(ctx: ServiceContext, input: CampaignInput) {
  const fromVersions = [...new Set(input.fromVersions)];
  const id = await ctx.db.transaction().execute(async (tx) => {
    const release = await publishedRelease(tx, input.releaseId);
    const org = await visibleOrg(tx, input.orgId);
    if (fromVersions.includes(release.version))
      throw refuse(
        'fromVersions',
        `${release.version} is the version the campaign installs`,
        'from_is_target',
        { version: release.version },
      );
    const model = await tx
      .selectFrom('terminal_models')
      .select(['brand', 'model'])
      .where('id', '=', release.model_id)
      .executeTakeFirstOrThrow();
    const kindName = release.kind === 'firmware' ? '固件' : '应用';
    const name = input.name?.trim() || `${model.brand} ${model.model} ${kindName} ${release.version}`;
    const no = await nextNo(tx, ctx.clock.now(), ctx.config.TZ_BUSINESS);
    const row = await tx
      .insertInto('terminal_campaigns')
      .values({
        no,
        org_id: org.id,
        release_id: release.id,
        name,
        from_versions: fromVersions,
        canary_percent: input.canaryPercent,
        state: 'draft',
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.campaign.create',
      objectType: 'terminal_campaign',
      objectId: row.id,
      orgId: org.id,
      after: {
        no,
        name,
        release: `${model.brand} ${model.model} ${release.kind} ${release.version}`,
        org: org.name,
        fromVersions,
        canaryPercent: input.canaryPercent,
      },
    });
    return row.id;
  });
  return getCampaign(ctx, id);
}

export function lockCampaign(tx: Db, id: string) {
  return tx.selectFrom('terminal_campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface MoveOptions {
  now: Date;
  config: AppConfig;
  /** Why (a person's words): required to pause and to cancel by hand. */
  note?: string | undefined;
  /** What paused it, when not a person. */
  pauseReason?: PauseReason | undefined;
  pauseDetail?: HealthReading | undefined;
}

/**
 * One move of a locked campaign, by a person or by the job (origin without actor): the state machine
 * decides, the side effects follow — target rows at the start, the waiting rows skipped at the end —,
 * the audit row and, for a pause, the notifications.
 */
export async function applyCampaignMove(
  tx: Db,
  origin: AuditOrigin,
  campaign: NonNullable<Awaited<ReturnType<typeof lockCampaign>>>,
  event: CampaignEvent,
  options: MoveOptions,
): Promise<CampaignState> {
  const release = await tx
    .selectFrom('terminal_releases as r')
    .innerJoin('terminal_models as tm', 'tm.id', 'r.model_id')
    .select(['r.id', 'r.model_id', 'r.kind', 'r.version', 'r.status', 'tm.brand', 'tm.model'])
    .where('r.id', '=', campaign.release_id)
    .executeTakeFirstOrThrow();
  const counts = (await stageCounts(tx, [campaign.id])).get(campaign.id)!;
  const context: CampaignGuardContext = {
    releasePublished: release.status === 'published',
    targets: campaign.targets,
    canaryTargets: campaign.canary_targets,
    canaryUpgraded: counts.canary.upgraded,
  };
  const changes: Updateable<TerminalCampaignsTable> = {};
  const margin = options.config.CAMPAIGN_WINDOW_MARGIN_MINUTES;
  if (event === 'start' && campaign.state === 'draft' && context.releasePublished) {
    const written = await insertTargets(
      tx,
      campaign.id,
      {
        modelId: release.model_id,
        kind: release.kind,
        version: release.version,
        orgId: campaign.org_id,
        fromVersions: campaign.from_versions,
      },
      campaign.canary_percent,
      margin,
    );
    context.targets = written.targets;
    context.canaryTargets = written.canary;
    Object.assign(changes, {
      targets: written.targets,
      canary_targets: written.canary,
      started_at: options.now,
    });
  }
  const to = campaignLifecycle.next(campaign.state, event, context);
  if (event === 'pause')
    Object.assign(changes, {
      paused_at: options.now,
      paused_by: origin.actorId,
      pause_reason: options.pauseReason ?? 'manual',
      pause_note: options.note ?? null,
      pause_detail: options.pauseDetail ? JSON.stringify(options.pauseDetail) : null,
    });
  const leavesPause = campaign.state === 'canary_paused' || campaign.state === 'rolling_paused';
  if (leavesPause)
    Object.assign(changes, {
      paused_at: null,
      paused_by: null,
      pause_reason: null,
      pause_note: null,
      pause_detail: null,
    });
  if (event === 'advance') changes.canary_passed_at = options.now;
  let skipped = 0;
  if (event === 'complete' || event === 'cancel') {
    changes.finished_at = options.now;
    const result = await tx
      .updateTable('terminal_campaign_targets')
      .set({ status: 'skipped' })
      .where('campaign_id', '=', campaign.id)
      .where('status', 'in', ['pending', 'scheduled'])
      .executeTakeFirst();
    skipped = Number(result.numUpdatedRows);
  }
  const updated = await tx
    .updateTable('terminal_campaigns')
    .set((eb) => ({ ...changes, state: to, version: eb('version', '+', 1) }))
    .where('id', '=', campaign.id)
    .where('version', '=', campaign.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError('CONFLICT', 'the campaign changed meanwhile; reload it');
  await recordAudit(tx, origin, {
    action: `terminal.campaign.${event}`,
    objectType: 'terminal_campaign',
    objectId: campaign.id,
    orgId: campaign.org_id,
    before: { state: campaign.state },
    after: {
      state: to,
      ...(options.note ? { reason: options.note } : {}),
      ...(event === 'pause' ? { pauseReason: options.pauseReason ?? 'manual' } : {}),
      ...(options.pauseDetail ? { health: options.pauseDetail } : {}),
      ...(event === 'start' ? { targets: context.targets, canary: context.canaryTargets } : {}),
      ...(skipped > 0 ? { skipped } : {}),
    },
  });
  if (event === 'pause') {
    const name = `${release.brand} ${release.model} ${release.version}`;
    await notifyPause(tx, campaign, name, origin, options);
  }
  return to;
}

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

async function notifyPause(
  tx: Db,
  campaign: { id: string; no: string; name: string; org_id: string; created_by: string },
  releaseName: string,
  origin: AuditOrigin,
  options: MoveOptions,
) {
  const managers = await usersWithPermissionOver(tx, campaign.org_id, 'terminal.manage');
  const recipients = [campaign.created_by, ...managers].filter((id) => id !== origin.actorId);
  const d = options.pauseDetail;
  const reason = options.pauseReason ?? 'manual';
  const body =
    reason === 'offline_rate' || reason === 'decline_rate'
      ? {
          'zh-CN': `${reason === 'offline_rate' ? '离线率' : '拒绝率'}：已升级 ${percent(d?.upgradedRate ?? null)}，未升级 ${percent(d?.baselineRate ?? null)}（允许高出 ${percent(d?.threshold ?? null)}）`,
          'en-US': `${reason === 'offline_rate' ? 'Offline' : 'Decline'} rate: ${percent(d?.upgradedRate ?? null)} upgraded vs ${percent(d?.baselineRate ?? null)} not yet upgraded (${percent(d?.threshold ?? null)} allowed)`,
        }
      : reason === 'release_withdrawn'
        ? {
            'zh-CN': `版本已撤回：${options.note ?? ''}`,
            'en-US': `Release withdrawn: ${options.note ?? ''}`,
          }
        : {
            'zh-CN': `${origin.actorName} 手动暂停：${options.note ?? ''}`,
            'en-US': `Paused by ${origin.actorName}: ${options.note ?? ''}`,
          };
  await notifyUsers(tx, recipients, {
    kind: 'terminal.campaign.paused',
    title: {
      'zh-CN': `升级任务已暂停：${campaign.no} ${releaseName}`,
      'en-US': `Upgrade campaign paused: ${campaign.no} ${releaseName}`,
    },
    body,
    link: `/terminals/upgrades?campaign=${campaign.id}`,
  });
}

/** A person's move: start, pause, resume, advance (灰度通过), complete or cancel. */
export async function moveCampaign(
  ctx: ServiceContext,
  id: string,
  event: CampaignEvent,
  note: string | undefined,
) {
  if ((event === 'pause' || event === 'cancel') && !note)
    throw refuse(
      'reason',
      `say why the campaign is ${event === 'pause' ? 'paused' : 'cancelled'}`,
      'reason_required',
    );
  await ctx.db.transaction().execute(async (tx) => {
    const campaign = await lockCampaign(tx, id);
    if (!campaign) throw new AppError('NOT_FOUND', 'campaign not found');
    await applyCampaignMove(tx, originOf(ctx), campaign, event, {
      now: ctx.clock.now(),
      config: ctx.config,
      note,
    });
  });
  return getCampaign(ctx, id);
}

/** A withdrawn release pauses every running campaign rolling it out, whoever's subtree it is in. */
export async function pauseCampaignsOfRelease(tx: Db, ctx: ServiceContext, releaseId: string, note: string) {
  const all = tx.withoutPlugins();
  const running = await all
    .selectFrom('terminal_campaigns')
    .selectAll()
    .where('release_id', '=', releaseId)
    .where('state', 'in', ['canary', 'rolling'])
    .forUpdate()
    .execute();
  for (const campaign of running)
    await applyCampaignMove(all, originOf(ctx), campaign, 'pause', {
      now: ctx.clock.now(),
      config: ctx.config,
      note,
      pauseReason: 'release_withdrawn',
    });
  return running.length;
}

/** 升级明细: the campaign's terminals, by serial number, with where each stands and its window now. */
export async function listCampaignTargets(
  ctx: ServiceContext,
  id: string,
  query: {
    stage?: TargetStage | undefined;
    status?: TargetStatus | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const campaign = await ctx.db
    .selectFrom('terminal_campaigns')
    .select(['id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!campaign) throw new AppError('NOT_FOUND', 'campaign not found');
  const after = decodeCursor(query.cursor, ['text']);
  let q = ctx.db
    .selectFrom('terminal_campaign_targets as ct')
    .innerJoin('terminals as t', 't.id', 'ct.terminal_id')
    .leftJoin('terminal_alerts as a', (join) =>
      join.onRef('a.terminal_id', '=', 't.id').on('a.kind', '=', 'offline').on('a.status', '=', 'open'),
    )
    .select([
      't.id as terminal_id',
      't.serial_no',
      't.tid',
      't.bound_mid',
      't.merchant_id',
      't.org_id',
      't.firmware_version',
      't.app_version',
      't.last_heartbeat_at',
      'ct.kind',
      'ct.stage',
      'ct.status',
      'ct.from_version',
      'ct.scheduled_at',
      'ct.upgraded_at',
      'ct.failed_at',
      'ct.fail_reason',
      'a.id as offline_alert',
    ])
    .where('ct.campaign_id', '=', id);
  if (query.stage) q = q.where('ct.stage', '=', query.stage);
  if (query.status) q = q.where('ct.status', '=', query.status);
  if (after) q = q.where('t.serial_no', '>', String(after[0]));
  const rows = await q
    .orderBy('t.serial_no')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit, (r) => [r.serial_no]);
  const hours = await businessHoursOf(
    ctx.db,
    page.items.flatMap((r) => (r.merchant_id ? [r.merchant_id] : [])),
  );
  const now = ctx.clock.now();
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => {
      const h = r.merchant_id ? hours.get(r.merchant_id) : undefined;
      const window = h
        ? maintenanceWindow(h, now, ctx.config.TZ_BUSINESS, ctx.config.CAMPAIGN_WINDOW_MARGIN_MINUTES)
        : { kind: 'none' as const };
      return {
        terminalId: r.terminal_id,
        serialNo: r.serial_no,
        tid: r.tid,
        mid: r.bound_mid,
        stage: r.stage,
        status: r.status,
        fromVersion: r.from_version,
        currentVersion: r.kind === 'firmware' ? r.firmware_version : r.app_version,
        lastHeartbeatAt: r.last_heartbeat_at?.toISOString() ?? null,
        offline: r.offline_alert !== null,
        businessHours: h ?? null,
        window: window.kind,
        scheduledAt: r.scheduled_at?.toISOString() ?? null,
        upgradedAt: r.upgraded_at?.toISOString() ?? null,
        failedAt: r.failed_at?.toISOString() ?? null,
        failReason: r.fail_reason,
      };
    }),
  };
}
