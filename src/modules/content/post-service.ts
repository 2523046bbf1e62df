import type { PostAudience } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/pagination.ts';
import { appendAudit } from '../audit/repository.ts';
import { getMunicipality } from '../municipalities/service.ts';
import type { StaffContext } from '../staff/service.ts';
import { renderMarkdown } from './markdown.ts';
import * as repository from './repository.ts';
import { type Audience, excerptOf, nextPublishAt, type PostStatus, type PublishRequest, postStatus } from './rules.ts';
import type { CreatePostInput, PostView, PublishedPostView, UpdatePostInput } from './schema.ts';
import { pageOf, placedImage, requireContentTenant, requireOwnImages } from './service.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repository.findPost>>>;

function audienceOf(row: { audience: PostAudience; audienceRelationTypes: number[] }): Audience {
  return row.audience === 'relation_types'
    ? { kind: 'relation_types', relationTypes: row.audienceRelationTypes }
    : { kind: row.audience };
}

function audienceColumns(audience: Audience) {
  return {
    audience: audience.kind,
    audience_relation_types:
      audience.kind === 'relation_types' ? [...new Set(audience.relationTypes)].sort((a, b) => a - b) : [],
  };
}

function coverOf(row: { coverImageId: string | null; coverImageAlt: string }) {
  return row.coverImageId ? placedImage(row.coverImageId, row.coverImageAlt) : null;
}

function postView(row: Row, now: Date): PostView {
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    title: row.title,
    body: row.body,
    bodyHtml: row.bodyHtml,
    excerpt: row.excerpt,
    coverImage: coverOf(row),
    audience: audienceOf(row),
    status: postStatus(row.publishAt, now),
    publishAt: row.publishAt,
    pinned: row.pinned,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function publishedView(row: Row & { municipalityName: string }): PublishedPostView {
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    title: row.title,
    bodyHtml: row.bodyHtml,
    excerpt: row.excerpt,
    coverImage: coverOf(row),
    audience: audienceOf(row),
    pinned: row.pinned,
    // Only published rows reach here.
    publishedAt: row.publishAt as Date,
    updatedAt: row.updatedAt,
  };
}

function publishRequest(input: { status?: 'draft' | 'published' | 'scheduled'; publishAt?: Date }) {
  if (input.status === undefined) return undefined;
  return (
    input.status === 'scheduled' ? { status: 'scheduled', publishAt: input.publishAt } : { status: input.status }
  ) as PublishRequest;
}

function resolvePublishAt(current: Date | null, request: PublishRequest, now: Date): Date | null {
  const next = nextPublishAt(current, request, now);
  if (!next.ok) throw new AppError('PUBLISH_AT_NOT_IN_FUTURE');
  return next.publishAt;
}

/** The audit action for a change, named after what readers notice. */
function auditAction(before: PostStatus | null, after: PostStatus): string {
  if (before === null) return 'post.created';
  if (before !== after && after === 'published') return 'post.published';
  if (before !== after && after === 'scheduled') return 'post.scheduled';
  if (before !== after && after === 'draft') return 'post.unpublished';
  return 'post.updated';
}

async function loadPost(db: Executor, tenant: string, id: string): Promise<Row> {
  const row = await repository.findPost(db, tenant, id);
  if (!row) throw new AppError('POST_NOT_FOUND');
  return row;
}

export async function createPost(db: Executor, ctx: StaffContext, input: CreatePostInput, now = new Date()) {
  await requireContentTenant(db, ctx.tenant);
  if (input.coverImage) await requireOwnImages(db, ctx.tenant, [input.coverImage.imageId]);
  const publishAt = resolvePublishAt(null, publishRequest(input) as PublishRequest, now);
  const bodyHtml = renderMarkdown(input.body);
  return inTransaction(db, async (trx) => {
    const { id } = await repository.insertPost(trx, {
      municipality_code: ctx.tenant,
      title: input.title,
      body: input.body,
      body_html: bodyHtml,
      excerpt: excerptOf(bodyHtml),
      cover_image_id: input.coverImage?.imageId ?? null,
      cover_image_alt: input.coverImage?.alt ?? '',
      ...audienceColumns(input.audience),
      publish_at: publishAt,
      pinned: input.pinned,
      created_by: ctx.actorPersonId,
      updated_by: ctx.actorPersonId,
      created_at: now,
      updated_at: now,
    });
    const status = postStatus(publishAt, now);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: auditAction(null, status),
      subjectType: 'post',
      subjectId: id,
      requestId: ctx.requestId,
      details: { title: input.title, status, publishAt, audience: input.audience, pinned: input.pinned },
    });
    return postView(await loadPost(trx, ctx.tenant, id), now);
  });
}

