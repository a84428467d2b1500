import type { Permission } from './permissions';

export interface DefaultRole {
  code: string;
  zh: string;
  en: string;
  /** Granting a privileged role to someone needs another administrator's approval. */
  privileged: boolean;
  permissions: readonly Permission[];
}

const readIdentity: Permission[] = ['org.read', 'user.read', 'role.read'];
const approver: Permission[] = ['approval.read', 'approval.decide'];

/** The foundation roles; later modules add their permissions below. */
const foundationRoles: readonly DefaultRole[] = [
  {
    code: 'sysadmin',
    zh: '系统管理员',
    en: 'System administrator',
    privileged: true,
    permissions: [
      'org.read',
      'org.create',
      'org.update',
      'user.read',
      'user.create',
      'user.update',
      'user.disable',
      'user.resetPassword',
      'role.read',
      'role.create',
      'role.update',
      'role.assign',
      'permissionReview.read',
      'permissionReview.record',
      'audit.read',
      'audit.export',
      'approval.read',
      'approval.decide',
      'approval.configure',
      'system.monitor',
    ],
  },
  {
    code: 'ops_manager',
    zh: '运营经理',
    en: 'Operations manager',
    privileged: false,
    permissions: [...readIdentity, 'audit.read', ...approver],
  },
  { code: 'analyst', zh: '数据分析师', en: 'Data analyst', privileged: false, permissions: ['org.read'] },
  {
    code: 'sales_manager',
    zh: '销售经理',
    en: 'Sales manager',
    privileged: false,
    permissions: readIdentity,
  },
  { code: 'sales_rep', zh: '销售人员', en: 'Sales rep', privileged: false, permissions: ['org.read'] },
  { code: 'front_desk', zh: '前台', en: 'Front desk', privileged: false, permissions: ['org.read'] },
  { code: 'back_office', zh: '后台', en: 'Back office', privileged: false, permissions: ['org.read'] },
  {
    code: 'risk_officer',
    zh: '风控专员',
    en: 'Risk officer',
    privileged: true,
    permissions: ['org.read', 'audit.read', ...approver],
  },
  {
    code: 'settlement',
    zh: '清算/财务',
    en: 'Settlement and finance',
    privileged: true,
    permissions: ['org.read', ...approver],
  },
  {
    code: 'cs_supervisor',
    zh: '客服主管',
    en: 'CS supervisor',
    privileged: false,
    permissions: ['org.read'],
  },
  { code: 'cs_agent', zh: '客服专员', en: 'CS agent', privileged: false, permissions: ['org.read'] },
  {
    code: 'field_engineer',
    zh: '安装工',
    en: 'Field engineer',
    privileged: false,
    permissions: ['org.read'],
  },
  { code: 'procurement', zh: '采购', en: 'Procurement', privileged: false, permissions: ['org.read'] },
  {
    code: 'approver',
    zh: '审批领导',
    en: 'Approver',
    privileged: false,
    permissions: [...readIdentity, ...approver],
  },
  { code: 'agent', zh: '代理商', en: 'Agent', privileged: false, permissions: ['org.read'] },
];

/** What each role may do with merchant applications (进件) and the blacklist. */
const merchantPermissions: Record<string, readonly Permission[]> = {
  sysadmin: ['merchantApplication.read', 'blacklist.read'],
  ops_manager: ['merchantApplication.read', 'merchantApplication.review', 'blacklist.read'],
  sales_manager: ['merchantApplication.read', 'merchantApplication.create'],
  sales_rep: ['merchantApplication.read', 'merchantApplication.create'],
  front_desk: ['merchantApplication.read', 'merchantApplication.create'],
  back_office: ['merchantApplication.read', 'merchantApplication.review', 'blacklist.read'],
  risk_officer: ['merchantApplication.read', 'blacklist.read', 'blacklist.manage'],
  approver: ['merchantApplication.read'],
  agent: ['merchantApplication.read', 'merchantApplication.create'],
};

