export const notificationsZhCN = {
  title: '通知',
  empty: '暂无通知',
  unread: '未读',
  unreadCount: '{{count}} 条未读',
};
