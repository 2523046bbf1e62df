import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import { renderMarkdown } from '../content/markdown.ts';
import { previewSchema } from '../content/schema.ts';
import { staffContextOf } from '../staff/guard.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import type { Channel } from './rules.ts';
import {
  audienceCountQuerySchema,
  audienceCountSchema,
  deliveryListQuerySchema,
  deliveryListSchema,
  newsletterInputSchema,
  newsletterListSchema,
  newsletterParamsSchema,
  newsletterSchema,
  testSendResultSchema,
} from './schema.ts';
import * as service from './service.ts';

const errors = errorResponses(400, 401, 403, 404);

/** The staff console's newsletters: compose, count the audience, test, send, follow each delivery. */
export function staffNewsletterRoutes(settings: service.SendSettings): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tenants/:tenant/newsletters',
      {
        config: { policy: { action: 'newsletter.read' } },
        schema: {
          tags: ['newsletters'],
          summary: 'メールマガジンの一覧 / Newsletters',
          params: tenantParamsSchema,
          querystring: pageQuerySchema,
          response: { 200: newsletterListSchema, ...errors },
        },
      },
      async (request) => service.listNewsletters(app.db, staffContextOf(request), request.query),
    );

    app.post(
      '/tenants/:tenant/newsletters',
      {
        config: { policy: { action: 'newsletter.send' }, idempotent: true },
        schema: {
          tags: ['newsletters'],
          summary: 'メールマガジンの下書きを作成 / Create a newsletter draft',
          params: tenantParamsSchema,
          body: newsletterInputSchema,
          response: { 201: newsletterSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createNewsletter(app.db, staffContextOf(request), request.body)),
    );

    app.post(
      '/tenants/:tenant/newsletters/audience',
      {
        // Saves nothing (a POST because the segment is a structured body); a tool for composing, so for senders.
        config: { policy: { action: 'newsletter.send' } },
        schema: {
          tags: ['newsletters'],
          summary: '配信対象の人数（同意の範囲内） / How many the segment reaches, within consent',
          params: tenantParamsSchema,
          body: audienceCountQuerySchema,
          response: { 200: audienceCountSchema, ...errors },
        },
      },
      async (request) =>
        service.countAudience(
          app.db,
          staffContextOf(request),
          request.body.segment,
          request.body.channels as Channel[],
        ),
    );

    app.post(
      '/tenants/:tenant/newsletters/preview',
      {
        config: { policy: { action: 'newsletter.send' } },
        schema: {
          tags: ['newsletters'],
          summary: '本文のプレビュー（保存しない） / Preview a body (not saved)',
          params: tenantParamsSchema,
          body: previewSchema,
          response: { 200: z.object({ bodyHtml: z.string() }), ...errors },
        },
      },
      async (request) => ({ bodyHtml: renderMarkdown(request.body.body) }),
    );

    app.get(
      '/tenants/:tenant/newsletters/:id',
      {
        config: { policy: { action: 'newsletter.read' } },
        schema: {
          tags: ['newsletters'],
          summary: 'メールマガジンと配信状況 / A newsletter and its delivery counts',
          params: newsletterParamsSchema,
          response: { 200: newsletterSchema, ...errors },
        },
      },
      async (request) => service.getNewsletter(app.db, staffContextOf(request), request.params.id),
    );

    app.put(
      '/tenants/:tenant/newsletters/:id',
      {
        config: { policy: { action: 'newsletter.send' } },
        schema: {
          tags: ['newsletters'],
          summary: '下書きの保存 / Save a draft',
          params: newsletterParamsSchema,
          body: newsletterInputSchema,
          response: { 200: newsletterSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => service.updateNewsletter(app.db, staffContextOf(request), request.params.id, request.body),
    );

    app.post(
      '/tenants/:tenant/newsletters/:id/test-send',
      {
        config: { policy: { action: 'newsletter.send' } },
        schema: {
          tags: ['newsletters'],
          summary: '自分宛てにテスト送信 / Send a test to yourself',
          params: newsletterParamsSchema,
          response: { 200: testSendResultSchema, ...errorResponses(400, 401, 403, 404, 422) },
        },
      },
      async (request) => service.testSend(app.db, staffContextOf(request), request.params.id, settings),
    );

    app.post(
      '/tenants/:tenant/newsletters/:id/send',
      {
        config: { policy: { action: 'newsletter.send' }, idempotent: true },
        schema: {
          tags: ['newsletters'],
          summary: '送信（テスト送信の後） / Send (after a test send)',
          description:
            '2回目以降は送信中・送信済みのメールマガジンをそのまま返します（重複送信しません）。 / ' +
            'Sending again answers the send already under way (202 the first time, 200 after); nobody gets it twice.',
          params: newsletterParamsSchema,
          response: { 200: newsletterSchema, 202: newsletterSchema, ...errorResponses(400, 401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const result = await service.send(app.db, staffContextOf(request), request.params.id, settings);
        return reply.code(result.started ? 202 : 200).send(result.newsletter);
      },
    );

    app.get(
      '/tenants/:tenant/newsletters/:id/deliveries',
      {
        config: { policy: { action: 'newsletter.read' } },
        schema: {
          tags: ['newsletters'],
          summary:
            '宛先ごとの配信状況（閲覧は記録されます） / Delivery status per recipient (each view is audit-logged)',
          params: newsletterParamsSchema,
          querystring: deliveryListQuerySchema,
          response: { 200: deliveryListSchema, ...errors },
        },
      },
      async (request) => service.listDeliveries(app.db, staffContextOf(request), request.params.id, request.query),
    );
  };
}
