import { App, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The text for an error: `errors.<CODE>` in the current language, else the server's own message. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return t(`errors.${error.code}`, { defaultValue: error.message });
  if (error instanceof Error && error.message) return error.message;
  return t('errors.UNKNOWN');
}

function namePath(dotted: string): (string | number)[] {
  return dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Reports an error where the user will see it: field errors next to the form items they name,
 * anything else in a toast.
 */
export function useErrorReporter(): (error: unknown, form?: FormInstance) => void {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (
        error instanceof ApiError &&
        (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')
      ) {
        message.warning(errorText(t, error));
        return;
      }
      const unmatched: string[] = [];
      if (error instanceof ApiError && error.fields && form) {
        const registered = new Set(form.getFieldsError().map((field) => field.name.join('.')));
        const matched = Object.entries(error.fields).filter(([path, text]) => {
          if (registered.has(path)) return true;
          unmatched.push(`${path}: ${text}`);
          return false;
        });
        form.setFields(matched.map(([path, text]) => ({ name: namePath(path), errors: [text] })));
        if (matched.length > 0 && unmatched.length === 0) return;
      } else if (error instanceof ApiError && error.fields) {
        for (const [path, text] of Object.entries(error.fields)) unmatched.push(`${path}: ${text}`);
      }
      const head = errorText(t, error);
      message.error(unmatched.length > 0 ? `${head} ${unmatched.join('; ')}` : head);
    },
    [t, message],
  );
}
