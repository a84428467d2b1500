import type { TFunction } from 'i18next';
import { ApiError } from '../../../api/client';
import { procurementFieldMessage } from '../model';

/**
 * The procurement endpoints answer their field errors in English without message keys: this puts them in
 * the language on screen (those it knows), so the error reporter shows them under their fields.
 */
export function localiseProcurementError(t: TFunction, error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.fields) return error;
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([path, raw]) => {
      if (error.fieldMessages?.[path]) return [path, raw];
      const known = procurementFieldMessage(raw);
      return [path, known ? t(`terminals.procurement.serverErrors.${known.key}`, { ...known.params }) : raw];
    }),
  );
  return new ApiError(error.status, error.code, error.message, fields, error.fieldMessages);
}
