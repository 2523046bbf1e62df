import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../platform/error-schema.ts';
import { requireSession } from '../accounts/session-plugin.ts';
import { registrationParamsSchema } from '../registrations/schema.ts';
import { cardJwksSchema, cardTokenSchema } from './schema.ts';
import { issueCardToken, publishedJwks } from './service.ts';

export const cardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cards/keys',
    {
      schema: {
        tags: ['cards'],
        summary: '会員証の検証用公開鍵（JWKS） / Public keys for verifying member cards (JWKS)',
        description:
          '協力店のスキャナーはこれを保存し、オフラインで会員証を検証します。 / Scanners keep this to verify cards offline.',
        response: { 200: cardJwksSchema },
      },
    },
    async (_request, reply) => {
      // Shared caches may keep it for an hour: a new key is published a week before it is used.
      reply.header('cache-control', 'public, max-age=3600');
      return publishedJwks(app.db);
    },
  );

  app.post(
    '/me/registrations/:code/card-token',
    {
      schema: {
        tags: ['cards'],
        summary: 'デジタル会員証の表示用トークン（5分有効） / A member card token to show (valid 5 minutes)',
        description:
          '何も作成しないため、再送しても新しいトークンが返るだけです。 / Creates nothing: a retry just gets a new token.',
        params: registrationParamsSchema,
        response: {
          200: cardTokenSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return issueCardToken(app.db, requireSession(request).personId, request.params.code);
    },
  );
};
