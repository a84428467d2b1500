import type { LocaleShape } from '../../../app/i18n/types';
import type { authZhCN } from './zh-CN';

export const authEnUS: LocaleShape<typeof authZhCN> = {
  login: {
    title: 'Log in',
    subtitle: 'POS acquiring operations',
    username: 'User name',
    password: 'Password',
    totp: 'Authenticator code',
    totpHint: 'Enter the 6 digits shown by your authenticator app',
    submit: 'Log in',
    required: 'Please enter the {{field}}',
    totpFormat: 'Enter 6 digits',
  },
  changePassword: {
    title: 'Change password',
    forced: 'This is your first login or your password was reset: set a new password to continue.',
    current: 'Current password',
    next: 'New password',
    confirm: 'Confirm new password',
    mismatch: 'The two new passwords differ',
    policy:
      'At least 12 characters with letters and digits; not containing your user name, not a common password, not one of your last 4.',
    done: 'Password changed',
  },
  totp: {
    title: 'Two-factor authentication',
    forced: 'Your role requires two-factor authentication: finish the set-up to continue.',
    enabled: 'Two-factor authentication is on.',
    intro: 'Add the account to an authenticator app (Google Authenticator, Microsoft Authenticator, …):',
    start: 'Start set-up',
    secret: 'Secret',
    url: 'otpauth URL',
    code: 'Code',
    codeHint: 'Enter the 6 digits shown by the app',
    enable: 'Turn on',
    done: 'Two-factor authentication turned on',
  },
};
