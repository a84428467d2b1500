import type { ErrorBody } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** PostgreSQL refuses a NUL character in text (invalid byte sequence): the client sent it. */
const PG_CHARACTER_NOT_IN_REPERTOIRE = '22021';

/** The error handler: a stable code and a precise message for the client, never a stack trace. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, body: ErrorBody) => reply.status(status).send(body);
    if (error instanceof AppError) {
      return send(error.status, {
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.fieldMessages ? { fieldMessages: error.fieldMessages } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const keys = (issue.params as { keys?: unknown } | undefined)?.keys;
        if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
          for (const key of keys) fields[where ? `${where}.${key}` : String(key)] = 'unknown field';
        } else {
          fields[where || (error.validationContext ?? 'body')] = issue.message ?? 'invalid';
        }
      }
      const summary = Object.entries(fields)
        .map(([f, m]) => `${f}: ${m}`)
        .join('; ');
      return send(400, {
        code: 'VALIDATION_FAILED',
        message: `invalid ${error.validationContext}: ${summary}`,
        fields,
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(413, { code: 'PAYLOAD_TOO_LARGE', message: 'request body too large' });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(415, { code: 'VALIDATION_FAILED', message: 'content type must be application/json' });
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return send(400, { code: 'VALIDATION_FAILED', message: 'malformed JSON body' });
    }
    if ((error as { code?: unknown }).code === PG_CHARACTER_NOT_IN_REPERTOIRE) {
      return send(400, { code: 'VALIDATION_FAILED', message: 'text must not contain NUL characters' });
    }
    if (error instanceof SyntaxError || (error.statusCode === 400 && !isResponseSerializationError(error))) {
      return send(400, { code: 'VALIDATION_FAILED', message: error.message });
    }
    if (error.statusCode === 429) return send(429, { code: 'RATE_LIMITED', message: 'too many requests' });
    request.log.error({ err: error }, 'unhandled error');
    return send(500, { code: 'INTERNAL', message: 'internal error' });
  });
}
