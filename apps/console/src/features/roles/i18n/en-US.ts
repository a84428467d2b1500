import type { LocaleShape } from '../../../app/i18n/types';
import type { rolesZhCN } from './zh-CN';

export const rolesEnUS: LocaleShape<typeof rolesZhCN> = {
  title: 'Roles',
  create: 'New role',
  createTitle: 'New role',
  editTitle: 'Edit role',
  code: 'Code',
  codeHint: '2–32 lower-case letters, digits or underscores, starting with a letter; cannot be changed later',
  name: 'Chinese name',
  nameEn: 'English name',
  privileged: 'Privileged',
  privilegedHint: 'Granting a privileged role needs another administrator’s approval',
  permissions: 'Permissions',
  permissionCount: '{{count}} permissions',
  userCount: 'Users',
  selectAll: 'All',
  created: 'Role created',
  updated: 'Role updated',
  modules: {
    identity: 'Users and organisations',
    audit: 'Audit',
    approvals: 'Approvals',
    ops: 'Operations',
  },
};
