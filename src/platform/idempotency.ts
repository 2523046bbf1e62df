import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/transaction.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A POST that creates something: an `Idempotency-Key` header makes a retry answer the first result. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyKey: { personId: string; key: string } | null;
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

const idempotencyKeyHeader = z
  .string()
  .optional()
  .describe(
    '再送しても1回だけ処理されるようにするキー（例: UUID、24時間有効） / a key (e.g. a UUID, kept 24 h) that makes a retry answer the first result',
  );
/** A key still "in progress" after this long belongs to a request that died; a retry may take it over. */
const STALE_MS = 60_000;
/** Keys are kept a day: long enough for any client retry, short enough to stay small. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

function requestHash(method: string, url: string, body: unknown): Buffer {
  const hash = createHash('sha256').update(`${method} ${url}\n`);
  // An uploaded file is hashed as bytes: JSON.stringify of a 10 MB Buffer would take ~0.4 s.
  return (Buffer.isBuffer(body) ? hash.update(body) : hash.update(JSON.stringify(body ?? null))).digest();
}

/**
 * Mobile networks retry. For routes marked `idempotent`, the first request with a key claims it, and its
 * answer (2xx or 4xx) is stored; a replay gets that answer back with `Idempotent-Replayed: true`, a
 * concurrent duplicate gets 409, and the same key with a different request gets 422. A 5xx is not
 * stored, so the retry runs again. Keys are per signed-in person.
 */
export function installIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotencyKey', null);
  // The header is part of each such route's schema, so the OpenAPI document tells clients about it.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    route.schema ??= {};
    const schema = route.schema;
    const headers = (schema.headers as z.ZodObject | undefined) ?? z.object({});
    schema.headers = headers.extend({ 'idempotency-key': idempotencyKeyHeader });
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined || !request.session) return;
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
    const personId = request.session.personId;
    const hash = requestHash(request.method, request.url, request.body);
    const claimed = await app.db
      .insertInto('idempotency_keys')
      .values({ person_id: personId, key: header, request_hash: hash })
      .onConflict((oc) => oc.columns(['person_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      request.idempotencyKey = { personId, key: header };
      return;
    }
    const existing = await app.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status_code', 'response', 'created_at'])
      .where('person_id', '=', personId)
      .where('key', '=', header)
      .executeTakeFirst();
    if (!existing) throw new AppError('IDEMPOTENCY_KEY_IN_PROGRESS');
    if (!Buffer.from(existing.request_hash).equals(hash)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (existing.status_code === null) {
      const stale = await app.db
        .updateTable('idempotency_keys')
        .set({ created_at: sql`now()` } as never)
        .where('person_id', '=', personId)
        .where('key', '=', header)
        .where('status_code', 'is', null)
        .where('created_at', '<', new Date(Date.now() - STALE_MS))
        .returning('key')
        .executeTakeFirst();
      if (!stale) throw new AppError('IDEMPOTENCY_KEY_IN_PROGRESS');
      request.idempotencyKey = { personId, key: header };
      return;
    }
    return reply
      .code(existing.status_code)
      .header('idempotent-replayed', 'true')
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(existing.response));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyKey;
    if (!claim) return payload;
    request.idempotencyKey = null;
    const where = app.db
      .updateTable('idempotency_keys')
      .where('person_id', '=', claim.personId)
      .where('key', '=', claim.key);
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await app.db
        .deleteFrom('idempotency_keys')
        .where('person_id', '=', claim.personId)
        .where('key', '=', claim.key)
        .execute();
      return payload;
    }
    await where.set({ status_code: reply.statusCode, response: payload }).execute();
    return payload;
  });
}

export async function purgeIdempotencyKeys(db: Executor, now = new Date()): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_TTL_MS))
    .execute();
}
