import type { LocaleShape } from '../../../app/i18n/types';
import type { auditZhCN } from './zh-CN';

export const auditEnUS: LocaleShape<typeof auditZhCN> = {
  title: 'Audit log',
  at: 'Time',
  range: 'Time range',
  actor: 'Actor',
  action: 'Action',
  objectType: 'Object type',
  objectId: 'Object ID',
  ip: 'IP address',
  before: 'Before',
  after: 'After',
  changed: 'Changed fields',
  system: 'System',
  exporting: 'Exporting…',
  exported: 'Export finished',
};
