import { addDays, businessDate } from '@posops/kernel';
import type { ModuleDeps } from '../../platform/module';
import { recordAudit, systemOrigin } from '../audit';
import { insertWorkOrders, inspectionStatusOf } from '../workorders';

const BATCH = 1000;

/** Months between inspections by risk grade: the merchant's own (from its assessment), or the configured override. */
export function inspectionMonthsOf(config: ModuleDeps['config'], grade: string, own: number): number {
  const configured = config.INSPECTION_MONTHS?.[grade as 'A' | 'B' | 'C' | 'D'];
  return configured ?? own;
}

const addMonths = (at: Date, months: number) => {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

/**
 * 定期巡检: every active merchant with installed terminals gets an inspection work order when its grade's
 * interval has passed since the last one (or since it went live), unless one is already open.
 */
export async function planInspections(deps: ModuleDeps): Promise<number> {
  const now = deps.clock.now();
  const today = businessDate(now, deps.config.TZ_BUSINESS);
  const origin = systemOrigin('merchants.inspection-plans');
  let created = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const merchants = await deps.db
      .selectFrom('merchants')
      .select(['id', 'org_id', 'mid', 'name', 'risk_grade', 'inspection_months', 'activated_at'])
      .where('status', '=', 'active')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (merchants.length === 0) return created;
    after = merchants[merchants.length - 1]!.id;
    const status = await inspectionStatusOf(
      deps.db,
      merchants.map((m) => m.id),
    );
    for (const m of merchants) {
      const s = status.get(m.id);
      if (!s || s.installed === 0 || s.open) continue;
      const since = s.last ?? m.activated_at;
      if (!since) continue;
      if (addMonths(since, inspectionMonthsOf(deps.config, m.risk_grade, m.inspection_months)) > now)
        continue;
      await deps.db.transaction().execute(async (tx) => {
        const [order] = await insertWorkOrders(
          tx,
          'inspection',
          [
            {
              org_id: m.org_id,
              merchant_id: m.id,
              merchant_label: `${m.mid} ${m.name}`,
              terminal_model: null,
            },
          ],
          today,
          now,
          deps.config,
        );
        await recordAudit(tx, origin, {
          action: 'workorder.create',
          objectType: 'merchant',
          objectId: m.id,
          orgId: m.org_id,
          after: { kind: 'inspection', workOrder: order!.no, grade: m.risk_grade, dueBy: addDays(today, 14) },
        });
      });
      created += 1;
    }
  }
}
