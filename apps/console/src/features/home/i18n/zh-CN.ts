export const homeZhCN = {
  welcome: '欢迎，{{name}}',
  org: '所属机构：{{org}}',
  roles: '我的角色',
  noRoles: '暂无角色',
  pendingApprovals: '待我审批',
  noPending: '暂无待审批事项',
  notifications: '最新通知',
  shortcuts: '快捷入口',
};
