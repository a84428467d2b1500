import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type MaybeTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** 签约: the contract of one application (merchant_contracts, org-owned). */
export interface MerchantContractsTable {
  id: Generated<string>;
  application_id: string;
  org_id: string;
  contract_no: string;
  rate_plan_id: string;
  /** The plan's rates as copied at generation (ContractRates). */
  rates: Json;
  terms: Json;
  /** A business date: read through to_char(…, 'YYYY-MM-DD'), written as 'YYYY-MM-DD'. */
  effective_date: ColumnType<string, string, string>;
  status: 'draft' | 'generated' | 'signed';
  document_id: string | null;
  generated_at: MaybeTimestamp;
  signer_name: string | null;
  signed_at: MaybeTimestamp;
  recorded_by: string | null;
  recorded_at: MaybeTimestamp;
  created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ContractTables {
  merchant_contracts: MerchantContractsTable;
}
