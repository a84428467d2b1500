import { AppError } from '@posops/kernel';

/** A refusal of 远程升级 on one field, in English and as a key the console translates (`messages.upgrade.*`). */
export const refuse = (
  field: string,
  message: string,
  key: string,
  params?: Record<string, string | number>,
) =>
  new AppError(
    'VALIDATION_FAILED',
    message,
    { [field]: message },
    { [field]: params ? { key: `upgrade.${key}`, params } : { key: `upgrade.${key}` } },
  );
