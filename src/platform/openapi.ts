import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** The OpenAPI 3.1 document is generated from the same Zod schemas that validate requests. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Furusato API',
        description:
          'ふるさと住民登録制度 全国共通プラットフォームの API。エラーは `{ "error": { "code", "message", "details" } }` の形で、' +
          'メッセージは Accept-Language に応じて日本語または英語で返します。\n\n' +
          'API of the national common platform for furusato resident registration. Errors share one shape; ' +
          'messages follow Accept-Language (Japanese by default).',
        version: '1.0.0',
      },
      tags: [{ name: 'municipalities', description: '地方公共団体ディレクトリ / Local government directory' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
