import { defaultRoles } from '@posops/contracts';
import type { Clock } from '@posops/kernel';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import { scopedDb } from '../../platform/db/org-scope';
import type { ServiceContext } from '../../platform/http/context';
import { recordAudit, systemOrigin } from '../audit';
import { anyOrgExists, insertOrg } from './orgs.repo';
import { hashPassword } from './passwords';
import { addRolePermissions, anyRoleExists, findRoleByCode, insertRole, roleIdsByCode } from './roles.repo';
import {
  addPasswordHistory,
  findUserByUsername,
  findUserWithOrgPath,
  grantUserRole,
  insertUser,
  setDemoPassword,
  userPermissions,
} from './users.repo';
import { grantRole } from './users.service';

/** Reference data every database needs: the default roles (only when there are none yet). */
export async function seedDefaultRoles(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (await anyRoleExists(tx)) return;
    for (const role of defaultRoles) {
      const row = await insertRole(tx, {
        code: role.code,
        name: role.zh,
        nameEn: role.en,
        privileged: role.privileged,
      });
      await addRolePermissions(tx, row.id, role.permissions);
    }
    await recordAudit(tx, systemOrigin('seed'), {
      action: 'role.seed',
      objectType: 'role',
      objectId: null,
      after: { roles: defaultRoles.map((r) => r.code) },
    });
  });
}

export const DEMO_PASSWORD = 'posops-demo-2026';

interface DemoOrg {
  key: string;
  parent: string | null;
  code: string;
  name: string;
  kind: 'head_office' | 'branch' | 'outlet' | 'agent';
}

const demoOrgs: DemoOrg[] = [
  { key: 'hq', parent: null, code: 'HQ', name: '示范银行总行', kind: 'head_office' },
  { key: 'bj', parent: 'hq', code: 'BJ', name: '北京分行', kind: 'branch' },
  { key: 'sh', parent: 'hq', code: 'SH', name: '上海分行', kind: 'branch' },
  { key: 'bjcy', parent: 'bj', code: 'BJCY', name: '北京朝阳支行', kind: 'outlet' },
  { key: 'bjhd', parent: 'bj', code: 'BJHD', name: '北京海淀支行', kind: 'outlet' },
  { key: 'shpd', parent: 'sh', code: 'SHPD', name: '上海浦东支行', kind: 'outlet' },
  { key: 'bjag', parent: 'bj', code: 'BJAG01', name: '京捷付代理', kind: 'agent' },
];

/** One demo login per role of PRODUCT.md, plus branch users to show org scoping. */
export const demoUsers: { username: string; name: string; org: string; role: string }[] = [
  { username: 'admin', name: '系统管理员', org: 'hq', role: 'sysadmin' },
  { username: 'admin2', name: '第二管理员', org: 'hq', role: 'sysadmin' },
  { username: 'ops', name: '运营经理', org: 'hq', role: 'ops_manager' },
  { username: 'analyst', name: '数据分析师', org: 'hq', role: 'analyst' },
  { username: 'sales.mgr', name: '销售经理', org: 'bj', role: 'sales_manager' },
  { username: 'sales', name: '销售人员', org: 'bjcy', role: 'sales_rep' },
  { username: 'frontdesk', name: '前台', org: 'bjcy', role: 'front_desk' },
  { username: 'backoffice', name: '后台', org: 'bj', role: 'back_office' },
  { username: 'risk', name: '风控专员', org: 'hq', role: 'risk_officer' },
  { username: 'settlement', name: '清算专员', org: 'hq', role: 'settlement' },
  { username: 'cs.lead', name: '客服主管', org: 'hq', role: 'cs_supervisor' },
  { username: 'cs', name: '客服专员', org: 'hq', role: 'cs_agent' },
  { username: 'engineer', name: '安装工', org: 'bjcy', role: 'field_engineer' },
  { username: 'procurement', name: '采购', org: 'hq', role: 'procurement' },
  { username: 'approver.hq', name: '总行审批', org: 'hq', role: 'approver' },
  { username: 'approver.bj', name: '北京分行审批', org: 'bj', role: 'approver' },
  { username: 'bj.admin', name: '北京分行管理员', org: 'bj', role: 'sysadmin' },
  { username: 'sh.admin', name: '上海分行管理员', org: 'sh', role: 'sysadmin' },
  { username: 'bj.ops', name: '北京分行运营', org: 'bj', role: 'ops_manager' },
  { username: 'sh.ops', name: '上海分行运营', org: 'sh', role: 'ops_manager' },
  { username: 'agent', name: '京捷付代理', org: 'bjag', role: 'agent' },
];

