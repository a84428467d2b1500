import { AppError } from '@posops/kernel';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const keyPattern = /^[\w-]{8,128}$/;
export const IDEMPOTENCY_TTL_HOURS = 24;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/**
 * A write sent with `Idempotency-Key` runs once per user and key: a retry after a timeout, or a double
 * click, gets the first answer back (with `Idempotent-Replay: true`) and changes nothing. The same key
 * on another request is refused; while the first is still running, the second is told so.
 */
export function installIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[IDEMPOTENCY_HEADER];
    const actor = request.actor;
    if (key === undefined || !actor || !writeMethods.has(request.method)) return;
    if (typeof key !== 'string' || !keyPattern.test(key)) {
      throw new AppError('VALIDATION_FAILED', `${IDEMPOTENCY_HEADER}: 8–128 letters, digits, _ or -`, {
        [IDEMPOTENCY_HEADER]: 'invalid key',
      });
    }
    const url = request.url;
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({ user_id: actor.userId, key, method: request.method, url })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      request.idempotencyKey = key;
      return;
    }
    const first = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', actor.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!first || first.method !== request.method || first.url !== url) {
      throw new AppError('CONFLICT', `${IDEMPOTENCY_HEADER} already used for another request`);
    }
    if (first.status === null) throw new AppError('CONFLICT', 'the same request is still being processed');
    if (first.body === null) {
      throw new AppError(
        'CONFLICT',
        'this request was already processed; its answer held a one-time secret and is not repeated',
      );
    }
    reply.status(first.status).header('idempotent-replay', 'true').type('application/json; charset=utf-8');
    return reply.send(first.body ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    const actor = request.actor;
    if (!key || !actor) return payload;
    if (reply.statusCode >= 500 || (payload !== null && typeof payload !== 'string')) {
      // Nothing durable to replay: let a retry run again.
      await db
        .deleteFrom('idempotency_keys')
        .where('user_id', '=', actor.userId)
        .where('key', '=', key)
        .execute();
    } else {
      await db
        .updateTable('idempotency_keys')
        .set({
          status: reply.statusCode,
          body: request.routeOptions.config?.secretResponse ? null : (payload ?? ''),
        })
        .where('user_id', '=', actor.userId)
        .where('key', '=', key)
        .execute();
    }
    return payload;
  });
}

export async function deleteExpiredIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
