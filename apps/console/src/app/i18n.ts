import type { Locale } from '@posops/contracts';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { approvalsEnUS } from '../features/approvals/i18n/en-US';
import { approvalsZhCN } from '../features/approvals/i18n/zh-CN';
import { auditEnUS } from '../features/audit/i18n/en-US';
import { auditZhCN } from '../features/audit/i18n/zh-CN';
import { authEnUS } from '../features/auth/i18n/en-US';
import { authZhCN } from '../features/auth/i18n/zh-CN';
import { homeEnUS } from '../features/home/i18n/en-US';
import { homeZhCN } from '../features/home/i18n/zh-CN';
import { merchantsEnUS } from '../features/merchants/i18n/en-US';
import { merchantsZhCN } from '../features/merchants/i18n/zh-CN';
import { notificationsEnUS } from '../features/notifications/i18n/en-US';
import { notificationsZhCN } from '../features/notifications/i18n/zh-CN';
import { orgsEnUS } from '../features/orgs/i18n/en-US';
import { orgsZhCN } from '../features/orgs/i18n/zh-CN';
import { reviewEnUS } from '../features/permission-review/i18n/en-US';
import { reviewZhCN } from '../features/permission-review/i18n/zh-CN';
import { portalEnUS } from '../features/portal/i18n/en-US';
import { portalZhCN } from '../features/portal/i18n/zh-CN';
import { rolesEnUS } from '../features/roles/i18n/en-US';
import { rolesZhCN } from '../features/roles/i18n/zh-CN';
import { terminalsEnUS } from '../features/terminals/i18n/en-US';
import { terminalsZhCN } from '../features/terminals/i18n/zh-CN';
import { usersEnUS } from '../features/users/i18n/en-US';
import { usersZhCN } from '../features/users/i18n/zh-CN';
import { workordersEnUS } from '../features/workorders/i18n/en-US';
import { workordersZhCN } from '../features/workorders/i18n/zh-CN';
import { dayjsLocaleOf } from './format';
import { commonEnUS } from './i18n/en-US';
import { messagesEnUS } from './i18n/messages.en-US';
import { messagesZhCN } from './i18n/messages.zh-CN';
import { commonZhCN } from './i18n/zh-CN';

export const locales: readonly Locale[] = ['zh-CN', 'en-US'];
export const defaultLocale: Locale = 'zh-CN';
const storageKey = 'posops.locale';

const resources = {
  'zh-CN': {
    translation: {
      ...commonZhCN,
      auth: authZhCN,
      home: homeZhCN,
      notifications: notificationsZhCN,
      orgs: orgsZhCN,
      users: usersZhCN,
      roles: rolesZhCN,
      review: reviewZhCN,
      audit: auditZhCN,
      approvals: approvalsZhCN,
      merchants: merchantsZhCN,
      terminals: terminalsZhCN,
      workorders: workordersZhCN,
      portal: portalZhCN,
      messages: messagesZhCN,
    },
  },
  'en-US': {
    translation: {
      ...commonEnUS,
      auth: authEnUS,
      home: homeEnUS,
      notifications: notificationsEnUS,
      orgs: orgsEnUS,
      users: usersEnUS,
      roles: rolesEnUS,
      review: reviewEnUS,
      audit: auditEnUS,
      approvals: approvalsEnUS,
      merchants: merchantsEnUS,
      terminals: terminalsEnUS,
      workorders: workordersEnUS,
      portal: portalEnUS,
      messages: messagesEnUS,
    },
  },
};

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en-US';
}

export function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(storageKey);
    return isLocale(value) ? value : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

/** Switches every locale-dependent part: i18next, dayjs, the document language and the remembered choice. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // storage unavailable (private mode): the choice lasts for this page only
  }
  dayjs.locale(dayjsLocaleOf(locale));
  document.documentElement.lang = locale;
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : defaultLocale;
}

export function initI18n(): void {
  const locale = storedLocale();
  void i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: defaultLocale,
    supportedLngs: [...locales],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  dayjs.locale(dayjsLocaleOf(locale));
  document.documentElement.lang = locale;
}
