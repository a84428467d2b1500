/**
 * Stable error codes. The server answers `{ code, message, fields? }`; the console translates by code
 * (`errors.<CODE>` in its locale files) and shows `fields` next to the form items they name.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'TOTP_SETUP_REQUIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_POLICY',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'CSRF_TOKEN_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'MAKER_CHECKER',
  'PAYLOAD_TOO_LARGE',
  'DOCUMENT_TYPE_NOT_ALLOWED',
  'DOCUMENT_OWNER_LOCKED',
  'DOCUMENT_CORRUPT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A message the console translates: `messages.<key>` with its parameters; the English text is the fallback. */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field path (dotted) → message, for validation errors. */
  fields?: Record<string, string>;
  /** Field path → the same message as a key to translate, where the server has one. */
  fieldMessages?: Record<string, MessageRef>;
}
