import type { ErrorCode, MessageRef } from '@posops/contracts';

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  TOTP_SETUP_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_POLICY: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  MAKER_CHECKER: 409,
  PAYLOAD_TOO_LARGE: 413,
  DOCUMENT_TYPE_NOT_ALLOWED: 415,
  DOCUMENT_OWNER_LOCKED: 409,
  DOCUMENT_CORRUPT: 500,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** The one error type of PosOps: a stable code, its HTTP status, a message, and field errors. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly fieldMessages: Record<string, MessageRef> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    fields?: Record<string, string>,
    fieldMessages?: Record<string, MessageRef>,
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = statusByCode[code];
    this.fields = fields;
    this.fieldMessages = fieldMessages;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { [field]: message });
}
