import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordActivity } from '../../api/admin-members.ts';
import { ACTIVITY_KINDS, type ActivityKind } from '../../api/admin-premium.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError, SuccessNotice } from '../../components/notice.tsx';
import { formatDate } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { Section } from '../account/section.tsx';
import { useConsole } from './console-context.ts';
import { useLabels } from './labels.ts';

const NOTE_MAX = 500;

/** Today in Japan, where activities happen and the API counts days: 'YYYY-MM-DD'. */
function japanToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

/**
 * Attendance at a helper activity, confirmed by the staff member who saw it: it counts toward premium at
 * once (no review). Kind and date are required; the date cannot be in the future.
 */
export function RecordActivityForm({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const admin = useConsole();
  const record = useRecordActivity(admin.tenant);
  const ids = {
    kind: useId(),
    kindError: useId(),
    date: useId(),
    dateError: useId(),
    dateHint: useId(),
    note: useId(),
    noteHint: useId(),
  };
  const kindField = useRef<HTMLSelectElement>(null);
  const dateField = useRef<HTMLInputElement>(null);
  const today = japanToday();
  const [kind, setKind] = useState<ActivityKind | ''>('');
  const [occurredOn, setOccurredOn] = useState(today);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState({ kind: false, date: false });
  const [recorded, setRecorded] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (record.isPending) return;
    const found = { kind: kind === '', date: !/^\d{4}-\d{2}-\d{2}$/.test(occurredOn) || occurredOn > today };
    setProblems(found);
    if (found.kind) return kindField.current?.focus();
    if (found.date) return dateField.current?.focus();
    if (kind === '') return;
    setRecorded(null);
    const trimmed = note.trim();
    record.mutate(
      { memberId, kind, occurredOn, ...(trimmed ? { note: trimmed } : {}) },
      {
        onSuccess: () => {
          setRecorded(
            t('admin.record.done', { kind: labels.activityKind(kind), date: formatDate(occurredOn, language) }),
          );
          setKind('');
          setNote('');
          setOccurredOn(today);
        },
      },
    );
  };

  return (
    <Section title={t('admin.record.heading')}>
      <p className="mb-4">{t('admin.record.lead')}</p>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        <div>
          <label htmlFor={ids.kind} className="mb-2 block text-std-16B-170 text-solid-gray-900">
            {t('admin.record.kind')}
            <span className="ml-2 text-dns-14N-130 text-error-1">{t('admin.required')}</span>
          </label>
          {problems.kind && <FieldError id={ids.kindError}>{t('admin.record.kindRequired')}</FieldError>}
          <select
            ref={kindField}
            id={ids.kind}
            value={kind}
            required
            aria-invalid={problems.kind}
            aria-describedby={problems.kind ? ids.kindError : undefined}
            className="field appearance-auto md:w-80"
            onChange={(event) => {
              setKind(event.target.value as ActivityKind | '');
              setProblems((p) => ({ ...p, kind: false }));
            }}
          >
            <option value="">{t('admin.record.choose')}</option>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {labels.activityKind(k)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.date} className="block text-std-16B-170 text-solid-gray-900">
            {t('admin.record.date')}
            <span className="ml-2 text-dns-14N-130 text-error-1">{t('admin.required')}</span>
          </label>
          <p id={ids.dateHint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
            {t('admin.record.dateHint')}
          </p>
          {problems.date && <FieldError id={ids.dateError}>{t('admin.record.dateInvalid')}</FieldError>}
          <input
            ref={dateField}
            id={ids.date}
            type="date"
            value={occurredOn}
            max={today}
            required
            aria-invalid={problems.date}
            aria-describedby={problems.date ? `${ids.dateError} ${ids.dateHint}` : ids.dateHint}
            className="field md:w-80"
            onChange={(event) => {
              setOccurredOn(event.target.value);
              setProblems((p) => ({ ...p, date: false }));
            }}
          />
        </div>
        <div>
          <label htmlFor={ids.note} className="block text-std-16B-170 text-solid-gray-900">
            {t('admin.record.note')}
          </label>
          <p id={ids.noteHint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
            {t('admin.record.noteHint', { max: NOTE_MAX })}
          </p>
          <textarea
            id={ids.note}
            value={note}
            rows={2}
            maxLength={NOTE_MAX}
            aria-describedby={ids.noteHint}
            className="field"
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        {recorded && <SuccessNotice>{recorded}</SuccessNotice>}
        {record.isError && <ErrorNotice title={t('admin.record.error')} error={record.error} headingLevel={3} />}
        <div>
          <button type="submit" className="button-primary" aria-disabled={record.isPending}>
            {record.isPending ? t('admin.record.saving') : t('admin.record.submit')}
          </button>
        </div>
      </form>
    </Section>
  );
}
