import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { preferredLocale } from '../../platform/locale.ts';
import type { Mailer } from '../mail/mailer.ts';
import { completeEmailSignInSchema, sessionStateSchema, signedInSchema, startEmailSignInSchema } from './schema.ts';
import { csrfTokenFor } from './secrets.ts';
import { completeEmailSignIn, currentPerson, signOut, signOutEverywhere, startEmailSignIn } from './service.ts';
import { requireSession } from './session-plugin.ts';

const errors = errorResponses(400, 401, 403, 429);

export function accountRoutes(options: {
  mailer: Mailer;
  publicUrl: string;
  signInRateLimit: number;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/email/start',
      {
        // Per client address; the per-address limit lives in the service.
        config: { rateLimit: { max: options.signInRateLimit, timeWindow: '15 minutes' } },
        schema: {
          tags: ['auth'],
          summary: 'メールでログインコードを送る / Send a sign-in code by e-mail',
          body: startEmailSignInSchema,
          response: { 202: z.object({ status: z.literal('sent') }), ...errors },
        },
      },
      async (request, reply) => {
        const locale = preferredLocale(request.headers['accept-language']);
        await startEmailSignIn(app.db, { email: request.body.email, locale, publicUrl: options.publicUrl });
        await options.mailer
          .deliver(app.db)
          .catch((error) => request.log.error({ err: error }, 'mail delivery failed'));
        return reply.code(202).send({ status: 'sent' as const });
      },
    );

    app.post(
      '/auth/email/verify',
      {
        config: { rateLimit: { max: options.signInRateLimit * 3, timeWindow: '15 minutes' } },
        schema: {
          tags: ['auth'],
          summary: 'コードまたはリンクでログイン（初回は登録） / Sign in (or sign up) with the code or link',
          body: completeEmailSignInSchema,
          response: { 200: signedInSchema, ...errors },
        },
      },
      async (request, reply) => {
        const locale = preferredLocale(request.headers['accept-language']);
        const body = request.body;
        const proof =
          'token' in body ? { token: body.token } : { email: body.email, code: body.code.normalize('NFKC') };
        const session = await completeEmailSignIn(app.db, proof, {
          locale,
          userAgent: request.headers['user-agent'] ?? null,
        });
        // Rotation: whatever session the browser had before signing in ends here.
        if (request.session) await signOut(app.db, request.session);
        reply.setSessionCookie(session.token);
        return {
          person: session.person,
          csrfToken: csrfTokenFor(session.token),
          createdAccount: session.createdAccount,
        };
      },
    );

    app.get(
      '/auth/session',
      {
        schema: {
          tags: ['auth'],
          summary: '現在のログイン状態 / Current session',
          response: { 200: sessionStateSchema },
        },
      },
      async (request) => {
        if (!request.session || !request.sessionToken) return { signedIn: false as const };
        return {
          signedIn: true as const,
          person: await currentPerson(app.db, request.session),
          csrfToken: csrfTokenFor(request.sessionToken),
        };
      },
    );

    app.post(
      '/auth/sign-out',
      { schema: { tags: ['auth'], summary: 'ログアウト / Sign out', response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await signOut(app.db, requireSession(request));
        return reply.clearSessionCookie().code(204).send(null);
      },
    );

    app.post(
      '/auth/sign-out-everywhere',
      {
        schema: {
          tags: ['auth'],
          summary: 'すべての端末からログアウト / Sign out on every device',
          response: { 200: z.object({ endedSessions: z.number().int() }), ...errors },
        },
      },
      async (request, reply) => {
        const endedSessions = await signOutEverywhere(app.db, requireSession(request));
        return reply.clearSessionCookie().send({ endedSessions });
      },
    );
  };
}
