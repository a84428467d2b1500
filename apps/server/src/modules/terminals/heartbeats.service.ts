import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@posops/kernel';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import type { ModuleDeps } from '../../platform/module';
import { type AuditOrigin, systemOrigin } from '../audit';
import { usersWithPermissionOver } from '../identity';
import { notifyUsers } from '../notifications';
import { applyMove } from './terminals.service';
import { markUpgraded } from './upgrade-offer.service';

/**
 * 心跳: what a bound terminal reports — firmware, position — keeps the ledger current; the first one
 * activates an installed unit. A position far from the install address opens a relocation alert (移机
 * 告警); a job opens offline alerts (离线告警) for units silent too long. Alerts close by themselves when
 * the unit is heard again, or back in place.
 */

export interface Heartbeat {
  tid: string;
  at: Date;
  firmwareVersion?: string | undefined;
  /** The payment app's version, when the terminal reports it. */
  appVersion?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
}

/** Great-circle distance in metres (haversine): enough for "is it still at the shop". */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

async function openAlert(
  tx: Db,
  unit: { id: string; org_id: string; serial_no: string; tid: string | null; bound_mid: string | null },
  kind: 'offline' | 'relocated',
  detail: Record<string, unknown>,
) {
  const opened = await tx
    .insertInto('terminal_alerts')
    .values({ org_id: unit.org_id, terminal_id: unit.id, kind, detail: JSON.stringify(detail) })
    .onConflict((oc) => oc.columns(['terminal_id', 'kind']).where('status', '=', 'open').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!opened) return false;
  const what =
    kind === 'offline'
      ? { zh: '离线', en: 'offline' }
      : { zh: '疑似移机', en: 'reported away from its install address' };
  await notifyUsers(tx, await usersWithPermissionOver(tx, unit.org_id, 'terminal.manage'), {
    kind: `terminal.${kind}`,
    title: {
      'zh-CN': `终端${what.zh}：${unit.serial_no}（${unit.tid ?? '—'}）`,
      'en-US': `Terminal ${what.en}: ${unit.serial_no} (${unit.tid ?? '—'})`,
    },
    body: {
      'zh-CN': `商户 ${unit.bound_mid ?? '—'}`,
      'en-US': `Merchant ${unit.bound_mid ?? '—'}`,
    },
    link: `/terminals/${unit.id}`,
  });
  return true;
}

function closeAlerts(tx: Db, terminalId: string, kind: 'offline' | 'relocated', at: Date, reason: string) {
  return tx
    .updateTable('terminal_alerts')
    .set({ status: 'closed', closed_at: at, closed_reason: reason })
    .where('terminal_id', '=', terminalId)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .execute();
}

/** Applies a batch of heartbeats, one short transaction each; unknown TIDs are counted, not fatal. */
export async function recordHeartbeats(deps: ModuleDeps, heartbeats: readonly Heartbeat[]) {
  const origin: AuditOrigin = systemOrigin('heartbeats');
  let applied = 0;
  const unknown: string[] = [];
  for (const beat of heartbeats) {
    const known = await deps.db.transaction().execute(async (tx) => {
      const unit = await tx
        .selectFrom('terminals')
        .selectAll()
        .where('tid', '=', beat.tid)
        .forUpdate()
        .executeTakeFirst();
      if (!unit || !['installed', 'active'].includes(unit.status)) return false;
      // Reports arrive out of order: an older one never overwrites a newer.
      if (unit.last_heartbeat_at && unit.last_heartbeat_at > beat.at) return true;
      const hasPosition = beat.latitude !== undefined && beat.longitude !== undefined;
      await tx
        .updateTable('terminals')
        .set({
          last_heartbeat_at: beat.at,
          ...(beat.firmwareVersion ? { firmware_version: beat.firmwareVersion } : {}),
          ...(beat.appVersion ? { app_version: beat.appVersion } : {}),
          ...(hasPosition ? { reported_latitude: beat.latitude, reported_longitude: beat.longitude } : {}),
        })
        .where('id', '=', unit.id)
        .execute();
      await closeAlerts(tx, unit.id, 'offline', beat.at, 'heard again');
      // 远程升级 progress: only a version that changed can be one a campaign waits for.
      const firmware = beat.firmwareVersion !== unit.firmware_version ? beat.firmwareVersion : undefined;
      const app = beat.appVersion !== unit.app_version ? beat.appVersion : undefined;
      if (firmware || app) await markUpgraded(tx, unit.id, { firmware, app }, beat.at);
      if (unit.status === 'installed') {
        const fresh = await tx
          .selectFrom('terminals')
          .selectAll()
          .where('id', '=', unit.id)
          .executeTakeFirstOrThrow();
        await applyMove(tx, origin, fresh, 'activate', { firstHeartbeat: beat.at.toISOString() });
      }
      if (hasPosition && unit.latitude !== null && unit.longitude !== null) {
        const away = distanceMetres(
          { lat: Number(unit.latitude), lng: Number(unit.longitude) },
          { lat: beat.latitude!, lng: beat.longitude! },
        );
        if (away > deps.config.TERMINAL_RELOCATION_METERS) {
          await openAlert(tx, unit, 'relocated', {
            metres: Math.round(away),
            reported: { latitude: beat.latitude, longitude: beat.longitude },
            installed: { latitude: Number(unit.latitude), longitude: Number(unit.longitude) },
          });
        } else await closeAlerts(tx, unit.id, 'relocated', beat.at, 'back at its install address');
      }
      return true;
    });
    if (known) applied += 1;
    else unknown.push(beat.tid);
  }
  return { applied, unknown };
}

