import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/pagination.ts';
import { NATIONAL_TENANT } from '../../platform/policy.ts';
import { appendAudit } from '../audit/repository.ts';
import { getMunicipality } from '../municipalities/service.ts';
import { jstDay } from '../registrations/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import { processImage } from './images.ts';
import { renderMarkdown } from './markdown.ts';
import * as repository from './repository.ts';
import { imagePath, joinUrl, thumbnailPath } from './rules.ts';
import type { ProfileInput, ProfileView } from './schema.ts';

export function pageOf(query: PageQuery) {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

/** Profiles, posts and images belong to a municipality or prefecture, never to the national level. */
export async function requireContentTenant(db: Executor, tenant: string) {
  if (tenant === NATIONAL_TENANT) throw new AppError('INVALID_TENANT');
  return getMunicipality(db, tenant);
}

export function placedImage(id: string, alt: string) {
  return { id, alt, url: imagePath(id), thumbnailUrl: thumbnailPath(id) };
}

/** Refuses a reference to an image this tenant did not upload (the database would too, less politely). */
export async function requireOwnImages(db: Executor, tenant: string, ids: string[]): Promise<void> {
  const own = await repository.ownImageIds(db, tenant, ids);
  const foreign = ids.find((id) => !own.has(id));
  if (foreign) throw new AppError('IMAGE_REFERENCE_INVALID', { imageId: foreign });
}

// ----- images -----

function imageView(row: { id: string; width: number; height: number; createdAt: Date }) {
  return { ...row, url: imagePath(row.id), thumbnailUrl: thumbnailPath(row.id) };
}

export async function uploadImage(db: Executor, ctx: StaffContext, bytes: Uint8Array) {
  await requireContentTenant(db, ctx.tenant);
  const image = await processImage(bytes);
  return inTransaction(db, async (trx) => {
    const row = await repository.insertImage(trx, {
      tenant: ctx.tenant,
      width: image.full.width,
      height: image.full.height,
      bytes: image.full.bytes,
      thumbnail: image.thumbnail.bytes,
      uploadedBy: ctx.actorPersonId,
    });
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'image.uploaded',
      subjectType: 'image',
      subjectId: row.id,
      requestId: ctx.requestId,
      details: { type: image.type, originalBytes: bytes.byteLength, width: row.width, height: row.height },
    });
    return imageView(row);
  });
}

export async function listImages(db: Executor, ctx: StaffContext, query: PageQuery) {
  const result = await repository.imagesOf(db, ctx.tenant, pageOf(query));
  return { items: result.items.map(imageView), total: result.total, page: query.page, pageSize: query.pageSize };
}

export async function imageFile(db: Executor, id: string, variant: 'full' | 'thumbnail'): Promise<Buffer> {
  const bytes = await repository.imageBytes(db, id, variant);
  if (!bytes) throw new AppError('IMAGE_NOT_FOUND');
  return Buffer.from(bytes);
}

// ----- profile -----

/**
 * A municipality that has not written its profile yet still gets a page: its name, the join link and
 * empty fields, so that posters and links printed early never lead to an error.
 */
async function profileOf(db: Executor, code: string, publicUrl: string, now: Date): Promise<ProfileView> {
  const [municipality, stored] = await Promise.all([getMunicipality(db, code), repository.findProfile(db, code)]);
  const profile = stored?.profile;
  return {
    municipalityCode: municipality.code,
    municipalityName: municipality.name,
    fullName: municipality.fullName,
    kind: municipality.kind,
    participating:
      municipality.kind !== 'ward' && municipality.joinedAt !== null && municipality.joinedAt <= jstDay(now),
    introduction: profile?.introduction ?? '',
    introductionHtml: profile?.introduction_html ?? '',
    photos: (stored?.photos ?? []).map((p) => placedImage(p.imageId, p.alt)),
    links: {
      website: profile?.website_url ?? null,
      furusatoNozei: profile?.furusato_nozei_url ?? null,
      fanClub: profile?.fan_club_url ?? null,
    },
    contact: {
      department: profile?.contact_department ?? null,
      phone: profile?.contact_phone ?? null,
      email: profile?.contact_email ?? null,
    },
    welcomedRelationTypes: profile?.welcomed_relation_types ?? [],
    joinUrl: joinUrl(publicUrl, municipality.code),
    joinQrUrl: `/api/v1/municipalities/${municipality.code}/join-qr.svg`,
    updatedAt: profile?.updated_at ?? null,
  };
}

export function publicProfile(db: Executor, code: string, publicUrl: string, now = new Date()) {
  return profileOf(db, code, publicUrl, now);
}

export async function staffProfile(db: Executor, ctx: StaffContext, publicUrl: string, now = new Date()) {
  await requireContentTenant(db, ctx.tenant);
  return profileOf(db, ctx.tenant, publicUrl, now);
}

export async function saveProfile(
  db: Executor,
  ctx: StaffContext,
  input: ProfileInput,
  publicUrl: string,
  now = new Date(),
) {
  await requireContentTenant(db, ctx.tenant);
  const imageIds = input.photos.map((p) => p.imageId);
  await requireOwnImages(db, ctx.tenant, imageIds);
  await inTransaction(db, async (trx) => {
    await repository.saveProfile(
      trx,
      ctx.tenant,
      {
        introduction: input.introduction,
        introduction_html: renderMarkdown(input.introduction),
        website_url: input.links.website,
        furusato_nozei_url: input.links.furusatoNozei,
        fan_club_url: input.links.fanClub,
        contact_department: input.contact.department,
        contact_phone: input.contact.phone,
        contact_email: input.contact.email,
        welcomed_relation_types: [...new Set(input.welcomedRelationTypes)].sort((a, b) => a - b),
        updated_at: now,
        updated_by: ctx.actorPersonId,
      },
      input.photos,
    );
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'profile.updated',
      subjectType: 'profile',
      subjectId: ctx.tenant,
      requestId: ctx.requestId,
      details: { photos: imageIds, links: input.links },
    });
  });
  return profileOf(db, ctx.tenant, publicUrl, now);
}
