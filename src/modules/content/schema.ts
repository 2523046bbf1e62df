import { z } from 'zod';
import { withErrorCode } from '../../platform/error-schema.ts';
import { listResponseSchema, pageQuerySchema } from '../../platform/pagination.ts';
import { emailSchema } from '../accounts/schema.ts';
import { municipalityCodeSchema } from '../municipalities/schema.ts';
import { relationTypesSchema } from '../registrations/schema.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import {
  ALT_MAX,
  BODY_MAX,
  INTRODUCTION_MAX,
  isHttpUrl,
  isPhoneNumber,
  PROFILE_PHOTOS_MAX,
  TITLE_MAX,
} from './rules.ts';

// A form's empty field arrives as '' and means "not set".
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));

const linkSchema = withErrorCode(optionalText(500), 'INVALID_URL', (v) => v === null || isHttpUrl(v)).describe(
  'http(s) のURL、未設定は null / an http(s) URL, or null',
);

const altSchema = z.string().trim().max(ALT_MAX).describe('画像の説明（代替テキスト） / alternative text');

export const imageSchema = z
  .object({
    id: z.uuid(),
    url: z.string().describe('最大1600pxのWebP / WebP, at most 1600 px'),
    thumbnailUrl: z.string().describe('最大400pxのWebP / WebP, at most 400 px'),
    width: z.number().int(),
    height: z.number().int(),
    createdAt: z.date(),
  })
  .meta({ id: 'ContentImage' });

export const imageListSchema = listResponseSchema(imageSchema);

const placedImageSchema = z.object({
  id: z.uuid(),
  alt: z.string(),
  url: z.string(),
  thumbnailUrl: z.string(),
});

// ----- profile -----

export const profileInputSchema = z.object({
  introduction: z
    .string()
    .max(INTRODUCTION_MAX)
    .describe('紹介文（プレーンテキストまたは Markdown、4000字まで） / introduction, plain text or Markdown'),
  photos: z
    .array(z.object({ imageId: z.uuid(), alt: altSchema }))
    .max(PROFILE_PHOTOS_MAX)
    .describe('写真（6枚まで、この順で表示） / up to 6 photos, shown in this order'),
  links: z.object({
    website: linkSchema.describe('自治体の公式サイト / official website'),
    furusatoNozei: linkSchema.describe('ふるさと納税のページ / furusato nozei (hometown tax) page'),
    fanClub: linkSchema.describe('既存のファンクラブ・アプリ / existing fan club or app'),
  }),
  contact: z.object({
    department: optionalText(100).describe('担当部署 / department'),
    phone: withErrorCode(optionalText(20), 'INVALID_PHONE_NUMBER', (v) => v === null || isPhoneNumber(v)),
    email: z
      .union([emailSchema, z.literal('')])
      .nullable()
      .transform((v) => (v === '' ? null : v)),
  }),
  welcomedRelationTypes: relationTypesSchema.describe(
    '歓迎する関わり方の類型 ①〜④ / the relationship types the municipality welcomes',
  ),
});

export type ProfileInput = z.infer<typeof profileInputSchema>;

export const profileSchema = z
  .object({
    municipalityCode: z.string(),
    municipalityName: z.string(),
    fullName: z.string().describe('都道府県名を含む名称 / name with its prefecture'),
    kind: z.enum(['prefecture', 'municipality', 'ward']),
    participating: z.boolean().describe('ふるさと住民登録を受け付けている / accepts registrations now'),
    introduction: z.string(),
    introductionHtml: z.string().describe('安全なHTMLに変換済み / rendered, safe HTML'),
    photos: z.array(placedImageSchema),
    links: z.object({
      website: z.string().nullable(),
      furusatoNozei: z.string().nullable(),
      fanClub: z.string().nullable(),
    }),
    contact: z.object({
      department: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
    welcomedRelationTypes: z.array(z.number().int()),
    joinUrl: z
      .string()
      .describe('登録ページのURL（ポスター・QRコード用） / the join page, for posters and the QR code'),
    joinQrUrl: z.string().describe('登録ページのQRコード（SVG） / QR code of the join page (SVG)'),
    updatedAt: z.date().nullable().describe('未作成なら null / null until the profile is first saved'),
  })
  .meta({ id: 'MunicipalityProfile' });

export type ProfileView = z.infer<typeof profileSchema>;

export const municipalityParamsSchema = z.object({ code: municipalityCodeSchema });

// ----- posts -----

export const audienceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('all').describe('登録者全員 / every registrant') }),
    z.object({ kind: z.literal('premium').describe('プレミアム登録者のみ / premium registrants only') }),
    z.object({
      kind: z.literal('relation_types'),
      relationTypes: relationTypesSchema,
    }),
  ])
  .describe('配信対象 / who may read the post')
  .meta({ id: 'PostAudience' });

