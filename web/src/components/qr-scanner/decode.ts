import jsQR from 'jsqr';

// The platform's QR reader where the browser has one (Android Chrome, Safari on recent iOS/macOS), else
// jsQR on the pixels: desktop Chromium on Linux and Windows has no BarcodeDetector.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

let detector: Promise<BarcodeDetectorLike | null> | null = null;

function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  detector ??= (async () => {
    const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    if (!Detector) return null;
    try {
      const formats = await Detector.getSupportedFormats();
      return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
    } catch {
      return null;
    }
  })();
  return detector;
}

/** A canvas reused across frames: a camera gives several frames a second. */
let scratch: HTMLCanvasElement | null = null;

function pixelsOf(source: CanvasImageSource, width: number, height: number): ImageData | null {
  scratch ??= document.createElement('canvas');
  // Large photos are scaled down: jsQR's time grows with the pixel count, and a QR code needs far fewer.
  const scale = Math.min(1, 1024 / Math.max(width, height));
  scratch.width = Math.max(1, Math.round(width * scale));
  scratch.height = Math.max(1, Math.round(height * scale));
  const context = scratch.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, scratch.width, scratch.height);
  return context.getImageData(0, 0, scratch.width, scratch.height);
}

/** The text of the first QR code in a video frame or picture, or null when none is found. */
export async function decodeQr(source: CanvasImageSource, width: number, height: number): Promise<string | null> {
  if (width === 0 || height === 0) return null;
  const native = await nativeDetector();
  if (native) {
    try {
      const [first] = await native.detect(source);
      if (first) return first.rawValue;
    } catch {
      // Some implementations refuse some sources (e.g. a frame not yet decoded); jsQR reads the pixels instead.
    }
  }
  const pixels = pixelsOf(source, width, height);
  if (!pixels) return null;
  return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The QR code in an image file (a photo of the card, for a device whose camera the page cannot use). */
export async function decodeQrFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decodeQr(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
