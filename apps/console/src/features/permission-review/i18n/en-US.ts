import type { LocaleShape } from '../../../app/i18n/types';
import type { reviewZhCN } from './zh-CN';

export const reviewEnUS: LocaleShape<typeof reviewZhCN> = {
  title: 'Permission review',
  intro:
    'Review every user’s roles regularly: privileged roles are shown in red, accounts unused for long are dormant.',
  user: 'User',
  org: 'Organisation',
  roles: 'Roles',
  lastLogin: 'Last login',
  dormant: 'Dormant',
  dormantFilter: 'Dormant accounts',
  onlyDormant: 'Dormant only',
  onlyActive: 'Not dormant',
  lastReviewed: 'Last reviewed',
  never: 'Never reviewed',
  review: 'Reviewed',
  reviewTitle: 'Record review: {{name}}',
  outcome: 'Outcome',
  confirmed: 'Confirmed',
  changesRequested: 'Changes requested',
  commentPlaceholder: 'Comment (say what should change)',
  recorded: 'Review recorded',
  keywordPlaceholder: 'User name / name',
};
