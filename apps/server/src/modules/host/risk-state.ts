import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { merchantForHost } from '../merchants';

type Merchant = NonNullable<Awaited<ReturnType<typeof merchantForHost>>>;

interface Totals {
  day: string;
  daily: bigint;
  month: string;
  monthly: bigint;
}

/**
 * 风控状态 in memory: each merchant's state and limits (refreshed every half minute) and its approved
 * totals of the day and month, loaded once per merchant and day from the record and then kept here as
 * approvals are recorded — no query and no hot-row update per transaction. Another process's approvals
 * are seen at the next load; the limits are a risk control, not a ledger.
 */
export function createRiskState(db: Db, refreshMs = 30_000) {
  const merchants = new Map<string, { merchant: Merchant | null; until: number }>();
  const totals = new Map<string, Totals>();

  async function merchant(id: string) {
    const hit = merchants.get(id);
    if (hit && hit.until > Date.now()) return hit.merchant;
    const row = (await merchantForHost(db, id)) ?? null;
    merchants.set(id, { merchant: row, until: Date.now() + refreshMs });
    return row;
  }

  async function totalsOf(id: string, businessDate: string): Promise<Totals> {
    const month = businessDate.slice(0, 7);
    const held = totals.get(id);
    if (held && held.day === businessDate) return held;
    const { rows } = await sql<{ daily: bigint | null; monthly: bigint | null }>`
      SELECT sum(amount_minor) FILTER (WHERE business_date = ${businessDate}::date) AS daily,
             sum(amount_minor) AS monthly
      FROM transactions
      WHERE merchant_id = ${id} AND approved AND kind IN ('purchase', 'completion')
        AND business_date >= ${`${month}-01`}::date AND business_date <= ${businessDate}::date`.execute(db);
    const fresh = { day: businessDate, daily: rows[0]?.daily ?? 0n, month, monthly: rows[0]?.monthly ?? 0n };
    totals.set(id, fresh);
    return fresh;
  }

  return {
    merchant,
    /** The limit an amount would break (single, daily, monthly), or null. */
    async limitBroken(m: Merchant, amount: bigint, businessDate: string) {
      if (amount > m.single_limit_minor) return 'single';
      const t = await totalsOf(m.id, businessDate);
      if (t.daily + amount > m.daily_limit_minor) return 'daily';
      if (t.monthly + amount > m.monthly_limit_minor) return 'monthly';
      return null;
    },
    /** An approval recorded: the merchant's totals grow. */
    approved(merchantId: string, amount: bigint, businessDate: string) {
      const t = totals.get(merchantId);
      if (t && t.day === businessDate) {
        t.daily += amount;
        t.monthly += amount;
      }
    },
  };
}

export type RiskState = ReturnType<typeof createRiskState>;
