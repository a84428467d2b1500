import type { ColumnType, Generated } from 'kysely';

/** A business date (`date` column): always read through `to_char(…, 'YYYY-MM-DD')`, written as text. */
type BusinessDate = ColumnType<string, string, string>;

export interface RatePlansTable {
  id: Generated<string>;
  code: string;
  name: string;
  name_en: string;
  status: 'active' | 'retired';
  currency: Generated<string>;
  /** Parts per million of the amount: 5500 = 0.55%. */
  debit_rate_ppm: number;
  /** 借记卡封顶 per transaction, fen; null: no cap. */
  debit_cap_minor: bigint | null;
  credit_rate_ppm: number;
  qr_rate_ppm: number;
  /** The China MCC pricing class the plan is for; null: any. */
  mcc_category: string | null;
  effective_from: BusinessDate;
  note: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface PricingTables {
  rate_plans: RatePlansTable;
}
