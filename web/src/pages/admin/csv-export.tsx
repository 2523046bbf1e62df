import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CsvFile, type ExportProgress, fetchRegistrantsCsv } from '../../api/admin-export.ts';
import type { CsvEncoding, MemberFilter } from '../../api/admin-members.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { InfoNotice, SuccessNotice } from '../../components/notice.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { Section } from '../account/section.tsx';
import { useConsole } from './console-context.ts';
import { Radio } from './form-parts.tsx';

type ExportState =
  | { step: 'idle' }
  | { step: 'running'; progress: ExportProgress }
  | { step: 'done'; file: CsvFile; url: string }
  | { step: 'cancelled' }
  | { step: 'failed'; error: unknown };

/** Hands a file to the browser's download (the link stays on the page, in case the browser held it back). */
function save(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * The registrants of the current filter as a CSV file, in the encoding the person's spreadsheet reads:
 * UTF-8 with BOM (Excel today, the default) or Shift_JIS (older software). The file comes down as a
 * stream; a progress bar counts its rows against the total the server announces.
 */
export function CsvExport({ filter }: { filter: MemberFilter }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const progressId = useId();
  const [encoding, setEncoding] = useState<CsvEncoding>('utf-8');
  const [state, setState] = useState<ExportState>({ step: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const number = (n: number) => n.toLocaleString(language);

  // The file's address lives as long as its link is shown.
  const doneUrl = state.step === 'done' ? state.url : null;
  useEffect(() => {
    if (!doneUrl) return;
    return () => URL.revokeObjectURL(doneUrl);
  }, [doneUrl]);
  // Leaving the page stops a download under way.
  useEffect(() => () => controller.current?.abort(), []);

  const start = async () => {
    if (state.step === 'running') return;
    const abort = new AbortController();
    controller.current = abort;
    setState({ step: 'running', progress: { rows: 0, total: null } });
    try {
      const file = await fetchRegistrantsCsv(
        admin.tenant,
        filter,
        encoding,
        (progress) => setState({ step: 'running', progress }),
        abort.signal,
      );
      const url = URL.createObjectURL(file.blob);
      setState({ step: 'done', file, url });
      save(url, file.filename);
    } catch (error) {
      setState(abort.signal.aborted ? { step: 'cancelled' } : { step: 'failed', error });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  };

  const cancel = () => {
    controller.current?.abort();
    startButton.current?.focus();
  };

  const running = state.step === 'running';
  return (
    <div className="mb-10 rounded-16 border border-solid-gray-420 p-4 md:p-6">
      <Section title={t('admin.export.heading')}>
        <p className="mb-4 max-w-prose">{t('admin.export.lead')}</p>
        <fieldset className="mb-4">
          <legend className="text-std-16B-170 text-solid-gray-900">{t('admin.export.encodingLegend')}</legend>
          <div className="grid gap-x-6 md:grid-cols-2">
            <Radio
              name="csv-encoding"
              label={t('admin.export.utf8')}
              hint={t('admin.export.utf8Hint')}
              checked={encoding === 'utf-8'}
              onChange={() => setEncoding('utf-8')}
            />
            <Radio
              name="csv-encoding"
              label={t('admin.export.shiftJis')}
              hint={t('admin.export.shiftJisHint')}
              checked={encoding === 'shift_jis'}
              onChange={() => setEncoding('shift_jis')}
            />
          </div>
        </fieldset>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <button
            ref={startButton}
            type="button"
            className="button-primary"
            aria-disabled={running}
            onClick={() => void start()}
          >
            {running ? t('admin.export.running') : t('admin.export.start')}
          </button>
          {running && (
            <button type="button" className="button-secondary" onClick={cancel}>
              {t('admin.export.cancel')}
            </button>
          )}
        </div>

        {/* The bar is not a live region (it would speak at every chunk); the outcome is a status message. */}
        <div className="mt-4">
          {state.step === 'running' && (
            <div>
              <label htmlFor={progressId} className="mb-1 block text-std-16B-170">
                {t('admin.export.progressLabel')}
              </label>
              <progress
                id={progressId}
                className="h-3 w-full max-w-md accent-blue-900"
                max={state.progress.total ?? undefined}
                value={state.progress.total === null ? undefined : state.progress.rows}
              />
              <p className="tabular-nums">
                {state.progress.total === null
                  ? t('admin.export.progressRows', { rows: number(state.progress.rows) })
                  : t('admin.export.progressOf', {
                      rows: number(state.progress.rows),
                      total: number(state.progress.total),
                    })}
              </p>
            </div>
          )}
          {state.step === 'done' && (
            <SuccessNotice>
              <p>
                {t('admin.export.done', {
                  count: state.file.rows,
                  rows: number(state.file.rows),
                  filename: state.file.filename,
                })}
              </p>
              <a href={state.url} download={state.file.filename} className="inline-flex min-h-11 items-center">
                {t('admin.export.saveAgain', { filename: state.file.filename })}
              </a>
            </SuccessNotice>
          )}
          {state.step === 'cancelled' && <InfoNotice>{t('admin.export.cancelled')}</InfoNotice>}
        </div>
        {state.step === 'failed' && (
          <ErrorNotice
            title={t('admin.export.error')}
            error={state.error}
            onRetry={() => void start()}
            headingLevel={3}
          />
        )}
      </Section>
    </div>
  );
}
