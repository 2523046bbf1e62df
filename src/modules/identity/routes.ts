import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../platform/error-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { requireSession } from '../accounts/session-plugin.ts';
import { type IdentityProvider, VerificationFailed } from './provider.ts';
import { callbackQuerySchema, verificationStatusSchema } from './schema.ts';
import { completeVerification, startVerification, verificationStatus } from './service.ts';

/** Where the browser lands after the provider; the /account page reads `verification` and `code`. */
const DONE = '/account?verification=done';
const failed = (code: string) => `/account?verification=failed&code=${encodeURIComponent(code)}`;

const redirect = z.null().describe('リダイレクト（Location ヘッダー） / redirect (Location header)');

export function identityRoutes(options: { provider: IdentityProvider | null }): FastifyPluginAsyncZod {
  const { provider } = options;
  return async (app) => {
    app.get(
      '/identity/verification',
      {
        schema: {
          tags: ['identity'],
          summary: '本人確認の状況 / My identity verification status',
          response: { 200: verificationStatusSchema, 401: errorResponseSchema },
        },
      },
      async (request) => verificationStatus(app.db, requireSession(request).personId, provider !== null),
    );

    app.get(
      '/identity/verification/start',
      {
        schema: {
          tags: ['identity'],
          summary:
            'マイナンバーカードで本人確認を始める（認証サービスへ移動。失敗時は /account へ） / Start verification (redirects; failures go to /account)',
          response: { 302: redirect },
        },
      },
      async (request, reply) => {
        // A page navigation, not an API call: every outcome is a redirect to a page that explains it.
        if (!request.session) return reply.redirect(`/sign-in?next=${encodeURIComponent('/account')}`, 302);
        let location: string;
        try {
          if (!provider) throw new AppError('IDENTITY_VERIFICATION_UNAVAILABLE');
          location = (await startVerification(app.db, provider, request.session.personId)).href;
        } catch (error) {
          if (error instanceof VerificationFailed)
            request.log.warn({ err: error.cause, reason: error.reason }, error.code);
          else if (!(error instanceof AppError))
            request.log.error({ err: error }, 'identity verification start failed');
          location = failed(error instanceof AppError ? error.code : 'INTERNAL_ERROR');
        }
        return reply.header('cache-control', 'no-store').redirect(location, 302);
      },
    );

    app.get(
      '/identity/verification/callback',
      {
        schema: {
          tags: ['identity'],
          summary:
            '認証サービスからの戻り先。結果を /account?verification=done|failed&code=… へ / Provider callback; redirects to /account',
          querystring: callbackQuerySchema,
          response: { 302: redirect },
        },
      },
      async (request, reply) => {
        // The raw query, not the parsed one: openid-client checks it as the provider sent it.
        const query = new URLSearchParams(request.url.split('?')[1] ?? '');
        let location: string;
        try {
          const outcome = await completeVerification(app.db, provider, {
            personId: request.session?.personId ?? null,
            query,
            requestId: request.id,
          });
          if (!outcome.ok) request.log.warn({ err: outcome.cause, reason: outcome.reason }, outcome.code);
          location = outcome.ok ? DONE : failed(outcome.code);
        } catch (error) {
          // Even an outage of our own ends on the page the person came from, with a code to show.
          request.log.error({ err: error }, 'identity verification callback failed');
          location = failed('INTERNAL_ERROR');
        }
        return reply.header('cache-control', 'no-store').redirect(location, 302);
      },
    );
  };
}