/** Seeds the demo bank on an empty database. Returns false when there was already data. */
export async function seedDemoBank(db: Db): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (tx) => {
    if (await anyOrgExists(tx)) return false;
    const ids = new Map<string, { id: string; path: string; depth: number }>();
    for (const org of demoOrgs) {
      const parent = org.parent ? ids.get(org.parent) : undefined;
      const id = crypto.randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      await insertOrg(tx, {
        id,
        parentId: parent?.id ?? null,
        code: org.code,
        name: org.name,
        kind: org.kind,
        path,
        depth: parent ? parent.depth + 1 : 0,
      });
      ids.set(org.key, { id, path, depth: parent ? parent.depth + 1 : 0 });
    }
    const roles = await roleIdsByCode(tx);
    for (const user of demoUsers) {
      const userId = await insertUser(tx, {
        orgId: ids.get(user.org)!.id,
        username: user.username,
        displayName: user.name,
        email: null,
        phone: null,
        passwordHash,
        mustChangePassword: false,
        isDemo: true,
      });
      await addPasswordHistory(tx, userId, passwordHash);
      const roleId = roles.get(user.role);
      if (roleId) await grantUserRole(tx, userId, roleId, null);
    }
    await recordAudit(tx, systemOrigin('demo-seed'), {
      action: 'demo.seed',
      objectType: 'org',
      objectId: ids.get('hq')!.id,
      after: { orgs: demoOrgs.map((o) => o.code), users: demoUsers.map((u) => u.username) },
    });
    return true;
  });
}

/**
 * A little life for the demo: two privileged grants waiting for a second administrator, so the
 * approvals inbox and the notifications of `admin2` show what the engine does.
 */
export async function seedDemoActivity(deps: { db: Db; clock: Clock; config: AppConfig }): Promise<void> {
  const ctx = await contextForUser(deps, 'admin');
  const grants: [string, string, string][] = [
    ['bj.ops', 'risk_officer', '北京分行风险排查需要 / Beijing risk review'],
    ['sh.ops', 'settlement', '上海分行月末结算支援 / Shanghai month-end settlement'],
  ];
  for (const [username, roleCode, reason] of grants) {
    const user = await findUserByUsername(deps.db, username);
    const role = await findRoleByCode(deps.db, roleCode);
    if (user && role) await grantRole(ctx, user.id, role.id, reason);
  }
}

/**
 * A service context acting as a given user, outside any HTTP request: for the demo data, which goes
 * through the same services (checks, state machines, audit) as a person would.
 */
export async function contextForUser(
  deps: { db: Db; clock: Clock; config: AppConfig },
  username: string,
): Promise<ServiceContext> {
  const user = await findUserWithOrgPath(deps.db, username);
  const permissions = await userPermissions(deps.db, user.id);
  return {
    db: scopedDb(deps.db, { orgId: user.org_id, orgPath: user.path }),
    system: deps.db,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      orgId: user.org_id,
      orgPath: user.path,
      permissions: new Set(permissions),
      sessionId: 'demo-seed',
      csrfToken: 'demo-seed',
      mustChangePassword: false,
      totpSetupRequired: false,
      locale: 'zh-CN',
      merchantId: null,
    },
    ip: null,
    requestId: null,
    clock: deps.clock,
    config: deps.config,
  };
}

/** Demo only: a login (e.g. a merchant's portal login) takes the published demo password. */
export async function useDemoPassword(db: Db, username: string): Promise<void> {
  const user = await findUserByUsername(db, username);
  if (!user) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await setDemoPassword(db, user.id, passwordHash);
}
