import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { DB, MunicipalityProfilesTable, PostsTable } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

type Page = { limit: number; offset: number };

// ----- images -----

const imageColumns = ['id', 'width', 'height', 'created_at as createdAt'] as const;

export function insertImage(
  db: Executor,
  image: {
    tenant: string;
    width: number;
    height: number;
    bytes: Uint8Array;
    thumbnail: Uint8Array;
    uploadedBy: string | null;
  },
) {
  return db
    .insertInto('content_images')
    .values({
      municipality_code: image.tenant,
      width: image.width,
      height: image.height,
      bytes: image.bytes,
      thumbnail: image.thumbnail,
      uploaded_by: image.uploadedBy,
    })
    .returning(imageColumns)
    .executeTakeFirstOrThrow();
}

export async function imagesOf(db: Executor, tenant: string, page: Page) {
  const [items, count] = await Promise.all([
    db
      .selectFrom('content_images')
      .select(imageColumns)
      .where('municipality_code', '=', tenant)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('content_images')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('municipality_code', '=', tenant)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

/** Images are public once uploaded: their ids are random and they are meant to be published. */
export async function imageBytes(db: Executor, id: string, variant: 'full' | 'thumbnail') {
  const row = await db
    .selectFrom('content_images')
    .select(variant === 'full' ? 'bytes as data' : 'thumbnail as data')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.data;
}

/** Of the given ids, those uploaded by this tenant. */
export async function ownImageIds(db: Executor, tenant: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('content_images')
    .select('id')
    .where('municipality_code', '=', tenant)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

// ----- profiles -----

export async function findProfile(db: Executor, code: string) {
  const [profile, photos] = await Promise.all([
    db.selectFrom('municipality_profiles').selectAll().where('municipality_code', '=', code).executeTakeFirst(),
    db
      .selectFrom('profile_photos')
      .select(['image_id as imageId', 'alt'])
      .where('municipality_code', '=', code)
      .orderBy('position')
      .execute(),
  ]);
  return profile ? { profile, photos } : undefined;
}

export async function saveProfile(
  db: Executor,
  code: string,
  values: Omit<Insertable<MunicipalityProfilesTable>, 'municipality_code'>,
  photos: { imageId: string; alt: string }[],
) {
  await db
    .insertInto('municipality_profiles')
    .values({ ...values, municipality_code: code })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet(values))
    .execute();
  await db.deleteFrom('profile_photos').where('municipality_code', '=', code).execute();
  if (photos.length > 0) {
    await db
      .insertInto('profile_photos')
      .values(photos.map((p, position) => ({ municipality_code: code, position, image_id: p.imageId, alt: p.alt })))
      .execute();
  }
}

// ----- posts -----

const postColumns = [
  'p.id',
  'p.municipality_code as municipalityCode',
  'p.title',
  'p.body',
  'p.body_html as bodyHtml',
  'p.excerpt',
  'p.cover_image_id as coverImageId',
  'p.cover_image_alt as coverImageAlt',
  'p.audience',
  'p.audience_relation_types as audienceRelationTypes',
  'p.publish_at as publishAt',
  'p.pinned',
  'p.created_at as createdAt',
  'p.updated_at as updatedAt',
] as const;

export type PostRow = Awaited<ReturnType<typeof findPost>> & {};

export function insertPost(db: Executor, values: Insertable<PostsTable>) {
  return db.insertInto('posts').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Scoped by tenant: another municipality's post id is simply not found. */
export function findPost(db: Executor, tenant: string, id: string) {
  return db
    .selectFrom('posts as p')
    .select(postColumns)
    .where('p.municipality_code', '=', tenant)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function updatePost(db: Executor, tenant: string, id: string, values: Updateable<PostsTable>) {
  const result = await db
    .updateTable('posts')
    .set(values)
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function deletePost(db: Executor, tenant: string, id: string) {
  return db
    .deleteFrom('posts')
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .returning(['id', 'title'])
    .executeTakeFirst();
}

export type StatusFilter = 'draft' | 'scheduled' | 'published' | undefined;

function byStatus(status: StatusFilter, now: Date) {
  return (eb: ExpressionBuilder<DB & { p: PostsTable }, 'p'>) => {
    switch (status) {
      case 'draft':
        return eb('p.publish_at', 'is', null);
      case 'scheduled':
        return eb('p.publish_at', '>', now);
      case 'published':
        return eb('p.publish_at', '<=', now);
      default:
        return eb.lit(true);
    }
  };
}

export async function postsOf(db: Executor, tenant: string, status: StatusFilter, now: Date, page: Page) {
  const base = db.selectFrom('posts as p').where('p.municipality_code', '=', tenant).where(byStatus(status, now));
  const [items, count] = await Promise.all([
    base
      .select(postColumns)
      // Drafts and scheduled posts sort by when they were written, published ones by when they went out.
      .orderBy('p.pinned', 'desc')
      .orderBy(sql`coalesce(p.publish_at, p.created_at)`, 'desc')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

const publishedColumns = [...postColumns, 'm.name as municipalityName'] as const;

/**
 * Published posts of every municipality and prefecture the person is registered with, that the
 * registration there may read. The audience condition is audienceMatches() (rules.ts) in SQL.
 */
export async function feedOf(db: Executor, personId: string, now: Date, page: Page) {
  const base = db
    .selectFrom('registrations as r')
    .innerJoin('posts as p', 'p.municipality_code', 'r.municipality_code')
    .innerJoin('municipalities as m', 'm.code', 'p.municipality_code')
    .where('r.person_id', '=', personId)
    .where('p.publish_at', '<=', now)
    .where((eb) =>
      eb.or([
        eb('p.audience', '=', 'all'),
        eb.and([eb('p.audience', '=', 'premium'), eb('r.tier', '=', 'premium')]),
        eb.and([eb('p.audience', '=', 'relation_types'), sql<boolean>`p.audience_relation_types && r.relation_types`]),
      ]),
    );
  const [items, count] = await Promise.all([
    base
      .select(publishedColumns)
      .orderBy('p.pinned', 'desc')
      .orderBy('p.publish_at', 'desc')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

/** What anyone may read without signing in: published posts for every registrant (audience `all`). */
function publicPosts(db: Executor, code: string, now: Date) {
  return db
    .selectFrom('posts as p')
    .innerJoin('municipalities as m', 'm.code', 'p.municipality_code')
    .where('p.municipality_code', '=', code)
    .where('p.publish_at', '<=', now)
    .where('p.audience', '=', 'all');
}

export async function publicPostsOf(db: Executor, code: string, now: Date, page: Page) {
  const [items, count] = await Promise.all([
    publicPosts(db, code, now)
      .select(publishedColumns)
      .orderBy('p.pinned', 'desc')
      .orderBy('p.publish_at', 'desc')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    publicPosts(db, code, now).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export function findPublicPost(db: Executor, code: string, id: string, now: Date) {
  return publicPosts(db, code, now).select(publishedColumns).where('p.id', '=', id).executeTakeFirst();
}
