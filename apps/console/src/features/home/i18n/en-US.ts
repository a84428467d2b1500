import type { LocaleShape } from '../../../app/i18n/types';
import type { homeZhCN } from './zh-CN';

export const homeEnUS: LocaleShape<typeof homeZhCN> = {
  welcome: 'Welcome, {{name}}',
  org: 'Organisation: {{org}}',
  roles: 'My roles',
  noRoles: 'No roles',
  pendingApprovals: 'My pending approvals',
  noPending: 'Nothing waiting for you',
  notifications: 'Latest notifications',
  shortcuts: 'Shortcuts',
};
