import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/http/context';

/**
 * 机具总览: the fleet of my subtree by status, model, org, age, firmware and online rate, and the asset
 * register's identity — received − scrapped − lost = units in every other status (账实相符). "Received"
 * and "scrapped" come from the units' books (when a receipt or import, a scrap by approval, was written
 * into their history — kept on the unit by the database), "lost" and "in service" from their status, so
 * a unit that entered the ledger without a receipt, or left it without a scrap, shows as a gap.
 */
export async function fleetOverview(ctx: ServiceContext) {
  const onlineSince = new Date(ctx.clock.now().getTime() - ctx.config.TERMINAL_OFFLINE_MINUTES * 60_000);
  const age = sql<string>`CASE
    WHEN coalesce(t.purchased_at, t.created_at::date) > now() - interval '1 year' THEN 'lt1'
    WHEN coalesce(t.purchased_at, t.created_at::date) > now() - interval '3 years' THEN '1to3'
    WHEN coalesce(t.purchased_at, t.created_at::date) > now() - interval '5 years' THEN '3to5'
    ELSE 'gt5' END`;
  const bound = sql<boolean>`t.status IN ('installed', 'active')`;
  // One scan of the ledger for every breakdown (GROUPING SETS), rather than one per chart.
  const [rows, models, orgs] = await Promise.all([
    ctx.db
      .selectFrom('terminals as t')
      .select([
        sql<number>`GROUPING(t.status, t.model_id, t.org_id)`.as('g'),
        sql<number>`GROUPING(${age})`.as('ga'),
        sql<number>`GROUPING(CASE WHEN ${bound} THEN coalesce(t.firmware_version, 'unknown') END)`.as('gf'),
        't.status',
        't.model_id',
        't.org_id',
        age.as('age'),
        sql<string | null>`CASE WHEN ${bound} THEN coalesce(t.firmware_version, 'unknown') END`.as(
          'firmware',
        ),
        (eb) => eb.fn.countAll<bigint>().as('n'),
        sql<bigint>`count(*) FILTER (WHERE t.status NOT IN ('scrapped', 'lost'))`.as('in_service'),
        sql<bigint>`count(*) FILTER (WHERE ${bound} AND t.last_heartbeat_at >= ${onlineSince})`.as('online'),
        sql<bigint>`count(t.received_at)`.as('received'),
        sql<bigint>`count(t.scrapped_at)`.as('scrapped_books'),
      ])
      .groupBy(
        sql`GROUPING SETS ((t.status), (t.model_id), (t.org_id), (${age}),
          (CASE WHEN ${bound} THEN coalesce(t.firmware_version, 'unknown') END))`,
      )
      .execute(),
    ctx.db
      .selectFrom('terminal_models')
      .select(['id', sql<string>`brand || ' ' || model`.as('name')])
      .execute(),
    ctx.db.selectFrom('orgs').select(['id', 'name']).execute(),
  ]);
  const modelName = new Map(models.map((m) => [m.id, m.name]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const counts = (list: { key: string; units: number }[]) => list.sort((a, b) => b.units - a.units);
  const byStatus = counts(
    rows.filter((r) => r.status !== null).map((r) => ({ key: r.status, units: Number(r.n) })),
  );
  const byModel = counts(
    rows
      .filter((r) => r.model_id !== null)
      .map((r) => ({ key: modelName.get(r.model_id) ?? r.model_id, units: Number(r.n) })),
  );
  const byOrg = counts(
    rows
      .filter((r) => r.org_id !== null)
      .map((r) => ({ key: orgName.get(r.org_id) ?? r.org_id, units: Number(r.n) })),
  );
  const ageRows = rows.filter((r) => Number(r.ga) === 0 && r.age !== null);
  const byAge = counts(
    ageRows.map((r) => ({ key: r.age, units: Number(r.in_service) })).filter((r) => r.units > 0),
  );
  const firmwareRows = rows.filter((r) => Number(r.gf) === 0);
  const byFirmware = counts(
    firmwareRows.filter((r) => r.firmware !== null).map((r) => ({ key: r.firmware!, units: Number(r.n) })),
  );
  const statusRows = rows.filter((r) => r.status !== null);
  const status = Object.fromEntries(byStatus.map((r) => [r.key, r.units])) as Record<string, number>;
  const total = byStatus.reduce((a, b) => a + b.units, 0);
  const lost = status.lost ?? 0;
  const boundUnits = (status.installed ?? 0) + (status.active ?? 0);
  const online = rows.filter((r) => r.status !== null).reduce((a, r) => a + Number(r.online), 0);
  return {
    total,
    byStatus,
    byModel,
    byOrg,
    byFirmware,
    byAge,
    online: { bound: boundUnits, online },
    /** 账实相符: every unit received is scrapped, lost, or in exactly one other status. */
    register: {
      received: statusRows.reduce((a, r) => a + Number(r.received), 0),
      scrapped: statusRows.reduce((a, r) => a + Number(r.scrapped_books), 0),
      lost,
      inService: total - (status.scrapped ?? 0) - lost,
    },
  };
}
