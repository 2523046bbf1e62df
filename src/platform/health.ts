import type { FastifyInstance } from 'fastify';
import { send } from './error-handler.ts';

const READY_TIMEOUT_MS = 2000;

export async function registerHealth(app: FastifyInstance): Promise<void> {
  const hidden = { schema: { hide: true }, config: { rateLimit: false } } as const;

  // Liveness: the process answers. Readiness: it can also reach its database.
  app.get('/healthz', hidden, async () => ({ status: 'ok' }));
  app.get('/readyz', hidden, async (request, reply) => {
    try {
      await Promise.race([
        app.database.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('database ping timed out')), READY_TIMEOUT_MS).unref(),
        ),
      ]);
      return { status: 'ready', database: app.database.engine };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return send(reply, request, 'SERVICE_UNAVAILABLE', { database: 'unreachable' });
    }
  });
}
