import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { requireSession } from '../accounts/session-plugin.ts';
import { listSubscriptions, notificationKeys, removeSubscription, saveSubscription } from './push.ts';
import {
  pushSubscriptionInputSchema,
  pushSubscriptionListSchema,
  pushSubscriptionSchema,
  unsubscribeQuerySchema,
  unsubscribeStateSchema,
} from './schema.ts';
import { unsubscribe, unsubscribeState } from './unsubscribe.ts';

const errors = errorResponses(400, 401, 404);

/** A resident's browsers for push notifications, and the unsubscribe link every newsletter carries. */
export const residentNotificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/push/public-key',
    {
      schema: {
        tags: ['newsletters'],
        summary: 'プッシュ通知の VAPID 公開鍵 / The VAPID public key for push subscriptions',
        response: { 200: z.object({ publicKey: z.string() }) },
      },
    },
    async () => ({ publicKey: (await notificationKeys(app.db)).vapidPublicKey }),
  );

  app.get(
    '/me/push-subscriptions',
    {
      schema: {
        tags: ['newsletters'],
        summary: 'プッシュ通知を受け取る端末 / Browsers receiving push notifications',
        response: { 200: pushSubscriptionListSchema, ...errors },
      },
    },
    async (request) => {
      const session = requireSession(request);
      const [items, keys] = await Promise.all([listSubscriptions(app.db, session.personId), notificationKeys(app.db)]);
      return { items, publicKey: keys.vapidPublicKey };
    },
  );

  app.post(
    '/me/push-subscriptions',
    {
      config: { idempotent: true },
      schema: {
        tags: ['newsletters'],
        summary: 'この端末でプッシュ通知を受け取る / Receive push notifications in this browser',
        body: pushSubscriptionInputSchema,
        response: { 201: pushSubscriptionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const saved = await saveSubscription(app.db, session.personId, request.body, request.headers['user-agent']);
      return reply.code(201).send(saved);
    },
  );

  app.delete(
    '/me/push-subscriptions/:id',
    {
      schema: {
        tags: ['newsletters'],
        summary: 'プッシュ通知の停止 / Stop push notifications to a browser',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeSubscription(app.db, requireSession(request).personId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/unsubscribe',
    {
      schema: {
        tags: ['newsletters'],
        summary: '配信停止リンクの確認 / What an unsubscribe link is about (changes nothing)',
        querystring: unsubscribeQuerySchema,
        response: { 200: unsubscribeStateSchema, ...errors },
      },
    },
    async (request) => unsubscribeState(app.db, request.query.token),
  );

  await app.register(async (oneClick) => {
    // RFC 8058: mail providers POST "List-Unsubscribe=One-Click" as a form; the token is in the URL, the body says nothing more.
    oneClick.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data'],
      { parseAs: 'string' },
      (_r, body, done) => done(null, body),
    );
    oneClick.withTypeProvider<ZodTypeProvider>().post(
      '/unsubscribe',
      {
        schema: {
          tags: ['newsletters'],
          summary: 'ワンクリック配信停止（RFC 8058） / One-click unsubscribe (RFC 8058)',
          querystring: unsubscribeQuerySchema,
          response: { 200: unsubscribeStateSchema, ...errors },
        },
      },
      async (request) => unsubscribe(app.db, request.query.token),
    );
  });
};
