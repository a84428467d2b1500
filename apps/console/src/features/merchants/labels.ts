import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The text at a message key when it is a string (not a group of keys), else undefined. */
function textAt(t: TFunction, key: string): string | undefined {
  const value = t(key, { returnObjects: true, defaultValue: '' }) as unknown;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The label of a form field named by its dotted path (`legalRep.idNumber`, `terminals.0.count`,
 * `documents.licence`), falling back to its section's name, then to the path itself.
 */
export function fieldLabel(t: TFunction, path: string): string {
  const parts = path.split('.');
  const index = parts.find((p) => /^\d+$/.test(p));
  const bare = parts.filter((p) => !/^\d+$/.test(p));
  for (let n = bare.length; n > 0; n--) {
    const label = textAt(t, `merchants.fields.${bare.slice(0, n).join('.')}`);
    if (label) {
      const terminal =
        index !== undefined ? `${t('merchants.form.terminalN', { n: Number(index) + 1 })} · ` : '';
      return n === bare.length ? `${terminal}${label}` : `${terminal}${label} (${bare.slice(n).join('.')})`;
    }
  }
  return textAt(t, `merchants.sections.${bare[0]}`) ?? path;
}

export function useFieldLabel(): (path: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback((path) => (path ? fieldLabel(t, path) : '—'), [t]);
}

/**
 * A server message about a field in the user's language where it is a plain "missing" (the shape
 * checks answer in English); checksum findings and the like are shown as the server words them.
 */
export function fieldMessage(t: TFunction, path: string, message: string): string {
  if (path.startsWith('documents.') && /missing$/.test(message)) {
    return t('merchants.form.documentRequired', { name: fieldLabel(t, path) });
  }
  if (/received undefined$|^required\b|^Invalid option: expected one of/i.test(message)) {
    return t('merchants.form.required');
  }
  return message;
}

/** The translated name of a checklist item. */
export function checkItemLabel(t: TFunction, item: string): string {
  return t(`merchants.checks.items.${item}`, { defaultValue: item });
}
