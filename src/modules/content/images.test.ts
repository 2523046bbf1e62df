import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processImage } from './images.ts';
import { IMAGE_MAX_BYTES } from './rules.ts';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2a6f97' } });

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? error;
  }
}

describe('processImage', () => {
  it('re-encodes a large photo as WebP at 1600 px and a 400 px thumbnail', async () => {
    const image = await processImage(await solid(4000, 3000).jpeg().toBuffer());
    expect(image.type).toBe('image/jpeg');
    expect([image.full.width, image.full.height, image.thumbnail.width, image.thumbnail.height]).toEqual([
      1600, 1200, 400, 300,
    ]);
    for (const variant of [image.full, image.thumbnail]) {
      const meta = await sharp(variant.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', variant.width, variant.height]);
    }
  });

  it('never enlarges a small image', async () => {
    const image = await processImage(await solid(300, 200).png().toBuffer());
    expect([image.type, image.full.width, image.full.height, image.thumbnail.width]).toEqual([
      'image/png',
      300,
      200,
      300,
    ]);
  });

  it('accepts WebP', async () => {
    expect((await processImage(await solid(64, 64).webp().toBuffer())).type).toBe('image/webp');
  });

  it('turns the photo upright and removes EXIF, GPS position included', async () => {
    const photo = await solid(200, 100)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'ExamplePhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 54/1 0/1' } })
      .toBuffer();
    const original = await sharp(photo).metadata();
    expect(original.exif?.includes(Buffer.from('ExamplePhone'))).toBe(true);

    const image = await processImage(photo);
    expect([image.full.width, image.full.height]).toEqual([100, 200]);
    for (const bytes of [image.full.bytes, image.thumbnail.bytes]) {
      const meta = await sharp(bytes).metadata();
      expect([meta.exif, meta.xmp, meta.iptc, meta.orientation]).toEqual([undefined, undefined, undefined, undefined]);
      expect(bytes.includes(Buffer.from('ExamplePhone'))).toBe(false);
    }
  });

  it('refuses SVG (even when it calls itself an image), GIF, PDF and text', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
    );
    expect(await codeOf(processImage(svg))).toBe('IMAGE_TYPE_NOT_ALLOWED');
    expect(await codeOf(processImage(await solid(10, 10).gif().toBuffer()))).toBe('IMAGE_TYPE_NOT_ALLOWED');
    expect(await codeOf(processImage(Buffer.from('%PDF-1.7\n')))).toBe('IMAGE_TYPE_NOT_ALLOWED');
    expect(await codeOf(processImage(Buffer.from('hello')))).toBe('IMAGE_TYPE_NOT_ALLOWED');
    expect(await codeOf(processImage(new Uint8Array()))).toBe('IMAGE_TYPE_NOT_ALLOWED');
  });

  it('refuses a damaged file and one whose bytes start like another format', async () => {
    const jpeg = await solid(200, 200).jpeg().toBuffer();
    expect(await codeOf(processImage(jpeg.subarray(0, 200)))).toBe('IMAGE_UNREADABLE');
    const fakeJpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.from('<svg><script>alert(1)</script></svg>'),
    ]);
    expect(await codeOf(processImage(fakeJpeg))).toBe('IMAGE_UNREADABLE');
  });

  it('refuses a decompression bomb by its pixel count', async () => {
    const bomb = await solid(10_001, 10_001).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.byteLength).toBeLessThan(IMAGE_MAX_BYTES);
    await expect(processImage(bomb)).rejects.toMatchObject({
      code: 'IMAGE_UNREADABLE',
      details: { maxPixels: 100_000_000 },
    });
  });

  it('refuses more than 10 MB before decoding anything', async () => {
    const big = Buffer.alloc(IMAGE_MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(await codeOf(processImage(big))).toBe('IMAGE_TOO_LARGE');
  });
});
