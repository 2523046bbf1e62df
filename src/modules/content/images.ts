import sharp from 'sharp';
import { AppError } from '../../platform/errors.ts';
import { IMAGE_MAX_BYTES, type ImageType, sniffImageType } from './rules.ts';

export const FULL_SIZE = 1600;
export const THUMBNAIL_SIZE = 400;
/**
 * A 10 MB PNG of one colour can claim billions of pixels; 100 megapixels is above any phone camera and
 * keeps a decompression bomb from tying up a worker.
 */
const MAX_INPUT_PIXELS = 100_000_000;

const FORMAT_OF: Record<ImageType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

export interface ProcessedImage {
  type: ImageType;
  full: { bytes: Buffer; width: number; height: number };
  thumbnail: { bytes: Buffer; width: number; height: number };
}

async function encode(bytes: Uint8Array, box: number) {
  // rotate() applies the EXIF orientation before the metadata goes: sharp writes none unless asked to,
  // so camera make, serial numbers and GPS position never reach the public copy.
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: box, height: box, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

/**
 * Checks an upload by its bytes and re-encodes it: what we store and serve is always our own WebP,
 * never the uploaded file, so nothing hidden in the original (metadata, trailing data) is passed on.
 */
export async function processImage(bytes: Uint8Array): Promise<ProcessedImage> {
  if (bytes.byteLength > IMAGE_MAX_BYTES) throw new AppError('IMAGE_TOO_LARGE');
  const type = sniffImageType(bytes);
  if (!type) throw new AppError('IMAGE_TYPE_NOT_ALLOWED');
  try {
    const metadata = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (metadata.format !== FORMAT_OF[type]) throw new AppError('IMAGE_UNREADABLE');
    const [full, thumbnail] = await Promise.all([encode(bytes, FULL_SIZE), encode(bytes, THUMBNAIL_SIZE)]);
    return { type, full, thumbnail };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // libvips' own words (truncated file, corrupt header) mean nothing to the uploader; the pixel limit does.
    const tooManyPixels = error instanceof Error && /pixel limit/i.test(error.message);
    throw new AppError('IMAGE_UNREADABLE', tooManyPixels ? { maxPixels: MAX_INPUT_PIXELS } : undefined);
  }
}