/** The job: bound units silent for TERMINAL_OFFLINE_MINUTES get an offline alert (once). */
export async function detectOfflineTerminals(deps: ModuleDeps): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.config.TERMINAL_OFFLINE_MINUTES * 60_000);
  const silent = await deps.db
    .selectFrom('terminals as t')
    .select([
      't.id',
      't.org_id',
      't.serial_no',
      't.tid',
      't.bound_mid',
      't.last_heartbeat_at',
      't.installed_at',
    ])
    .where('t.status', 'in', ['installed', 'active'])
    .where(sql<boolean>`coalesce(t.last_heartbeat_at, t.installed_at) < ${cutoff}`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('terminal_alerts as a')
            .select('a.id')
            .whereRef('a.terminal_id', '=', 't.id')
            .where('a.kind', '=', 'offline')
            .where('a.status', '=', 'open'),
        ),
      ),
    )
    .limit(10_000)
    .execute();
  let opened = 0;
  for (const unit of silent) {
    const done = await deps.db.transaction().execute((tx) =>
      openAlert(tx, unit, 'offline', {
        lastHeartbeatAt: unit.last_heartbeat_at?.toISOString() ?? null,
        silentMinutes: deps.config.TERMINAL_OFFLINE_MINUTES,
      }),
    );
    if (done) opened += 1;
  }
  return opened;
}

export async function listAlerts(
  ctx: ServiceContext,
  query: { status?: 'open' | 'closed' | undefined; limit: number },
) {
  let q = ctx.db
    .selectFrom('terminal_alerts as a')
    .innerJoin('terminals as t', 't.id', 'a.terminal_id')
    .select([
      'a.id',
      'a.kind',
      'a.status',
      'a.detail',
      'a.opened_at',
      'a.closed_at',
      'a.closed_reason',
      't.id as terminal_id',
      't.serial_no',
      't.tid',
      't.bound_mid',
    ]);
  if (query.status) q = q.where('a.status', '=', query.status);
  const rows = await q.orderBy('a.opened_at', 'desc').orderBy('a.id', 'desc').limit(query.limit).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      detail: r.detail as Record<string, unknown>,
      openedAt: r.opened_at.toISOString(),
      closedAt: r.closed_at ? r.closed_at.toISOString() : null,
      closedReason: r.closed_reason,
      terminalId: r.terminal_id,
      serialNo: r.serial_no,
      tid: r.tid,
      mid: r.bound_mid,
    })),
  };
}

/** The internal API's own check: a bearer token from configuration, compared in constant time. */
export function checkInternalToken(configured: string | undefined, header: string | undefined) {
  if (!configured)
    throw new AppError('FORBIDDEN', 'the internal API is closed (INTERNAL_API_TOKEN is not set)');
  const given = header?.startsWith('Bearer ') ? header.slice(7) : '';
  // Digests have equal lengths, as timingSafeEqual needs, whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!timingSafeEqual(digest(given), digest(configured)))
    throw new AppError('UNAUTHENTICATED', 'a valid internal API token is required');
}
