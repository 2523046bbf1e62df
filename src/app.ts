import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/schema.ts';
import { createJobQueue, type JobQueue } from './jobs/queue.ts';
import { registerSessions } from './modules/accounts/session-plugin.ts';
import { modules } from './modules/index.ts';
import { createMailer, type Mailer } from './modules/mail/mailer.ts';
import { installStaffGuard } from './modules/staff/guard.ts';
import { installErrorHandling, installNotFound } from './platform/error-handler.ts';
import { AppError } from './platform/errors.ts';
import { registerHealth } from './platform/health.ts';
import { installIdempotency } from './platform/idempotency.ts';
import { registerOpenApi } from './platform/openapi.ts';
import { registerWebApp } from './platform/web-app.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    db: Kysely<DB>;
    queue: JobQueue;
  }
}

export interface AppOptions {
  config: Pick<Config, 'env' | 'logLevel' | 'rateLimitPerMinute' | 'signInRateLimit' | 'publicUrl' | 'cookieSecure'> &
    Partial<Pick<Config, 'identity' | 'newsletters'>>;
  database: Database;
  /** Defaults to the outbox-only mailer (no SMTP). */
  mailer?: Mailer;
  /** Directory of the built web app; defaults to web/dist. */
  webDistDir?: string;
}

const outboxOnlyMailer = createMailer({ from: 'unused' });

// A caller's request id is kept only when it is a plain token, so it cannot forge log lines.
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Plugins in a fixed order: external (security, limits) → app (db, errors, docs) → modules → web app. */
export async function buildApp({
  config,
  database,
  webDistDir,
  mailer = outboxOnlyMailer,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'"],
        'manifest-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        // Plain http on localhost is the embedded mode's normal case; TLS is the proxy's job in production.
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', Math.ceil(context.ttl / 1000)),
  });

  app.decorate('database', database);
  app.decorate('db', database.db);
  // Started on first use (or by the server at start-up), so an app that never queues work never installs it.
  const queue = createJobQueue(database, app.log);
  app.decorate('queue', queue);
  app.addHook('onClose', () => queue.stop());
  await registerSessions(app, { cookieSecure: config.cookieSecure });
  installStaffGuard(app);
  installIdempotency(app);
  await registerOpenApi(app);
  await registerHealth(app);

  await app.register(
    async (api) => {
      for (const module of modules) await module.routes(api, { app: api, config, mailer, queue });
    },
    { prefix: '/api/v1' },
  );

  installNotFound(app, await registerWebApp(app, webDistDir));
  return app;
}
