import { describe, expect, it } from 'vitest';
import {
  audienceMatches,
  excerptOf,
  isHttpUrl,
  isPhoneNumber,
  joinUrl,
  nextPublishAt,
  postStatus,
  sniffImageType,
} from './rules.ts';

const basic = (...relationTypes: number[]) => ({ tier: 'basic' as const, relationTypes });
const premium = (...relationTypes: number[]) => ({ tier: 'premium' as const, relationTypes });

describe('audienceMatches', () => {
  it('shows posts for every registrant to every registrant', () => {
    expect(audienceMatches({ kind: 'all' }, basic(1))).toBe(true);
    expect(audienceMatches({ kind: 'all' }, premium(4))).toBe(true);
  });

  it('shows premium posts to premium registrations only', () => {
    expect(audienceMatches({ kind: 'premium' }, premium(1))).toBe(true);
    expect(audienceMatches({ kind: 'premium' }, basic(1, 2, 3, 4))).toBe(false);
  });

  it('shows a relationship-type post when the registration holds one of its types', () => {
    const helpers = { kind: 'relation_types' as const, relationTypes: [2, 3] };
    expect(audienceMatches(helpers, basic(3))).toBe(true);
    expect(audienceMatches(helpers, basic(1, 2))).toBe(true);
    expect(audienceMatches(helpers, basic(1, 4))).toBe(false);
    // Premium is no master key: a premium registrant of type ① is not a helper.
    expect(audienceMatches(helpers, premium(1))).toBe(false);
  });
});

describe('post status and publishing', () => {
  const now = new Date('2026-05-01T00:00:00Z');
  const past = new Date('2026-04-01T00:00:00Z');
  const future = new Date('2026-06-01T00:00:00Z');

  it('derives the status from publish_at at read time', () => {
    expect(postStatus(null, now)).toBe('draft');
    expect(postStatus(future, now)).toBe('scheduled');
    expect(postStatus(now, now)).toBe('published');
    expect(postStatus(past, now)).toBe('published');
    // The same scheduled row is published once its time has come.
    expect(postStatus(future, new Date('2026-06-01T00:00:01Z'))).toBe('published');
  });

  it('publishes a draft now and keeps the date of an already published post', () => {
    expect(nextPublishAt(null, { status: 'published' }, now)).toEqual({ ok: true, publishAt: now });
    expect(nextPublishAt(past, { status: 'published' }, now)).toEqual({ ok: true, publishAt: past });
    // A scheduled post published early goes out now, not at its scheduled time.
    expect(nextPublishAt(future, { status: 'published' }, now)).toEqual({ ok: true, publishAt: now });
  });

  it('schedules only into the future and unpublishes to a draft', () => {
    expect(nextPublishAt(null, { status: 'scheduled', publishAt: future }, now)).toEqual({
      ok: true,
      publishAt: future,
    });
    expect(nextPublishAt(null, { status: 'scheduled', publishAt: past }, now)).toEqual({ ok: false });
    expect(nextPublishAt(null, { status: 'scheduled', publishAt: now }, now)).toEqual({ ok: false });
    expect(nextPublishAt(past, { status: 'draft' }, now)).toEqual({ ok: true, publishAt: null });
  });
});

describe('links and contact', () => {
  it.each([
    ['https://www.kesennuma.miyagi.jp/', true],
    ['http://example.jp/path?q=1', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['ftp://example.jp/', false],
    ['//example.jp/', false],
    ['/relative', false],
    ['www.example.jp', false],
    ['https://user:secret@example.jp/', false],
    ['', false],
  ])('isHttpUrl(%j) is %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });

  it.each([
    ['0226-22-6600', true],
    ['+81 226 22 6600', true],
    ['(0226)22-6600', true],
    ['12345', false],
    ['0226-22-6600 内線123', false],
    ['tel:0226226600', false],
  ])('isPhoneNumber(%j) is %s', (value, expected) => {
    expect(isPhoneNumber(value)).toBe(expected);
  });

  it('builds the join link from the public URL', () => {
    expect(joinUrl('https://furusato.example.jp/', '042056')).toBe('https://furusato.example.jp/join/042056');
  });
});

describe('sniffImageType', () => {
  const bytes = (...b: number[]) => Uint8Array.from([...b, ...new Array(16).fill(0)]);

  it('knows JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    const webp = Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);
    expect(sniffImageType(webp)).toBe('image/webp');
  });

  it('refuses SVG, GIF, PDF, other RIFF files and empty bodies', () => {
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe(
      null,
    );
    expect(sniffImageType(Buffer.from('<?xml version="1.0"?><svg/>'))).toBe(null);
    expect(sniffImageType(Buffer.from('GIF89a......'))).toBe(null);
    expect(sniffImageType(Buffer.from('%PDF-1.7'))).toBe(null);
    expect(sniffImageType(Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WAVEfmt ')]))).toBe(
      null,
    );
    expect(sniffImageType(new Uint8Array())).toBe(null);
  });
});

describe('excerptOf', () => {
  it('turns the rendered HTML into a short plain text', () => {
    expect(excerptOf('<h2>見出し</h2><p>本文 &amp; <a href="https://x.jp">リンク</a></p>')).toBe(
      '見出し 本文 & リンク',
    );
    expect(excerptOf('<p>毎週日曜、<strong>朝6時</strong>から。<br />雨天中止</p>')).toBe(
      '毎週日曜、朝6時から。 雨天中止',
    );
    const long = `<p>${'あ'.repeat(150)}</p>`;
    expect(excerptOf(long)).toBe(`${'あ'.repeat(100)}…`);
  });

  it('is plain text (entities decoded), for clients to insert as text, never as HTML', () => {
    expect(excerptOf('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<script>alert(1)</script>');
  });
});
