import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeQr, decodeQrFile } from './decode.ts';

/** How often a camera frame is read: often enough to feel instant, rare enough for an old phone. */
const FRAME_INTERVAL_MS = 250;

function stopTracks(stream: RefObject<MediaStream | null>): void {
  for (const track of stream.current?.getTracks() ?? []) track.stop();
  stream.current = null;
}

type CameraState = 'off' | 'starting' | 'on' | 'denied' | 'unavailable';

/**
 * Reads a QR code three ways: the camera, a photo (a device whose camera the page may not use), or the code's
 * text typed or pasted (keyboard and screen-reader users, and a reader device that types what it scans).
 * Each way ends in `onScan(text)`; what the text means is the caller's business.
 */
export function QrScanner({ onScan, idPrefix }: { onScan: (text: string) => void; idPrefix?: string }) {
  const { t } = useTranslation();
  const textId = useId();
  const fileId = useId();
  const [text, setText] = useState('');
  const [camera, setCamera] = useState<CameraState>('off');
  const [fileProblem, setFileProblem] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const latest = useRef(onScan);
  latest.current = onScan;

  const stop = () => {
    stopTracks(stream);
    setCamera((state) => (state === 'on' || state === 'starting' ? 'off' : state));
  };

  const start = async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera('unavailable');
      return;
    }
    setCamera('starting');
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      setCamera('on');
    } catch (error) {
      setCamera(error instanceof DOMException && error.name === 'NotAllowedError' ? 'denied' : 'unavailable');
    }
  };

  // While the camera is on, its frames are read until a code is found; then the camera stops.
  useEffect(() => {
    const element = video.current;
    if (camera !== 'on' || !element || !stream.current) return;
    element.srcObject = stream.current;
    void element.play().catch(() => {});
    let stopped = false;
    const timer = window.setInterval(async () => {
      if (stopped || element.readyState < 2) return;
      const found = await decodeQr(element, element.videoWidth, element.videoHeight);
      if (found && !stopped) {
        stopped = true;
        stopTracks(stream);
        setCamera('off');
        latest.current(found);
      }
    }, FRAME_INTERVAL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [camera]);

  // Leaving the page turns the camera off.
  useEffect(() => () => stopTracks(stream), []);

  const onFile = async (file: File | undefined) => {
    setFileProblem(false);
    if (!file) return;
    const found = await decodeQrFile(file).catch(() => null);
    if (found) latest.current(found);
    else setFileProblem(true);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setText('');
    latest.current(value);
  };

  return (
    <div className="flex flex-col gap-6" id={idPrefix}>
      <div className="flex flex-col gap-3">
        {camera === 'on' || camera === 'starting' ? (
          <button type="button" className="button-secondary self-start" onClick={stop}>
            {t('scanner.stopCamera')}
          </button>
        ) : (
          <button type="button" className="button-primary self-start" onClick={() => void start()}>
            {t('scanner.startCamera')}
          </button>
        )}
        {(camera === 'on' || camera === 'starting') && (
          <video
            ref={video}
            muted
            playsInline
            aria-label={t('scanner.preview')}
            className="aspect-square w-full max-w-80 rounded-8 border-2 border-solid-gray-900 bg-solid-gray-900 object-cover"
          />
        )}
        <p role="status" className="text-dns-16N-130">
          {camera === 'starting' && t('scanner.starting')}
          {camera === 'on' && t('scanner.aim')}
          {camera === 'denied' && t('scanner.denied')}
          {camera === 'unavailable' && t('scanner.unavailable')}
        </p>
      </div>
      <div>
        <label htmlFor={fileId} className="block text-std-16B-170">
          {t('scanner.photo')}
        </label>
        <input
          id={fileId}
          type="file"
          accept="image/*"
          capture="environment"
          className="mt-2 block min-h-11"
          onChange={(event) => {
            void onFile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        {fileProblem && (
          <p role="alert" className="mt-2 text-dns-16B-130 text-error-1">
            {t('scanner.noCodeInPhoto')}
          </p>
        )}
      </div>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-2">
        <label htmlFor={textId} className="block text-std-16B-170">
          {t('scanner.paste')}
        </label>
        <p className="text-dns-14N-130 text-solid-gray-700">{t('scanner.pasteHint')}</p>
        <textarea
          id={textId}
          rows={3}
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          className="field font-mono"
          onChange={(event) => setText(event.target.value)}
        />
        <div>
          <button type="submit" className="button-secondary">
            {t('scanner.check')}
          </button>
        </div>
      </form>
    </div>
  );
}