const postStatusSchema = z.enum(['draft', 'scheduled', 'published']);

const coverInputSchema = z.object({ imageId: z.uuid(), alt: altSchema }).nullable();

const postFields = {
  title: z.string().trim().min(1).max(TITLE_MAX).describe(`タイトル（${TITLE_MAX}字まで） / title`),
  body: z.string().max(BODY_MAX).describe('本文（Markdown、HTMLは使えません） / body in Markdown (no raw HTML)'),
  coverImage: coverInputSchema.describe('一覧に表示する画像 / image shown in the feed'),
  audience: audienceSchema,
  pinned: z.boolean().describe('一覧の先頭に固定 / keep at the top'),
  status: z
    .enum(['draft', 'published', 'scheduled'])
    .describe('下書き・すぐに公開・予約公開（publishAt が必要） / draft, publish now, or schedule (needs publishAt)'),
  publishAt: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v))
    .optional()
    .describe('予約公開の日時（未来、status が scheduled のとき） / when a scheduled post goes out'),
};

function scheduleNeedsTime(body: { status?: string; publishAt?: Date }, ctx: z.RefinementCtx) {
  if (body.status === 'scheduled' && body.publishAt === undefined) {
    ctx.addIssue({ code: 'custom', path: ['publishAt'], message: 'publishAt is required to schedule a post' });
  }
  if (body.publishAt !== undefined && body.status !== 'scheduled') {
    ctx.addIssue({ code: 'custom', path: ['status'], message: 'publishAt goes with status "scheduled"' });
  }
}

export const createPostSchema = z
  .object({
    ...postFields,
    body: postFields.body.default(''),
    coverImage: postFields.coverImage.default(null),
    audience: postFields.audience.default({ kind: 'all' }),
    pinned: postFields.pinned.default(false),
    status: postFields.status.default('draft'),
  })
  .superRefine(scheduleNeedsTime);

export const updatePostSchema = z
  .object({
    title: postFields.title.optional(),
    body: postFields.body.optional(),
    coverImage: postFields.coverImage.optional(),
    audience: postFields.audience.optional(),
    pinned: postFields.pinned.optional(),
    status: postFields.status.optional(),
    publishAt: postFields.publishAt,
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: 'nothing to change' })
  .superRefine(scheduleNeedsTime);

export type CreatePostInput = z.infer<typeof createPostSchema>;
export type UpdatePostInput = z.infer<typeof updatePostSchema>;

export const postSchema = z
  .object({
    id: z.uuid(),
    municipalityCode: z.string(),
    title: z.string(),
    body: z.string(),
    bodyHtml: z.string().describe('安全なHTMLに変換済み（プレビュー） / rendered, safe HTML (preview)'),
    excerpt: z.string(),
    coverImage: placedImageSchema.nullable(),
    audience: audienceSchema,
    status: postStatusSchema.describe('publishAt から読み出し時に決まる / computed from publishAt when read'),
    publishAt: z.date().nullable(),
    pinned: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Post' });

export type PostView = z.infer<typeof postSchema>;

export const postListSchema = listResponseSchema(postSchema.omit({ body: true, bodyHtml: true }));

export const postListQuerySchema = pageQuerySchema.extend({ status: postStatusSchema.optional() });

export const postParamsSchema = tenantParamsSchema.extend({ id: z.uuid() });

export const previewSchema = z.object({ body: postFields.body });

/** What residents and the public see of a published post. */
export const publishedPostSchema = z
  .object({
    id: z.uuid(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    title: z.string(),
    bodyHtml: z.string(),
    excerpt: z.string(),
    coverImage: placedImageSchema.nullable(),
    audience: audienceSchema,
    pinned: z.boolean(),
    publishedAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'PublishedPost' });

export type PublishedPostView = z.infer<typeof publishedPostSchema>;

export const publishedPostListSchema = listResponseSchema(publishedPostSchema);

export const publicPostParamsSchema = z.object({ code: municipalityCodeSchema, id: z.uuid() });

export const imageParamsSchema = z.object({ id: z.uuid() });
