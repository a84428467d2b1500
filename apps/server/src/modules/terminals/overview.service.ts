import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/http/context';

/**
 * 机具总览: the fleet of my subtree by status, model, org, age, firmware and online rate, and the asset
 * register's identity — received − scrapped − lost = units in every other status (账实相符).
 */
export async function fleetOverview(ctx: ServiceContext) {
  const onlineSince = new Date(ctx.clock.now().getTime() - ctx.config.TERMINAL_OFFLINE_MINUTES * 60_000);
  const base = ctx.db.selectFrom('terminals as t');
  const [byStatus, byModel, byOrg, byFirmware, byAge, online] = await Promise.all([
    base
      .select(['t.status as key', (eb) => eb.fn.countAll<bigint>().as('n')])
      .groupBy('t.status')
      .execute(),
    base
      .innerJoin('terminal_models as tm', 'tm.id', 't.model_id')
      .select([sql<string>`tm.brand || ' ' || tm.model`.as('key'), (eb) => eb.fn.countAll<bigint>().as('n')])
      .groupBy(['tm.brand', 'tm.model'])
      .execute(),
    base
      .innerJoin('orgs as o', 'o.id', 't.org_id')
      .select(['o.name as key', (eb) => eb.fn.countAll<bigint>().as('n')])
      .groupBy('o.name')
      .execute(),
    base
      .select([
        sql<string>`coalesce(t.firmware_version, 'unknown')`.as('key'),
        (eb) => eb.fn.countAll<bigint>().as('n'),
      ])
      .where('t.status', 'in', ['installed', 'active'])
      .groupBy(sql`coalesce(t.firmware_version, 'unknown')`)
      .execute(),
    base
      .select([
        sql<string>`CASE
          WHEN coalesce(t.purchased_at, t.created_at::date) > now() - interval '1 year' THEN 'lt1'
          WHEN coalesce(t.purchased_at, t.created_at::date) > now() - interval '3 years' THEN '1to3'
          WHEN coalesce(t.purchased_at, t.created_at::date) > now() - interval '5 years' THEN '3to5'
          ELSE 'gt5' END`.as('key'),
        (eb) => eb.fn.countAll<bigint>().as('n'),
      ])
      .where('t.status', 'not in', ['scrapped', 'lost'])
      .groupBy(sql`1`)
      .execute(),
    base
      .select([
        (eb) => eb.fn.countAll<bigint>().as('bound'),
        sql<bigint>`count(*) FILTER (WHERE t.last_heartbeat_at >= ${onlineSince})`.as('online'),
      ])
      .where('t.status', 'in', ['installed', 'active'])
      .executeTakeFirstOrThrow(),
  ]);
  const counts = (rows: { key: string; n: bigint }[]) =>
    rows.map((r) => ({ key: r.key, units: Number(r.n) })).sort((a, b) => b.units - a.units);
  const status = Object.fromEntries(byStatus.map((r) => [r.key, Number(r.n)])) as Record<string, number>;
  const total = Object.values(status).reduce((a, b) => a + b, 0);
  const scrapped = status.scrapped ?? 0;
  const lost = status.lost ?? 0;
  return {
    total,
    byStatus: counts(byStatus),
    byModel: counts(byModel),
    byOrg: counts(byOrg),
    byFirmware: counts(byFirmware),
    byAge: counts(byAge),
    online: { bound: Number(online.bound), online: Number(online.online) },
    /** 账实相符: every unit received is scrapped, lost, or in exactly one other status. */
    register: { received: total, scrapped, lost, inService: total - scrapped - lost },
  };
}
