import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EMPTY_FILTER, FILTER_KEYS, filterFrom, filterParams, type MemberFilter } from '../../api/admin-members.ts';
import { RELATION_TYPES } from '../../api/admin-premium.ts';
import { FieldError } from '../../components/notice.tsx';
import { useConsole } from './console-context.ts';
import { useLabels, usePrefectureNames } from './labels.ts';
import { asciiDigits } from './rule-draft.ts';

/**
 * The filters, applied together with one button (a busy person sets two or three, then looks). The form
 * follows the address when it changes from outside (Back, a shared link, 「条件をクリア」).
 */
export function MemberFilters({ filter, onApply }: { filter: MemberFilter; onApply: (filter: MemberFilter) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const admin = useConsole();
  const prefectureNames = usePrefectureNames();
  const ids = {
    q: useId(),
    qHint: useId(),
    tier: useId(),
    relationType: useId(),
    residence: useId(),
    since: useId(),
    minActivities: useId(),
    minHint: useId(),
    minError: useId(),
    consentNote: useId(),
  };
  const minInput = useRef<HTMLInputElement>(null);
  const [minInvalid, setMinInvalid] = useState(false);
  const [draft, setDraft] = useState<MemberFilter>(filter);
  const filterKey = JSON.stringify(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `filterKey` stands for `filter`'s content.
  useEffect(() => {
    setDraft(filter);
    setMinInvalid(false);
  }, [filterKey]);

  const set = (key: keyof MemberFilter, value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const anySet = FILTER_KEYS.some((key) => filter[key] !== EMPTY_FILTER[key]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = { ...draft, q: draft.q.trim(), minActivities: asciiDigits(draft.minActivities) };
    // What the address would not keep (filterFrom drops it) is said here, not silently ignored.
    if (wanted.minActivities && filterFrom(filterParams(wanted)).minActivities !== wanted.minActivities) {
      setMinInvalid(true);
      minInput.current?.focus();
      return;
    }
    setMinInvalid(false);
    onApply(wanted);
  };

  return (
    <search>
      <form
        onSubmit={onSubmit}
        aria-describedby={ids.consentNote}
        className="mb-8 rounded-16 border border-solid-gray-420 p-4 md:p-6"
      >
        <div className="grid gap-4 md:grid-cols-3">
          <div className="md:col-span-2">
            <label htmlFor={ids.q} className="block text-std-16B-170 text-solid-gray-900">
              {t('admin.members.qLabel')}
            </label>
            <p id={ids.qHint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
              {t('admin.members.qHint')}
            </p>
            <input
              id={ids.q}
              type="search"
              value={draft.q}
              maxLength={100}
              autoComplete="off"
              enterKeyHint="search"
              aria-describedby={ids.qHint}
              className="field"
              onChange={(event) => set('q', event.target.value)}
            />
          </div>
          <div className="self-end">
            <label htmlFor={ids.tier} className="mb-2 block text-std-16B-170 text-solid-gray-900">
              {t('admin.members.tier')}
            </label>
            <select
              id={ids.tier}
              value={draft.tier}
              className="field appearance-auto"
              onChange={(event) => set('tier', event.target.value)}
            >
              <option value="">{t('admin.members.any')}</option>
              <option value="basic">{labels.tier('basic')}</option>
              <option value="premium">{labels.tier('premium')}</option>
            </select>
          </div>
          <div>
            <label htmlFor={ids.relationType} className="mb-2 block text-std-16B-170 text-solid-gray-900">
              {t('admin.members.relationTypes')}
            </label>
            <select
              id={ids.relationType}
              value={draft.relationType}
              className="field appearance-auto"
              onChange={(event) => set('relationType', event.target.value)}
            >
              <option value="">{t('admin.members.any')}</option>
              {RELATION_TYPES.map((type) => (
                <option key={type} value={String(type)}>
                  {labels.relationType(type)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.residence} className="mb-2 block text-std-16B-170 text-solid-gray-900">
              {t('admin.members.residence')}
            </label>
            <select
              id={ids.residence}
              value={draft.residencePrefecture}
              className="field appearance-auto"
              onChange={(event) => set('residencePrefecture', event.target.value)}
            >
              <option value="">{t('admin.members.any')}</option>
              {[...prefectureNames.keys()].map((code) => (
                <option key={code} value={code}>
                  {labels.prefecture(code, prefectureNames)}
                </option>
              ))}
              <option value="99">{t('admin.members.abroad')}</option>
            </select>
          </div>
          <div>
            <label htmlFor={ids.since} className="mb-2 block text-std-16B-170 text-solid-gray-900">
              {t('admin.members.registeredSince')}
            </label>
            <input
              id={ids.since}
              type="date"
              value={draft.registeredSince}
              className="field"
              onChange={(event) => set('registeredSince', event.target.value)}
            />
          </div>
          <div>
            <label htmlFor={ids.minActivities} className="block text-std-16B-170 text-solid-gray-900">
              {t('admin.members.minActivities')}
            </label>
            <p id={ids.minHint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
              {t('admin.members.minActivitiesHint')}
            </p>
            {minInvalid && <FieldError id={ids.minError}>{t('admin.members.minActivitiesError')}</FieldError>}
            <input
              ref={minInput}
              id={ids.minActivities}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              maxLength={4}
              value={draft.minActivities}
              aria-invalid={minInvalid}
              aria-describedby={minInvalid ? `${ids.minError} ${ids.minHint}` : ids.minHint}
              className="field w-24 tabular-nums"
              onChange={(event) => set('minActivities', event.target.value)}
            />
          </div>
        </div>
        <p id={ids.consentNote} className="mt-4 text-dns-14N-130 text-solid-gray-700">
          {t('admin.members.consentNote')}
        </p>
        <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-center">
          <button type="submit" className="button-primary">
            {t('admin.members.apply')}
          </button>
          {anySet && (
            <Link to={admin.path('members')} className="inline-flex min-h-11 items-center">
              {t('admin.members.clear')}
            </Link>
          )}
        </div>
      </form>
    </search>
  );
}
