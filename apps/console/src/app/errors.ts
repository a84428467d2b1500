import type { MessageRef } from '@posops/contracts';
import { App, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A message the server sent as a key (`messages.<key>` with its params), else its English fallback. */
export function messageText(t: TFunction, message: MessageRef | null | undefined, fallback: string): string {
  if (!message) return fallback;
  return t(`messages.${message.key}`, { ...message.params, defaultValue: fallback });
}

/** The text for an error: `errors.<CODE>` in the current language, else the server's own message. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return t(`errors.${error.code}`, { defaultValue: error.message });
  if (error instanceof Error && error.message) return error.message;
  return t('errors.UNKNOWN');
}

function namePath(dotted: string): (string | number)[] {
  return dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export interface FieldMapping {
  /**
   * Turns a server field path into the form's own (e.g. `steps.0.minAmountMinor` → `steps.0.minAmountYuan`
   * when the form edits the value in another unit).
   */
  mapField?: (path: string) => string;
}

/**
 * The registered form item a server field path belongs to: the path itself, else its nearest registered
 * ancestor (`steps.1.grades.0` → `steps.1.grades`, a Form.List item → the list), else none.
 */
function registeredPath(path: string, registered: ReadonlySet<string>): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (registered.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Reports an error where the user will see it: field errors next to the form items they name (list
 * paths such as `steps.0.roleCode` included), anything else in a toast.
 */
export function useErrorReporter(): (error: unknown, form?: FormInstance, mapping?: FieldMapping) => void {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance, mapping?: FieldMapping) => {
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
        const matched = new Map<string, string[]>();
        for (const [path, raw] of Object.entries(error.fields)) {
          const text = messageText(t, error.fieldMessages?.[path], raw);
          const target = registeredPath(mapping?.mapField?.(path) ?? path, registered);
          if (target === undefined) unmatched.push(`${path}: ${text}`);
          else matched.set(target, [...(matched.get(target) ?? []), text]);
        }
        form.setFields([...matched].map(([path, errors]) => ({ name: namePath(path), errors })));
        if (matched.size > 0 && unmatched.length === 0) return;
      } else if (error instanceof ApiError && error.fields) {
        for (const [path, raw] of Object.entries(error.fields))
          unmatched.push(`${path}: ${messageText(t, error.fieldMessages?.[path], raw)}`);
      }
      const head = errorText(t, error);
      message.error(unmatched.length > 0 ? `${head} ${unmatched.join('; ')}` : head);
    },
    [t, message],
  );
}
