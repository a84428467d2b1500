import type { ColumnType } from 'kysely';
import type { Db } from '../../platform/db/database';

/**
 * 营业时间: when a merchant is open, in the local time of TZ_BUSINESS (migration 0017). Filled from the
 * application form's business hours when the merchant goes live (a trigger), 09:00–22:00 when it named
 * none. `opens = closes` means open around the clock; `opens > closes`, hours that cross midnight.
 * Read by remote management: upgrades are offered only outside these hours.
 */
declare module './merchants.schema' {
  interface MerchantsTable {
    /** `HH:MM:SS`, as PostgreSQL's `time` comes back. */
    business_opens: ColumnType<string, string | undefined, string>;
    business_closes: ColumnType<string, string | undefined, string>;
  }
}

export interface BusinessHours {
  /** `HH:MM`, local time. */
  opens: string;
  closes: string;
}

/** The business hours of these merchants (those the connection may see), by merchant id. */
export async function businessHoursOf(
  db: Db,
  merchantIds: readonly string[],
): Promise<Map<string, BusinessHours>> {
  if (merchantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('merchants')
    .select(['id', 'business_opens', 'business_closes'])
    .where('id', 'in', [...new Set(merchantIds)])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { opens: r.business_opens.slice(0, 5), closes: r.business_closes.slice(0, 5) }]),
  );
}
