import type { Kysely, Transaction } from 'kysely';
import type { ApprovalTables } from '../../modules/approvals/approvals.schema';
import type { AuditTables } from '../../modules/audit/audit.schema';
import type { DocumentTables } from '../../modules/documents/documents.schema';
import type { HostTables } from '../../modules/host/host.schema';
import type { IdentityTables } from '../../modules/identity/identity.schema';
import type { ContractTables } from '../../modules/merchants/contract.schema';
import type { MerchantTables } from '../../modules/merchants/merchants.schema';
import type { NotificationTables } from '../../modules/notifications/notifications.schema';
import type { PricingTables } from '../../modules/pricing/pricing.schema';
import type { TerminalTables } from '../../modules/terminals/terminals.schema';
import type { TransactionTables } from '../../modules/transactions/transactions.schema';
import type { WorkOrderTables } from '../../modules/workorders/workorders.schema';
import type { IdempotencyTables } from '../http/idempotency.schema';
import type { WorkflowTables } from '../workflow.schema';

/** Every table, each declared by the module that owns it. */
export interface Database
  extends IdentityTables,
    AuditTables,
    ApprovalTables,
    NotificationTables,
    DocumentTables,
    MerchantTables,
    IdempotencyTables,
    WorkflowTables,
    PricingTables,
    ContractTables,
    TerminalTables,
    WorkOrderTables,
    HostTables,
    TransactionTables {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A connection or a transaction: repositories take either. */
export type Executor = Kysely<Database>;
