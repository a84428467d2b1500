import type { LocaleShape } from '../../../app/i18n/types';
import type { notificationsZhCN } from './zh-CN';

export const notificationsEnUS: LocaleShape<typeof notificationsZhCN> = {
  title: 'Notifications',
  empty: 'No notifications',
  unread: 'Unread',
  unreadCount: '{{count}} unread',
};
