import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MerchantApplicationsTable {
  id: Generated<string>;
  no: string;
  org_id: string;
  status: string;
  form: Json;
  merchant_name: string | null;
  credit_code: string | null;
  mcc: string | null;
  id_number_sealed: string | null;
  account_no_sealed: string | null;
  id_number_hash: string | null;
  account_hash: string | null;
  mobile_hash: string | null;
  sales_rep_id: string | null;
  agent_org_id: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
}

export interface MerchantApplicationEventsTable {
  id: Generated<bigint>;
  application_id: string;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: string;
  event: string;
  from_status: string | null;
  to_status: string;
  comment: string | null;
}

export interface MerchantApplicationChecksTable {
  id: Generated<bigint>;
  application_id: string;
  round: number;
  item: string;
  field: string | null;
  result: 'passed' | 'failed' | 'warning' | 'overridden';
  detail: string;
  message: ColumnType<unknown, string | null | undefined, string | null>;
  source: 'system' | 'reviewer';
  reviewer_id: string | null;
  comment: string | null;
  at: CreatedAt;
}

export interface MerchantRiskAssessmentsTable {
  id: Generated<bigint>;
  application_id: string;
  score: number;
  factors: Json;
  proposed_grade: 'A' | 'B' | 'C' | 'D';
  grade: 'A' | 'B' | 'C' | 'D';
  single_limit_minor: bigint;
  daily_limit_minor: bigint;
  monthly_limit_minor: bigint;
  inspection_months: number;
  override_reason: string | null;
  assessed_by: string | null;
  at: CreatedAt;
}

export interface BlacklistEntriesTable {
  id: Generated<string>;
  kind: 'credit_code' | 'id_number' | 'account' | 'mobile' | 'merchant_name';
  value_hash: string;
  value_masked: string;
  reason: string;
  source: Generated<string>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  removed_at: Date | null;
}

export interface MerchantsTable {
  id: Generated<string>;
  org_id: string;
  application_id: string;
  mid: string;
  name: string;
  short_name: string;
  mcc: string;
  credit_code: string;
  status: 'onboarding' | 'active' | 'suspended' | 'frozen' | 'closed' | 'cancelled';
  risk_grade: 'A' | 'B' | 'C' | 'D';
  single_limit_minor: bigint;
  daily_limit_minor: bigint;
  monthly_limit_minor: bigint;
  inspection_months: number;
  division_code: string;
  address_detail: string;
  settlement_account_type: 'corporate' | 'personal';
  settlement_bank_name: string;
  settlement_branch_name: string;
  settlement_holder_name: string;
  account_no_sealed: string;
  account_hash: string;
  account_masked: string;
  rate_plan_id: string;
  sales_rep_id: string | null;
  agent_org_id: string | null;
  created_at: CreatedAt;
  activated_at: Date | null;
  version: Generated<number>;
}

export interface MerchantRatesTable {
  id: Generated<string>;
  org_id: string;
  merchant_id: string;
  rate_plan_id: string;
  rates: Json;
  effective_from: ColumnType<string, string, never>;
  source: 'contract' | 'change';
  change_request_id: string | null;
  created_at: CreatedAt;
}

export type MerchantChangeKind = 'settlement_account' | 'address' | 'rate_plan' | 'limits';
export type MerchantChangeStatus =
  | 'pending_approval'
  | 'returned'
  | 'scheduled'
  | 'applied'
  | 'rejected'
  | 'cancelled';

export interface MerchantChangeRequestsTable {
  id: Generated<string>;
  no: string;
  org_id: string;
  merchant_id: string;
  kind: MerchantChangeKind;
  status: MerchantChangeStatus;
  before: Json;
  after: Json;
  account_no_sealed: string | null;
  account_hash: string | null;
  findings: Json;
  effective_date: ColumnType<string, string, string>;
  reason: string;
  requested_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  applied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_reason: string | null;
  version: Generated<number>;
}

export interface MidSequencesTable {
  region: string;
  mcc: string;
  last: number;
}

export interface MerchantTrainingsTable {
  id: Generated<string>;
  org_id: string;
  merchant_id: string;
  trainer_name: string;
  trained_at: Date;
  topics: string[];
  attendees: string;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface MerchantTables {
  merchants: MerchantsTable;
  mid_sequences: MidSequencesTable;
  merchant_trainings: MerchantTrainingsTable;
  merchant_rates: MerchantRatesTable;
  merchant_change_requests: MerchantChangeRequestsTable;
  merchant_applications: MerchantApplicationsTable;
  merchant_application_events: MerchantApplicationEventsTable;
  merchant_application_checks: MerchantApplicationChecksTable;
  blacklist_entries: BlacklistEntriesTable;
  merchant_risk_assessments: MerchantRiskAssessmentsTable;
}
