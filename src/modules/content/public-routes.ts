import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { errorResponseSchema } from '../../platform/error-schema.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import { requireSession } from '../accounts/session-plugin.ts';
import { recordNewsRead } from '../dashboards/tracking.ts';
import { getMunicipality } from '../municipalities/service.ts';
import * as posts from './post-service.ts';
import { joinUrl } from './rules.ts';
import {
  imageParamsSchema,
  municipalityParamsSchema,
  profileSchema,
  publicPostParamsSchema,
  publishedPostListSchema,
  publishedPostSchema,
} from './schema.ts';
import * as service from './service.ts';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema };

// An image id names one immutable encoding, so browsers and proxies may keep it for a year.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Pages anyone can open (the municipality's page, its poster, its public posts) and the resident feed. */
export function publicContentRoutes(options: { publicUrl: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/municipalities/:code/profile',
      {
        schema: {
          tags: ['content'],
          summary: '自治体の紹介ページ（公開） / Municipality profile (public)',
          description:
            '未作成でも名称・登録ページのURLと空の項目で答えます。 / Answers with the name, the join URL and empty fields before the profile is written.',
          params: municipalityParamsSchema,
          response: { 200: profileSchema, ...errors },
        },
      },
      async (request) => service.publicProfile(app.db, request.params.code, options.publicUrl),
    );

    app.get(
      '/municipalities/:code/join-qr.svg',
      {
        schema: {
          tags: ['content'],
          summary: '登録ページのQRコード（SVG、ポスター用） / QR code of the join page (SVG, for posters)',
          params: municipalityParamsSchema,
          response: { 200: z.string().describe('image/svg+xml'), ...errors },
        },
      },
      async (request, reply) => {
        const municipality = await getMunicipality(app.db, request.params.code);
        // Level M survives a smudged or slightly torn print, and the URL stays short enough for a small code.
        const svg = await QRCode.toString(joinUrl(options.publicUrl, municipality.code), {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        });
        return reply
          .header('content-type', 'image/svg+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=86400')
          .send(svg);
      },
    );

    app.get(
      '/municipalities/:code/posts',
      {
        schema: {
          tags: ['content'],
          summary: 'お知らせ（公開、登録者全員向けのみ） / Public posts (audience "all" only)',
          params: municipalityParamsSchema,
          querystring: pageQuerySchema,
          response: { 200: publishedPostListSchema, ...errors },
        },
      },
      async (request) => posts.publicPosts(app.db, request.params.code, request.query),
    );

    app.get(
      '/municipalities/:code/posts/:id',
      {
        schema: {
          tags: ['content'],
          summary: 'お知らせ（公開） / A public post',
          params: publicPostParamsSchema,
          response: { 200: publishedPostSchema, ...errors },
        },
      },
      async (request) => {
        const post = await posts.publicPost(app.db, request.params.code, request.params.id);
        // The dashboards' funnel counts a registrant's first read of the municipality's news.
        if (request.session) await recordNewsRead(app.db, request.params.code, request.session.personId);
        return post;
      },
    );

    for (const variant of ['full', 'thumbnail'] as const) {
      app.get(
        variant === 'full' ? '/images/:id' : '/images/:id/thumbnail',
        {
          schema: {
            tags: ['content'],
            summary:
              variant === 'full'
                ? '画像（WebP、最大1600px） / Image (WebP, up to 1600 px)'
                : '画像のサムネイル（WebP、最大400px） / Thumbnail (WebP, up to 400 px)',
            params: imageParamsSchema,
            response: { 200: z.any().describe('image/webp'), ...errors },
          },
        },
        async (request, reply) => {
          const bytes = await service.imageFile(app.db, request.params.id, variant);
          return reply.header('content-type', 'image/webp').header('cache-control', IMMUTABLE).send(bytes);
        },
      );
    }

    app.get(
      '/me/feed',
      {
        schema: {
          tags: ['content'],
          summary: '登録先からのお知らせ / News from the places I am registered with',
          description:
            '登録している市区町村・都道府県の公開済みのお知らせのうち、自分の登録（プレミアム・類型）が対象のもの。固定を先頭に新しい順。 / ' +
            'Published posts of my municipalities and prefectures whose audience my registration matches; pinned first, then newest.',
          querystring: pageQuerySchema,
          response: { 200: publishedPostListSchema, ...errors },
        },
      },
      async (request) => posts.feed(app.db, requireSession(request).personId, request.query),
    );
  };
}
