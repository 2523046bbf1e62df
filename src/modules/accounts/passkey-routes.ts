import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { errorResponseSchema } from '../../platform/error-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { preferredLocale } from '../../platform/locale.ts';
import {
  finishAuthenticationSchema,
  finishRegistrationSchema,
  passkeyOptionsResponseSchema,
  passkeySchema,
  startRegistrationSchema,
} from './passkey-schema.ts';
import {
  finishPasskeyAuthentication,
  finishPasskeyRegistration,
  listPasskeys,
  type RelyingParty,
  removePasskey,
  startPasskeyAuthentication,
  startPasskeyRegistration,
} from './passkey-service.ts';
import { signedInSchema } from './schema.ts';
import { csrfTokenFor } from './secrets.ts';
import { signOut } from './service.ts';
import { requireSession } from './session-plugin.ts';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  429: errorResponseSchema,
};

/**
 * A passkey is bound to the site's domain. The configured PUBLIC_URL is the domain; outside
 * production a request on another host (a test server on a random port) uses its own.
 */
function relyingPartyFor(request: FastifyRequest, config: Pick<Config, 'env' | 'publicUrl'>): RelyingParty {
  const rpName = 'ふるさと住民 / Furusato';
  const configured = new URL(config.publicUrl);
  if (configured.host === request.host) return { rpID: configured.hostname, origin: configured.origin, rpName };
  if (config.env === 'production') throw new AppError('ORIGIN_NOT_ALLOWED');
  return { rpID: request.hostname, origin: `${request.protocol}://${request.host}`, rpName };
}

export function passkeyRoutes(options: {
  config: Pick<Config, 'env' | 'publicUrl'>;
  signInRateLimit: number;
}): FastifyPluginAsyncZod {
  const limited = { rateLimit: { max: options.signInRateLimit * 3, timeWindow: '15 minutes' } };
  return async (app) => {
    app.post(
      '/auth/passkey/registration/options',
      {
        config: limited,
        schema: {
          tags: ['auth'],
          summary: 'パスキー作成の準備（新規登録または追加） / Options to create a passkey (sign up, or add one)',
          body: startRegistrationSchema,
          response: { 200: passkeyOptionsResponseSchema, ...errors },
        },
      },
      async (request) =>
        startPasskeyRegistration(app.db, relyingPartyFor(request, options.config), {
          session: request.session,
          displayName: request.body.displayName,
        }),
    );

    app.post(
      '/auth/passkey/registration',
      {
        // Replays apply to a signed-in person adding a passkey; a sign-up is protected by its single-use challenge.
        config: { ...limited, idempotent: true },
        schema: {
          tags: ['auth'],
          summary: 'パスキーを登録 / Register the passkey',
          body: finishRegistrationSchema,
          response: { 200: signedInSchema, 201: z.object({ passkeyId: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const result = await finishPasskeyRegistration(app.db, relyingPartyFor(request, options.config), {
          session: request.session,
          challengeId: request.body.challengeId,
          // Zod checked the shape; the library checks the cryptography.
          response: request.body.response as Parameters<typeof finishPasskeyRegistration>[2]['response'],
          name: request.body.name,
          locale: preferredLocale(request.headers['accept-language']),
          userAgent: request.headers['user-agent'] ?? null,
        });
        if (result.kind === 'added') return reply.code(201).send({ passkeyId: result.passkeyId });
        reply.setSessionCookie(result.token);
        return { person: result.person, csrfToken: csrfTokenFor(result.token), createdAccount: true };
      },
    );

    app.post(
      '/auth/passkey/authentication/options',
      {
        config: limited,
        schema: {
          tags: ['auth'],
          summary: 'パスキーでログインする準備 / Options to sign in with a passkey',
          response: { 200: passkeyOptionsResponseSchema, ...errors },
        },
      },
      async (request) => startPasskeyAuthentication(app.db, relyingPartyFor(request, options.config)),
    );

    app.post(
      '/auth/passkey/authentication',
      {
        config: limited,
        schema: {
          tags: ['auth'],
          summary: 'パスキーでログイン / Sign in with a passkey',
          body: finishAuthenticationSchema,
          response: { 200: signedInSchema, ...errors },
        },
      },
      async (request, reply) => {
        const result = await finishPasskeyAuthentication(app.db, relyingPartyFor(request, options.config), {
          challengeId: request.body.challengeId,
          response: request.body.response as Parameters<typeof finishPasskeyAuthentication>[2]['response'],
          userAgent: request.headers['user-agent'] ?? null,
        });
        // Rotation: the browser's previous session, if any, ends here.
        if (request.session) await signOut(app.db, request.session);
        reply.setSessionCookie(result.token);
        return { person: result.person, csrfToken: csrfTokenFor(result.token), createdAccount: false };
      },
    );

    app.get(
      '/auth/passkeys',
      {
        schema: {
          tags: ['auth'],
          summary: '自分のパスキー / My passkeys',
          response: { 200: z.object({ items: z.array(passkeySchema) }), ...errors },
        },
      },
      async (request) => ({ items: await listPasskeys(app.db, requireSession(request)) }),
    );

    app.delete(
      '/auth/passkeys/:passkeyId',
      {
        schema: {
          tags: ['auth'],
          summary: 'パスキーを削除 / Remove a passkey',
          params: z.object({
            passkeyId: z
              .string()
              .regex(/^[A-Za-z0-9_-]+$/)
              .max(1024),
          }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await removePasskey(app.db, requireSession(request), request.params.passkeyId);
        return reply.code(204).send(null);
      },
    );
  };
}
