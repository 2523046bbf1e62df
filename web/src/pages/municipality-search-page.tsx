import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type MunicipalitySearch, usePrefectures } from '../api/municipalities.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { useLanguage } from '../i18n/index.ts';
import { prefectureLabel } from '../i18n/prefecture-names.ts';
import { MunicipalityResults } from './municipality-results.tsx';

const TYPING_PAUSE_MS = 300;
const PREFECTURE = /^\d{2}$/;

/** The search lives in the URL (?q=&prefecture=&page=), so that it can be shared and the back button works. */
function useSearchInUrl() {
  const [params, setParams] = useSearchParams();
  const pageParam = Number(params.get('page'));
  const search: MunicipalitySearch = {
    q: (params.get('q') ?? '').trim(),
    prefecture: params.get('prefecture') ?? '',
    page: Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1,
  };
  const update = (changes: Partial<MunicipalitySearch>, options: { replace?: boolean } = {}) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          // Defaults stay out of the URL, so that equal searches have equal addresses.
          if (value === '' || (key === 'page' && value === 1)) next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: options.replace ?? false },
    );
  };
  return { search, update };
}

export function MunicipalitySearchPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  usePageTitle(t('search.title'));
  const ids = { query: useId(), hint: useId(), prefecture: useId() };

  const { search, update } = useSearchInUrl();
  const [draft, setDraft] = useState(search.q);
  const composing = useRef(false);
  const [compositionEnded, setCompositionEnded] = useState(0);
  const lastTyped = useRef(search.q);

  // When the URL changes from outside the box (back button, a shared link), the box follows it.
  useEffect(() => {
    if (search.q !== lastTyped.current) {
      lastTyped.current = search.q;
      setDraft(search.q);
    }
  }, [search.q]);

  // Search as you type, once typing pauses. Typing replaces the current history entry (none per keystroke);
  // Enter, the prefecture and the page buttons add one, so that Back returns to the previous search.
  // biome-ignore lint/correctness/useExhaustiveDependencies: compositionEnded re-arms the timer after an IME commit.
  useEffect(() => {
    const wanted = draft.trim();
    if (wanted === search.q) return;
    const timer = setTimeout(() => {
      if (composing.current) return;
      lastTyped.current = wanted;
      update({ q: wanted, page: 1 }, { replace: true });
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, search.q, compositionEnded]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = draft.trim();
    lastTyped.current = wanted;
    if (wanted !== search.q) update({ q: wanted, page: 1 });
  };

  const prefectures = usePrefectures();
  const knownPrefecture = PREFECTURE.test(search.prefecture) ? search.prefecture : '';

  return (
    <div>
      <PageHeading>{t('search.title')}</PageHeading>
      <p className="mb-6 max-w-prose">{t('search.lead')}</p>

      <search>
        <form
          onSubmit={onSubmit}
          className="mb-8 grid gap-4 rounded-16 border border-solid-gray-200 bg-solid-gray-50 p-4 md:grid-cols-[minmax(0,1fr)_16rem_auto] md:items-end md:p-6"
        >
          <div>
            <label htmlFor={ids.query} className="block text-std-16B-170 text-solid-gray-900">
              {t('search.queryLabel')}
            </label>
            <p id={ids.hint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
              {t('search.queryHint')}
            </p>
            <input
              id={ids.query}
              type="search"
              name="q"
              value={draft}
              maxLength={50}
              autoComplete="off"
              enterKeyHint="search"
              aria-describedby={ids.hint}
              className="field"
              onChange={(event) => setDraft(event.target.value)}
              onCompositionStart={() => {
                composing.current = true;
              }}
              onCompositionEnd={() => {
                composing.current = false;
                setCompositionEnded((n) => n + 1);
              }}
            />
          </div>
          <div>
            <label htmlFor={ids.prefecture} className="mb-2 block text-std-16B-170 text-solid-gray-900">
              {t('search.prefectureLabel')}
            </label>
            <select
              id={ids.prefecture}
              name="prefecture"
              value={knownPrefecture}
              className="field appearance-auto"
              onChange={(event) => update({ prefecture: event.target.value, page: 1 })}
            >
              <option value="">{t('search.allPrefectures')}</option>
              {prefectures.data?.map((prefecture) => (
                <option key={prefecture.prefectureCode} value={prefecture.prefectureCode}>
                  {prefectureLabel(prefecture.prefectureCode, prefecture.name, language)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button-primary min-h-12">
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="size-5"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.5"
            >
              <circle cx="11" cy="11" r="7" />
              <path d="m20 20-4-4" />
            </svg>
            {t('search.submit')}
          </button>
        </form>
      </search>

      <MunicipalityResults search={search} onPage={(page) => update({ page })} />
    </div>
  );
}
