import type { LocaleShape } from '../../../app/i18n/types';
import type { orgsZhCN } from './zh-CN';

export const orgsEnUS: LocaleShape<typeof orgsZhCN> = {
  title: 'Organisations',
  name: 'Name',
  code: 'Code',
  kind: 'Kind',
  parent: 'Parent',
  kinds: {
    head_office: 'Head office',
    branch: 'Branch',
    outlet: 'Outlet',
    agent: 'Agent',
  },
  addChild: 'Add child',
  createTitle: 'New child organisation',
  editTitle: 'Edit organisation',
  codeHint: '2–16 capital letters or digits; cannot be changed later',
  created: 'Organisation created',
  updated: 'Organisation updated',
  selectOrg: 'Select an organisation',
  expandAll: 'Expand all',
  collapseAll: 'Collapse all',
};
