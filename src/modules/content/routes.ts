import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, errorResponses } from '../../platform/error-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import { staffContextOf } from '../staff/guard.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import * as posts from './post-service.ts';
import { IMAGE_MAX_BYTES } from './rules.ts';
import {
  createPostSchema,
  imageListSchema,
  imageSchema,
  postListQuerySchema,
  postListSchema,
  postParamsSchema,
  postSchema,
  previewSchema,
  profileInputSchema,
  profileSchema,
  updatePostSchema,
} from './schema.ts';
import * as service from './service.ts';

const errors = errorResponses(400, 401, 403, 404);

/** The staff console's side of content: the municipality's profile, its images and its posts. */
export function staffContentRoutes(options: { publicUrl: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tenants/:tenant/profile',
      {
        config: { policy: { action: 'content.read' } },
        schema: {
          tags: ['content'],
          summary: '自治体の紹介ページ / The municipality profile',
          params: tenantParamsSchema,
          response: { 200: profileSchema, ...errors },
        },
      },
      async (request) => service.staffProfile(app.db, staffContextOf(request), options.publicUrl),
    );

    app.put(
      '/tenants/:tenant/profile',
      {
        config: { policy: { action: 'content.manage' } },
        schema: {
          tags: ['content'],
          summary: '自治体の紹介ページを保存 / Save the municipality profile',
          params: tenantParamsSchema,
          body: profileInputSchema,
          response: { 200: profileSchema, ...errors },
        },
      },
      async (request) => service.saveProfile(app.db, staffContextOf(request), request.body, options.publicUrl),
    );

    app.get(
      '/tenants/:tenant/images',
      {
        config: { policy: { action: 'content.read' } },
        schema: {
          tags: ['content'],
          summary: 'アップロード済みの画像 / Uploaded images',
          params: tenantParamsSchema,
          querystring: pageQuerySchema,
          response: { 200: imageListSchema, ...errors },
        },
      },
      async (request) => service.listImages(app.db, staffContextOf(request), request.query),
    );

    await app.register(async (plugin) => {
      const uploads = plugin.withTypeProvider<ZodTypeProvider>();
      uploads.removeAllContentTypeParsers();
      // The body is the file as is, whatever it calls itself: the service judges it by its bytes. Taking
      // every content type here also lets the staff guard answer 401/403 before anything is decoded.
      uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: IMAGE_MAX_BYTES }, (_r, body, done) =>
        done(null, body),
      );
      uploads.setErrorHandler((error) => {
        throw (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? new AppError('IMAGE_TOO_LARGE')
          : error;
      });
      uploads.post(
        '/tenants/:tenant/images',
        {
          config: { policy: { action: 'content.manage' }, idempotent: true },
          bodyLimit: IMAGE_MAX_BYTES,
          schema: {
            tags: ['content'],
            summary: '画像のアップロード / Upload an image',
            description:
              '本文が画像ファイル（JPEG・PNG・WebP、10MBまで）。最大1600pxと400pxのWebPに変換し、位置情報などのメタデータは消去します。 / ' +
              'The body is the image (JPEG, PNG or WebP, up to 10 MB). It is re-encoded as WebP at 1600 and 400 px; metadata such as the GPS position is removed.',
            params: tenantParamsSchema,
            response: { 201: imageSchema, ...errors, 413: errorResponseSchema, 415: errorResponseSchema },
          },
        },
        async (request, reply) => {
          const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          return reply.code(201).send(await service.uploadImage(app.db, staffContextOf(request), bytes));
        },
      );
    });

    app.get(
      '/tenants/:tenant/posts',
      {
        config: { policy: { action: 'content.read' } },
        schema: {
          tags: ['content'],
          summary: 'お知らせの一覧（下書き・予約を含む） / Posts, drafts and scheduled ones included',
          params: tenantParamsSchema,
          querystring: postListQuerySchema,
          response: { 200: postListSchema, ...errors },
        },
      },
      async (request) => posts.listPosts(app.db, staffContextOf(request), request.query),
    );

    app.post(
      '/tenants/:tenant/posts',
      {
        config: { policy: { action: 'content.manage' }, idempotent: true },
        schema: {
          tags: ['content'],
          summary: 'お知らせを作成 / Create a post',
          params: tenantParamsSchema,
          body: createPostSchema,
          response: { 201: postSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await posts.createPost(app.db, staffContextOf(request), request.body)),
    );

    app.post(
      '/tenants/:tenant/posts/preview',
      {
        // Saves nothing; a POST because the text is a body.
        config: { policy: { action: 'content.manage' } },
        schema: {
          tags: ['content'],
          summary: '本文のプレビュー（保存しない） / Preview a body (not saved)',
          params: tenantParamsSchema,
          body: previewSchema,
          response: { 200: z.object({ bodyHtml: z.string(), excerpt: z.string() }), ...errors },
        },
      },
      async (request) => posts.previewBody(request.body.body),
    );

    app.get(
      '/tenants/:tenant/posts/:id',
      {
        config: { policy: { action: 'content.read' } },
        schema: {
          tags: ['content'],
          summary: 'お知らせ（下書きのプレビューを含む） / A post, drafts rendered as a preview',
          params: postParamsSchema,
          response: { 200: postSchema, ...errors },
        },
      },
      async (request) => posts.getPost(app.db, staffContextOf(request), request.params.id),
    );

    app.patch(
      '/tenants/:tenant/posts/:id',
      {
        config: { policy: { action: 'content.manage' } },
        schema: {
          tags: ['content'],
          summary: 'お知らせを変更・公開・予約・固定 / Edit, publish, schedule or pin a post',
          params: postParamsSchema,
          body: updatePostSchema,
          response: { 200: postSchema, ...errors },
        },
      },
      async (request) => posts.updatePost(app.db, staffContextOf(request), request.params.id, request.body),
    );

    app.delete(
      '/tenants/:tenant/posts/:id',
      {
        config: { policy: { action: 'content.manage' } },
        schema: {
          tags: ['content'],
          summary: 'お知らせを削除 / Delete a post',
          params: postParamsSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await posts.deletePost(app.db, staffContextOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
