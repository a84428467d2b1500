import { sql } from 'kysely';

/**
 * `column IN (the org and every org below it)`: the "org" filter of lists. The caller's own scope still
 * applies to the table filtered (the org-scope plugin), so this narrows and never widens.
 */
export function inOrgSubtree(column: string, orgId: string) {
  return sql<boolean>`${sql.ref(column)} IN (
    SELECT sub.id FROM orgs sub
    WHERE sub.path LIKE (SELECT top.path || '%' FROM orgs top WHERE top.id = ${orgId}))`;
}
