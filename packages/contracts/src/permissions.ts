/**
 * The permission catalogue: one permission per action. The server refuses to start a route that
 * names a permission not listed here, and the console filters its menu by these names.
 */
export const permissionCatalogue = [
  { key: 'org.read', module: 'identity', zh: '查看机构', en: 'View organisations' },
  { key: 'org.create', module: 'identity', zh: '新建机构', en: 'Create organisations' },
  { key: 'org.update', module: 'identity', zh: '修改机构', en: 'Edit organisations' },
  { key: 'user.read', module: 'identity', zh: '查看用户', en: 'View users' },
  { key: 'user.create', module: 'identity', zh: '新建用户', en: 'Create users' },
  { key: 'user.update', module: 'identity', zh: '修改用户', en: 'Edit users' },
  { key: 'user.disable', module: 'identity', zh: '停用/启用用户', en: 'Disable and enable users' },
  { key: 'user.resetPassword', module: 'identity', zh: '重置密码', en: 'Reset passwords' },
  { key: 'role.read', module: 'identity', zh: '查看角色', en: 'View roles' },
  { key: 'role.create', module: 'identity', zh: '新建角色', en: 'Create roles' },
  { key: 'role.update', module: 'identity', zh: '修改角色权限', en: 'Edit role permissions' },
  { key: 'role.assign', module: 'identity', zh: '分配角色', en: 'Assign roles to users' },
  { key: 'permissionReview.read', module: 'identity', zh: '查看权限审核', en: 'View permission review' },
  { key: 'permissionReview.record', module: 'identity', zh: '记录权限审核', en: 'Record permission reviews' },
  { key: 'audit.read', module: 'audit', zh: '查看审计日志', en: 'View the audit log' },
  { key: 'audit.export', module: 'audit', zh: '导出审计日志', en: 'Export the audit log' },
  { key: 'approval.read', module: 'approvals', zh: '查看审批', en: 'View approval requests' },
  { key: 'approval.decide', module: 'approvals', zh: '审批决定', en: 'Decide approval steps' },
  { key: 'approval.configure', module: 'approvals', zh: '配置审批流程', en: 'Configure approval chains' },
  {
    key: 'merchantApplication.read',
    module: 'merchants',
    zh: '查看进件申请',
    en: 'View merchant applications',
  },
  {
    key: 'merchantApplication.create',
    module: 'merchants',
    zh: '录入/提交进件申请',
    en: 'Enter and submit merchant applications',
  },
  {
    key: 'merchantApplication.review',
    module: 'merchants',
    zh: '资料审核',
    en: 'Review merchant applications',
  },
  { key: 'blacklist.read', module: 'risk', zh: '查看黑名单', en: 'View the blacklist' },
  { key: 'blacklist.manage', module: 'risk', zh: '维护黑名单', en: 'Maintain the blacklist' },
  { key: 'document.read', module: 'documents', zh: '查看/预览资料文件', en: 'View and preview documents' },
  { key: 'document.upload', module: 'documents', zh: '上传资料文件', en: 'Upload documents' },
  { key: 'document.delete', module: 'documents', zh: '删除资料文件', en: 'Remove documents' },
  { key: 'merchant.read', module: 'merchants', zh: '查看商户', en: 'View merchants' },
  { key: 'merchant.goLive', module: 'merchants', zh: '商户开通', en: 'Take merchants live' },
  {
    key: 'merchant.manageStatus',
    module: 'merchants',
    zh: '商户停机/冻结/注销',
    en: 'Suspend, freeze or close merchants',
  },
  {
    key: 'merchantChange.request',
    module: 'merchants',
    zh: '提交商户变更申请',
    en: 'Request merchant changes (account, address, rates, limits)',
  },
  { key: 'training.record', module: 'merchants', zh: '记录培训', en: 'Record trainings' },
  { key: 'terminal.read', module: 'terminals', zh: '查看机具台账', en: 'View the terminal ledger' },
  {
    key: 'terminal.manage',
    module: 'terminals',
    zh: '维护机具状态（故障、维修、停用、丢失）',
    en: 'Record terminal faults, repairs, retirement and losses',
  },
  {
    key: 'terminal.upgrade',
    module: 'terminals',
    zh: '远程升级（创建、启动、暂停、取消升级任务）',
    en: 'Run remote upgrade campaigns (create, start, pause, cancel)',
  },
  { key: 'terminal.import', module: 'terminals', zh: '机具入库导入', en: 'Import terminals into stock' },
  {
    key: 'terminal.transfer',
    module: 'terminals',
    zh: '机具调拨（下发/回拨/签收）',
    en: 'Transfer terminals between warehouses, dispatch and receive',
  },
  { key: 'procurement.read', module: 'terminals', zh: '查看采购', en: 'View procurement' },
  {
    key: 'procurement.manage',
    module: 'terminals',
    zh: '采购申请、下单与到货验收',
    en: 'Request, order and receive terminals',
  },
  {
    key: 'catalogue.manage',
    module: 'terminals',
    zh: '维护机型目录与供应商',
    en: 'Maintain terminal models and suppliers',
  },
  { key: 'workOrder.read', module: 'workorders', zh: '查看工单', en: 'View work orders' },
  { key: 'workOrder.complete', module: 'workorders', zh: '完成工单', en: 'Complete work orders' },
  { key: 'workOrder.assign', module: 'workorders', zh: '派单', en: 'Assign work orders to engineers' },
  { key: 'portal.read', module: 'portal', zh: '商户自助', en: 'Merchant portal' },
  { key: 'ratePlan.read', module: 'pricing', zh: '查看费率方案', en: 'View rate plans' },
  { key: 'contract.read', module: 'merchants', zh: '查看商户协议', en: 'View merchant contracts' },
  {
    key: 'contract.manage',
    module: 'merchants',
    zh: '生成/签署商户协议',
    en: 'Generate and sign merchant contracts',
  },
  { key: 'system.monitor', module: 'ops', zh: '系统监控', en: 'System monitoring' },
] as const;

export type Permission = (typeof permissionCatalogue)[number]['key'];

export const permissionKeys: readonly Permission[] = permissionCatalogue.map((p) => p.key);

export function isPermission(value: string): value is Permission {
  return (permissionKeys as readonly string[]).includes(value);
}