export async function updatePost(
  db: Executor,
  ctx: StaffContext,
  id: string,
  input: UpdatePostInput,
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const current = await loadPost(trx, ctx.tenant, id);
    if (input.coverImage) await requireOwnImages(trx, ctx.tenant, [input.coverImage.imageId]);
    const request = publishRequest(input);
    const publishAt = request ? resolvePublishAt(current.publishAt, request, now) : current.publishAt;
    const bodyHtml = input.body === undefined ? undefined : renderMarkdown(input.body);
    await repository.updatePost(trx, ctx.tenant, id, {
      title: input.title,
      body: input.body,
      body_html: bodyHtml,
      excerpt: bodyHtml === undefined ? undefined : excerptOf(bodyHtml),
      cover_image_id: input.coverImage === undefined ? undefined : (input.coverImage?.imageId ?? null),
      cover_image_alt: input.coverImage === undefined ? undefined : (input.coverImage?.alt ?? ''),
      ...(input.audience ? audienceColumns(input.audience) : {}),
      publish_at: publishAt,
      pinned: input.pinned,
      updated_by: ctx.actorPersonId,
      updated_at: now,
    });
    const before = postStatus(current.publishAt, now);
    const after = postStatus(publishAt, now);
    const changed = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: auditAction(before, after),
      subjectType: 'post',
      subjectId: id,
      requestId: ctx.requestId,
      details: { title: input.title ?? current.title, changed, status: { from: before, to: after }, publishAt },
    });
    return postView(await loadPost(trx, ctx.tenant, id), now);
  });
}

export async function deletePost(db: Executor, ctx: StaffContext, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const deleted = await repository.deletePost(trx, ctx.tenant, id);
    if (!deleted) throw new AppError('POST_NOT_FOUND');
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'post.deleted',
      subjectType: 'post',
      subjectId: id,
      requestId: ctx.requestId,
      details: { title: deleted.title },
    });
  });
}

/** Staff see every post of their tenant, drafts rendered as they will appear (the preview). */
export async function getPost(db: Executor, ctx: StaffContext, id: string, now = new Date()) {
  return postView(await loadPost(db, ctx.tenant, id), now);
}

export async function listPosts(
  db: Executor,
  ctx: StaffContext,
  query: PageQuery & { status?: PostStatus },
  now = new Date(),
) {
  const result = await repository.postsOf(db, ctx.tenant, query.status, now, pageOf(query));
  return {
    items: result.items.map((row) => {
      const { body: _body, bodyHtml: _html, ...rest } = postView(row, now);
      return rest;
    }),
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function previewBody(body: string) {
  const bodyHtml = renderMarkdown(body);
  return { bodyHtml, excerpt: excerptOf(bodyHtml) };
}

export async function feed(db: Executor, personId: string, query: PageQuery, now = new Date()) {
  const result = await repository.feedOf(db, personId, now, pageOf(query));
  return { items: result.items.map(publishedView), total: result.total, page: query.page, pageSize: query.pageSize };
}

export async function publicPosts(db: Executor, code: string, query: PageQuery, now = new Date()) {
  await getMunicipality(db, code);
  const result = await repository.publicPostsOf(db, code, now, pageOf(query));
  return { items: result.items.map(publishedView), total: result.total, page: query.page, pageSize: query.pageSize };
}

export async function publicPost(db: Executor, code: string, id: string, now = new Date()) {
  const row = await repository.findPublicPost(db, code, id, now);
  if (!row) throw new AppError('POST_NOT_FOUND');
  return publishedView(row);
}
