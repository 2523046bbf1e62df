import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../platform/error-schema.ts';
import {
  municipalityCodeSchema,
  municipalityListSchema,
  municipalitySchema,
  municipalitySearchQuerySchema,
} from './schema.ts';
import { getMunicipality, searchMunicipalities } from './service.ts';

export const municipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/municipalities',
    {
      schema: {
        tags: ['municipalities'],
        summary: '地方公共団体の検索 / Search local governments',
        querystring: municipalitySearchQuerySchema,
        response: { 200: municipalityListSchema, 400: errorResponseSchema },
      },
    },
    async (request) => searchMunicipalities(app.db, request.query),
  );

  app.get(
    '/municipalities/:code',
    {
      schema: {
        tags: ['municipalities'],
        summary: '地方公共団体の取得 / Get a local government',
        params: z.object({ code: municipalityCodeSchema }),
        response: { 200: municipalitySchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => getMunicipality(app.db, request.params.code),
  );
};