/** Who may see, upload and remove documents (ID cards, licences, photos); each owner module decides when. */
const documentReadWrite: readonly Permission[] = ['document.read', 'document.upload', 'document.delete'];
const documentPermissions: Record<string, readonly Permission[]> = {
  sysadmin: documentReadWrite,
  ops_manager: documentReadWrite,
  sales_manager: documentReadWrite,
  sales_rep: documentReadWrite,
  front_desk: documentReadWrite,
  back_office: documentReadWrite,
  agent: documentReadWrite,
  // Site photos and the merchant's signature on a work order.
  field_engineer: documentReadWrite,
  risk_officer: ['document.read'],
  approver: ['document.read'],
};

/** 签约: who generates and signs contracts, who reads them; the rate plan catalogue for most staff. */
const contractPermissions: Record<string, readonly Permission[]> = {
  sysadmin: ['ratePlan.read'],
  ops_manager: ['contract.read', 'contract.manage', 'ratePlan.read'],
  analyst: ['ratePlan.read'],
  sales_manager: ['contract.read', 'contract.manage', 'ratePlan.read'],
  sales_rep: ['ratePlan.read'],
  front_desk: ['contract.read', 'ratePlan.read'],
  back_office: ['contract.read', 'contract.manage', 'ratePlan.read'],
  risk_officer: ['contract.read', 'ratePlan.read'],
  settlement: ['ratePlan.read'],
  cs_supervisor: ['ratePlan.read'],
  cs_agent: ['ratePlan.read'],
  approver: ['contract.read', 'ratePlan.read'],
  agent: ['ratePlan.read'],
};

/** The roles of PRODUCT.md, seeded on an empty database and editable afterwards. */
const merchantRole: DefaultRole = {
  code: 'merchant',
  zh: '商户',
  en: 'Merchant',
  privileged: false,
  permissions: ['portal.read'],
};

/** What each role may do with merchants once live: go-live, trainings, installation work orders. */
const goLivePermissions: Record<string, readonly Permission[]> = {
  sysadmin: ['merchant.read', 'workOrder.read'],
  ops_manager: [
    'merchant.read',
    'merchant.goLive',
    'merchant.manageStatus',
    'merchantChange.request',
    'training.record',
    'workOrder.read',
    'workOrder.complete',
    'workOrder.assign',
  ],
  back_office: [
    'merchant.read',
    'merchant.goLive',
    'merchantChange.request',
    'training.record',
    'workOrder.read',
    'workOrder.assign',
  ],
  sales_manager: ['merchant.read', 'merchantChange.request', 'training.record'],
  sales_rep: ['merchant.read', 'training.record'],
  front_desk: ['merchant.read'],
  risk_officer: ['merchant.read', 'merchant.manageStatus', 'merchantChange.request'],
  approver: ['merchant.read'],
  analyst: ['merchant.read'],
  cs_supervisor: ['merchant.read'],
  cs_agent: ['merchant.read'],
  field_engineer: ['merchant.read', 'training.record', 'workOrder.read', 'workOrder.complete'],
  agent: ['merchant.read'],
};

/** 机具管理: the ledger for most staff; stock and catalogue for operations and procurement. */
const terminalPermissions: Record<string, readonly Permission[]> = {
  sysadmin: ['terminal.read'],
  ops_manager: [
    'terminal.read',
    'terminal.manage',
    'terminal.upgrade',
    'terminal.import',
    'terminal.transfer',
    'catalogue.manage',
    'procurement.read',
    'procurement.manage',
  ],
  procurement: [
    'terminal.read',
    'terminal.import',
    'terminal.transfer',
    'catalogue.manage',
    'procurement.read',
    'procurement.manage',
  ],
  approver: ['procurement.read'],
  field_engineer: ['terminal.read', 'terminal.manage'],
  back_office: ['terminal.read'],
  risk_officer: ['terminal.read'],
  analyst: ['terminal.read', 'procurement.read'],
  cs_supervisor: ['terminal.read'],
  cs_agent: ['terminal.read'],
  agent: ['terminal.read', 'terminal.transfer'],
};

export const defaultRoles: readonly DefaultRole[] = [...foundationRoles, merchantRole].map((role) => ({
  ...role,
  permissions: [
    ...new Set([
      ...role.permissions,
      ...(merchantPermissions[role.code] ?? []),
      ...(documentPermissions[role.code] ?? []),
      ...(goLivePermissions[role.code] ?? []),
      ...(contractPermissions[role.code] ?? []),
      ...(terminalPermissions[role.code] ?? []),
    ]),
  ],
}));
