// Pure rules of municipal content: who may read a post, what state it is in, which uploads and links
// are acceptable. No I/O here; repository.ts mirrors the audience rule in SQL.

export const TITLE_MAX = 120;
export const BODY_MAX = 20_000;
export const INTRODUCTION_MAX = 4000;
export const PROFILE_PHOTOS_MAX = 6;
export const ALT_MAX = 200;

export type Audience = { kind: 'all' } | { kind: 'premium' } | { kind: 'relation_types'; relationTypes: number[] };

export interface ReaderRegistration {
  tier: 'basic' | 'premium';
  relationTypes: readonly number[];
}

/**
 * Whether a registrant of the post's municipality may read it. `premium` means a premium registration
 * there; a relationship-type audience needs at least one of the types in the person's registration.
 */
export function audienceMatches(audience: Audience, registration: ReaderRegistration): boolean {
  switch (audience.kind) {
    case 'all':
      return true;
    case 'premium':
      return registration.tier === 'premium';
    case 'relation_types':
      return audience.relationTypes.some((t) => registration.relationTypes.includes(t));
  }
}

export type PostStatus = 'draft' | 'scheduled' | 'published';

export function postStatus(publishAt: Date | null, now: Date): PostStatus {
  if (publishAt === null) return 'draft';
  return publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

export type PublishRequest = { status: 'draft' } | { status: 'published' } | { status: 'scheduled'; publishAt: Date };

/**
 * The publish_at a change leads to. Publishing an already published post keeps its date (so an edit
 * does not move it to the top of the feed); a schedule must lie in the future, or it would be a
 * back-dated publication.
 */
export function nextPublishAt(
  current: Date | null,
  request: PublishRequest,
  now: Date,
): { ok: true; publishAt: Date | null } | { ok: false } {
  switch (request.status) {
    case 'draft':
      return { ok: true, publishAt: null };
    case 'published':
      return { ok: true, publishAt: current && postStatus(current, now) === 'published' ? current : now };
    case 'scheduled':
      return request.publishAt.getTime() > now.getTime() ? { ok: true, publishAt: request.publishAt } : { ok: false };
  }
}

/** Links a municipality shows: absolute http(s) URLs without credentials in them. */
export function isHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password
  );
}

/** Japanese phone numbers as people write them: 0226-22-6600, +81 226 22 6600, (0226)22-6600. */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[0-9()\- ]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/**
 * The type by the file's own first bytes, never by its name or Content-Type: anything else — SVG above
 * all, which can carry script, and which the image library would otherwise render — is refused.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const at = (offset: number, ...expected: number[]) => expected.every((b, i) => bytes[offset + i] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  // RIFF <size> WEBP
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}

const EXCERPT_LENGTH = 100;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** A plain-text teaser for feed cards, from the already sanitised HTML. */
export function excerptOf(html: string): string {
  const text = html
    // Blocks and line breaks part words; inline tags must not, or 「**朝6時**から」 would read 「朝6時 から」.
    .replace(/<br\s*\/?>|<\/(p|h[1-6]|li|blockquote|pre|td|th|tr)>|<(hr|img)[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length > EXCERPT_LENGTH ? `${chars.slice(0, EXCERPT_LENGTH).join('')}…` : text;
}

/** Where the app finds an uploaded image; the renderer only lets Markdown embed images at this path. */
export function imagePath(id: string): string {
  return `/api/v1/images/${id}`;
}

export function thumbnailPath(id: string): string {
  return `/api/v1/images/${id}/thumbnail`;
}

export function joinUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/join/${code}`;
}
