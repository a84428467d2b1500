import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/http/context';

/**
 * 机具总览: the fleet of my subtree by status, model, org, age, firmware and online rate, and the asset
 * register's identity — received − scrapped − lost = units in every other status (账实相符). "Received"
 * and "scrapped" come from the units' histories (a receipt or import, a scrap by approval), "lost" and
 * "in service" from their current status, so a unit that entered the ledger without a receipt, or left
 * it without a scrap, shows as a gap.
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
  // The histories are read whole (raw SQL: a unit's past goes with it across orgs); the units are mine.
  const history = (event: 'receive' | 'scrap') =>
    sql<bigint>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM terminal_events e
      WHERE e.terminal_id = t.id AND e.event = ${event}))`;
  const [rows, models, orgs, books] = await Promise.all([
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
    ctx.db
      .selectFrom('terminals as t')
      .select([history('receive').as('received'), history('scrap').as('scrapped')])
      .executeTakeFirstOrThrow(),
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
      received: Number(books.received),
      scrapped: Number(books.scrapped),
      lost,
      inService: total - (status.scrapped ?? 0) - lost,
    },
  };
}
