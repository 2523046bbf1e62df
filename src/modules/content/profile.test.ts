import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { IMAGE_MAX_BYTES } from './rules.ts';

const photo = () =>
  sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#1d6a96' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'ExamplePhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 54/1 0/1' } })
    .toBuffer();

const profileInput = (overrides: Record<string, unknown> = {}) => ({
  introduction: '海と生きるまち。\n\n[市のサイト](https://www.kesennuma.miyagi.jp/)',
  photos: [],
  links: { website: 'https://www.kesennuma.miyagi.jp/', furusatoNozei: null, fanClub: '' },
  contact: { department: '企画課', phone: '0226-22-6600', email: 'furusato@kesennuma.example.jp' },
  welcomedRelationTypes: [2, 1],
  ...overrides,
});

describe.each(testEngines())('municipality profile, join QR code and images on %s', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let admin: SignedIn;
  let fukushima: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await signInByEmail(t.app, 'editor@kesennuma.example.jp');
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
  });
  afterAll(() => t?.close());

  const upload = (body: Buffer | string, who: SignedIn = editor, contentType = 'image/jpeg', tenant = '042056') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/${tenant}/images`,
      payload: body,
      cookies: who.cookies,
      headers: { ...who.headers, 'content-type': contentType },
    });
  const saveProfile = (payload: object, who: SignedIn = editor, tenant = '042056') =>
    t.app.inject({ method: 'PUT', url: `/api/v1/tenants/${tenant}/profile`, payload, ...who });

  it('serves the demo profile of 気仙沼市 to anyone, with the join link for its poster', async () => {
    const response = await t.app.inject({ url: '/api/v1/municipalities/042056/profile' });
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    expect(profile).toMatchObject({
      municipalityCode: '042056',
      municipalityName: '気仙沼市',
      fullName: '宮城県気仙沼市',
      participating: true,
      links: { website: 'https://www.kesennuma.miyagi.jp/' },
      welcomedRelationTypes: [1, 2, 3, 4],
      joinUrl: 'http://localhost:3000/join/042056',
      joinQrUrl: '/api/v1/municipalities/042056/join-qr.svg',
    });
    expect(profile.introductionHtml).toContain('<h2>海と生きるまち、気仙沼へようこそ</h2>');
    expect(profile.photos).toHaveLength(3);
    const image = await t.app.inject({ url: profile.photos[0].url });
    expect([image.statusCode, image.headers['content-type']]).toEqual([200, 'image/webp']);
  });

  it('answers a municipality without a profile with its name and empty fields', async () => {
    const response = await t.app.inject({ url: '/api/v1/municipalities/131016/profile' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      municipalityCode: '131016',
      municipalityName: '千代田区',
      fullName: expect.stringContaining('千代田区'),
      kind: 'municipality',
      participating: false,
      introduction: '',
      introductionHtml: '',
      photos: [],
      links: { website: null, furusatoNozei: null, fanClub: null },
      contact: { department: null, phone: null, email: null },
      welcomedRelationTypes: [],
      joinUrl: 'http://localhost:3000/join/131016',
      joinQrUrl: '/api/v1/municipalities/131016/join-qr.svg',
      updatedAt: null,
    });
    const malformed = await t.app.inject({ url: '/api/v1/municipalities/042057/profile' });
    expect([malformed.statusCode, malformed.json().error.code]).toEqual([400, 'INVALID_MUNICIPALITY_CODE']);
  });

  it('draws the join link as a cacheable SVG QR code', async () => {
    const response = await t.app.inject({ url: '/api/v1/municipalities/042056/join-qr.svg' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=86400');
    // The same encoder with the expected URL draws the same modules: the code carries exactly that link.
    const expected = await QRCode.toString('http://localhost:3000/join/042056', {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    expect(response.body).toBe(expected);
    expect(response.body).not.toMatch(/<script/i);
    const other = await t.app.inject({ url: '/api/v1/municipalities/072010/join-qr.svg' });
    expect(other.body).not.toBe(response.body);
  });

  it('uploads a photo, strips its metadata and serves both sizes with long cache headers', async () => {
    const response = await upload(await photo());
    expect(response.statusCode, response.body).toBe(201);
    const image = response.json();
    expect(image).toMatchObject({ width: 1600, height: 1067, url: `/api/v1/images/${image.id}` });

    const full = await t.app.inject({ url: image.url });
    expect(full.headers['content-type']).toBe('image/webp');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(full.rawPayload).metadata();
    expect([meta.format, meta.width, meta.exif]).toEqual(['webp', 1600, undefined]);
    expect(full.rawPayload.includes(Buffer.from('ExamplePhone'))).toBe(false);

    const thumbnail = await t.app.inject({ url: image.thumbnailUrl });
    expect((await sharp(thumbnail.rawPayload).metadata()).width).toBe(400);

    const listed = (await t.app.inject({ url: '/api/v1/tenants/042056/images', ...editor })).json();
    expect(listed.items[0]).toMatchObject({ id: image.id });

    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json();
    expect(log.items[0]).toMatchObject({ action: 'image.uploaded', subjectId: image.id });
  });

  it('refuses an oversized file, a non-image and an SVG carrying script', async () => {
    const oversized = Buffer.alloc(IMAGE_MAX_BYTES + 1);
    oversized.set([0xff, 0xd8, 0xff]);
    const big = await upload(oversized);
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'IMAGE_TOO_LARGE']);

    const text = await upload('これは画像ではありません', editor, 'text/plain');
    expect([text.statusCode, text.json().error.code]).toEqual([415, 'IMAGE_TYPE_NOT_ALLOWED']);

    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="alert(1)"><script>alert(document.cookie)</script></svg>';
    for (const type of ['image/svg+xml', 'image/png', 'image/jpeg']) {
      const refused = await upload(svg, editor, type);
      expect([type, refused.statusCode, refused.json().error.code]).toEqual([type, 415, 'IMAGE_TYPE_NOT_ALLOWED']);
    }
    const gif = await upload(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .gif()
        .toBuffer(),
    );
    expect([gif.statusCode, gif.json().error.code]).toEqual([415, 'IMAGE_TYPE_NOT_ALLOWED']);

    const broken = await upload((await photo()).subarray(0, 500));
    expect([broken.statusCode, broken.json().error.code]).toEqual([415, 'IMAGE_UNREADABLE']);

    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/images',
      payload: await photo(),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers 404 IMAGE_NOT_FOUND for an unknown image', async () => {
    const response = await t.app.inject({ url: '/api/v1/images/00000000-0000-4000-8000-00000000beef' });
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'IMAGE_NOT_FOUND']);
    const thumb = await t.app.inject({ url: '/api/v1/images/00000000-0000-4000-8000-00000000beef/thumbnail' });
    expect(thumb.statusCode).toBe(404);
  });

  it('saves the profile with photos in order, renders the introduction safely and audits it', async () => {
    const first = (await upload(await photo())).json();
    const second = (await upload(await photo())).json();
    const saved = await saveProfile(
      profileInput({
        introduction: '## 港町\n<script>alert(1)</script>\n[x](javascript:alert(1))',
        photos: [
          { imageId: second.id, alt: '大島大橋' },
          { imageId: first.id, alt: '魚市場' },
        ],
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      introductionHtml: expect.stringContaining('<h2>港町</h2>'),
      photos: [
        { id: second.id, alt: '大島大橋', thumbnailUrl: `/api/v1/images/${second.id}/thumbnail` },
        { id: first.id, alt: '魚市場' },
      ],
      links: { website: 'https://www.kesennuma.miyagi.jp/', furusatoNozei: null, fanClub: null },
      contact: { department: '企画課', phone: '0226-22-6600', email: 'furusato@kesennuma.example.jp' },
      welcomedRelationTypes: [1, 2],
      updatedAt: expect.any(String),
    });
    expect(saved.json().introductionHtml).not.toMatch(/<script|href="javascript/i);

    const pub = (await t.app.inject({ url: '/api/v1/municipalities/042056/profile' })).json();
    expect(pub.photos.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);

    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json();
    expect(log.items[0]).toMatchObject({
      action: 'profile.updated',
      actorEmail: 'editor@kesennuma.example.jp',
      details: { photos: [second.id, first.id] },
    });
  });

  it.each([
    [
      'a javascript: link',
      { links: { website: 'javascript:alert(1)', furusatoNozei: null, fanClub: null } },
      'INVALID_URL',
    ],
    ['a data: link', { links: { website: null, furusatoNozei: 'data:text/html,x', fanClub: null } }, 'INVALID_URL'],
    [
      'a link without a scheme',
      { links: { website: 'www.kesennuma.miyagi.jp', furusatoNozei: null, fanClub: null } },
      'INVALID_URL',
    ],
    ['an ftp link', { links: { website: null, furusatoNozei: null, fanClub: 'ftp://example.jp/' } }, 'INVALID_URL'],
    [
      'a phone number in words',
      { contact: { department: null, phone: '役所の代表番号', email: null } },
      'INVALID_PHONE_NUMBER',
    ],
    [
      'a malformed e-mail',
      { contact: { department: null, phone: null, email: 'not-an-address' } },
      'VALIDATION_FAILED',
    ],
    ['no relationship type', { welcomedRelationTypes: [] }, 'INVALID_RELATION_TYPES'],
    ['an introduction over 4,000 characters', { introduction: 'あ'.repeat(4001) }, 'VALIDATION_FAILED'],
    [
      'seven photos',
      { photos: Array.from({ length: 7 }, () => ({ imageId: '00000000-0000-4000-8000-000000000001', alt: '' })) },
      'VALIDATION_FAILED',
    ],
  ])('refuses %s', async (_label, overrides, code) => {
    const response = await saveProfile(profileInput(overrides));
    expect([response.statusCode, response.json().error.code]).toEqual([400, code]);
  });

  it("refuses another tenant's image and keeps each tenant to its own profile", async () => {
    const kesennumaImage = (await upload(await photo())).json();
    const sideways = await saveProfile(
      profileInput({ photos: [{ imageId: kesennumaImage.id, alt: '' }] }),
      fukushima,
      '070009',
    );
    expect([sideways.statusCode, sideways.json().error.code]).toEqual([400, 'IMAGE_REFERENCE_INVALID']);
    expect(sideways.json().error.details).toEqual({ imageId: kesennumaImage.id });

    const direct = await saveProfile(profileInput(), fukushima, '042056');
    expect([direct.statusCode, direct.json().error.code]).toEqual([403, 'FORBIDDEN']);

    const own = await saveProfile(profileInput({ introduction: '福島県です' }), fukushima, '070009');
    expect(own.statusCode).toBe(200);
    const kesennuma = (await t.app.inject({ url: '/api/v1/municipalities/042056/profile' })).json();
    expect(kesennuma.introduction).not.toBe('福島県です');
  });
});
