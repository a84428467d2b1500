import {
  AliasNode,
  type DeleteQueryNode,
  JoinNode,
  type KyselyPlugin,
  type OperationNode,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  sql,
  TableNode,
  type UnknownRow,
  type UpdateQueryNode,
  WhereNode,
} from 'kysely';
import type { Db } from './database';

/**
 * Org scoping in one place. Every org-owned table is listed here with the column that names its org;
 * a scoped connection adds "that org is in the caller's subtree" to every SELECT, UPDATE and DELETE
 * touching one of them, including joins, subqueries, UPDATE … FROM and DELETE … USING. Repositories never
 * write that condition.
 * A new org-owned table must be added here (a test checks that every table with an org_id is).
 */
export const orgOwnedTables: Readonly<Record<string, string>> = {
  orgs: 'path',
  users: 'org_id',
  login_history: 'org_id',
  permission_reviews: 'org_id',
  audit_log: 'org_id',
  approval_requests: 'org_id',
  documents: 'org_id',
  merchant_applications: 'org_id',
  merchant_contracts: 'org_id',
  merchants: 'org_id',
  work_orders: 'org_id',
  work_order_reports: 'org_id',
  merchant_trainings: 'org_id',
  merchant_rates: 'org_id',
  merchant_change_requests: 'org_id',
  warehouses: 'org_id',
  terminals: 'org_id',
  terminal_sessions: 'org_id',
  transactions: 'org_id',
  terminal_events: 'org_id',
  terminal_alerts: 'org_id',
  terminal_transfers: 'org_id',
  stock_thresholds: 'org_id',
  procurement_requests: 'org_id',
  goods_receipts: 'org_id',
  stocktakes: 'org_id',
  terminal_campaigns: 'org_id',
  terminal_campaign_targets: 'org_id',
};

/** The caller's place in the org tree: its org and the materialised path of that org ("/a/b/"). */
export interface OrgScope {
  orgId: string;
  orgPath: string;
}

function tableOf(node: OperationNode): { table: string; ref: string } | null {
  if (TableNode.is(node)) {
    const name = node.table.identifier.name;
    return { table: name, ref: name };
  }
  if (AliasNode.is(node) && TableNode.is(node.node)) {
    const name = node.node.table.identifier.name;
    const alias = (node.alias as { name?: string }).name ?? name;
    return { table: name, ref: alias };
  }
  return null;
}

class OrgScopeTransformer extends OperationNodeTransformer {
  readonly #prefix: string;
  /** The root of the tree: no filter at all, so rows without an org (system entries) stay visible. */
  readonly #root: boolean;

  constructor(scope: OrgScope) {
    super();
    this.#prefix = `${scope.orgPath}%`;
    this.#root = scope.orgPath === `/${scope.orgId}/`;
  }

  #condition(table: string, ref: string): OperationNode | null {
    const column = orgOwnedTables[table];
    if (!column || this.#root) return null;
    if (column === 'path') return sql`${sql.ref(`${ref}.path`)} LIKE ${this.#prefix}`.toOperationNode();
    return sql`${sql.ref(`${ref}.${column}`)} IN (SELECT scope_org.id FROM orgs scope_org WHERE scope_org.path LIKE ${this.#prefix})`.toOperationNode();
  }

  #withWhere<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(
    node: T,
    targets: OperationNode[],
  ): T {
    let out = node;
    for (const target of targets) {
      const t = tableOf(target);
      const condition = t && this.#condition(t.table, t.ref);
      if (condition) {
        out = {
          ...out,
          where: out.where
            ? WhereNode.cloneWithOperation(out.where, 'And', condition)
            : WhereNode.create(condition),
        };
      }
    }
    return out;
  }

  #scopeJoins<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(node: T): T {
    if (!node.joins) return node;
    const joins = node.joins.map((join: JoinNode) => {
      const t = tableOf(join.table);
      const condition = t && this.#condition(t.table, t.ref);
      return condition ? JoinNode.cloneWithOn(join, condition) : join;
    });
    return { ...node, joins };
  }

  protected override transformSelectQuery(
    node: SelectQueryNode,
    queryId?: { readonly queryId: string },
  ): SelectQueryNode {
    const inner = super.transformSelectQuery(node, queryId);
    return this.#scopeJoins(this.#withWhere(inner, [...(inner.from?.froms ?? [])]));
  }

  protected override transformUpdateQuery(
    node: UpdateQueryNode,
    queryId?: { readonly queryId: string },
  ): UpdateQueryNode {
    const inner = super.transformUpdateQuery(node, queryId);
    return this.#scopeJoins(
      this.#withWhere(inner, [...(inner.table ? [inner.table] : []), ...(inner.from?.froms ?? [])]),
    );
  }

  protected override transformDeleteQuery(
    node: DeleteQueryNode,
    queryId?: { readonly queryId: string },
  ): DeleteQueryNode {
    const inner = super.transformDeleteQuery(node, queryId);
    return this.#scopeJoins(this.#withWhere(inner, [...inner.from.froms, ...(inner.using?.tables ?? [])]));
  }
}

export class OrgScopePlugin implements KyselyPlugin {
  readonly #transformer: OrgScopeTransformer;

  constructor(scope: OrgScope) {
    this.#transformer = new OrgScopeTransformer(scope);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** A connection that sees only the caller's org subtree. The head office root sees everything. */
export function scopedDb(db: Db, scope: OrgScope): Db {
  return db.withPlugin(new OrgScopePlugin(scope));
}
