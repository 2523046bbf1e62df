import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchExport } from '../../../api/privacy.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { Section } from '../../account/section.tsx';

interface Saved {
  url: string;
  fileName: string;
}

/** Every piece of data about me as a JSON file (APPI disclosure), saved by the browser's own download. */
export function ExportSection() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);

  // The file stays in memory only while the page shows the link to it.
  useEffect(() => (saved ? () => URL.revokeObjectURL(saved.url) : undefined), [saved]);

  const download = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const file = await fetchExport();
      const next = { url: URL.createObjectURL(file.blob), fileName: file.fileName };
      const link = document.createElement('a');
      link.href = next.url;
      link.download = next.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setSaved(next);
    } catch (error) {
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('residentPrivacy.exportHeading')}>
      <p className="mb-4 max-w-prose">{t('residentPrivacy.exportText')}</p>
      <div className="flex flex-col items-start gap-4">
        <button type="button" className="button-primary" aria-disabled={busy} onClick={() => void download()}>
          {busy ? t('residentPrivacy.exporting') : t('residentPrivacy.exportButton')}
        </button>
        {saved && (
          <SuccessNotice>
            <p>{t('residentPrivacy.exported', { file: saved.fileName })}</p>
            {/* In case the browser held the download back, the person can save it from here. */}
            <a href={saved.url} download={saved.fileName} className="inline-flex min-h-11 items-center">
              {t('residentPrivacy.exportAgain')}
            </a>
          </SuccessNotice>
        )}
        {failure && (
          <ErrorNotice
            key={failure.attempt}
            headingLevel={3}
            title={t('residentPrivacy.exportError')}
            error={failure.error}
          />
        )}
      </div>
    </Section>
  );
}
