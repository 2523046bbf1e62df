import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Municipality, type MunicipalitySearch, useMunicipalitySearch } from '../api/municipalities.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Pagination } from '../components/pagination.tsx';
import { participationText } from '../format.ts';
import { useLanguage } from '../i18n/index.ts';
import { prefectureLabel } from '../i18n/prefecture-names.ts';

export function MunicipalityResults({
  search,
  onPage,
}: {
  search: MunicipalitySearch;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const result = useMunicipalitySearch(search);
  const { data } = result;

  const busy = result.isPending || (result.isFetching && result.isPlaceholderData);
  const failed = result.isError && !busy;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  // One polite live region says what happened: searching, then how many were found.
  let status = '';
  if (busy) status = t('search.loading');
  else if (data && !failed) status = t('search.announce', { count: data.total });

  const goTo = (page: number) => {
    onPage(page);
    heading.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <section aria-labelledby={headingId} aria-busy={busy}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} ref={heading} className="scroll-mt-4 text-std-24B-150 text-solid-gray-900">
          {t('search.resultsHeading')}
        </h2>
        <p role="status" aria-live="polite" aria-atomic="true" className="flex items-center gap-2 text-std-16B-170">
          {busy && (
            <span
              aria-hidden="true"
              className="inline-block size-4 animate-spin rounded-full border-2 border-blue-900 border-t-transparent"
            />
          )}
          {status}
        </p>
      </div>

      {failed ? (
        <ErrorNotice
          title={t('search.errorTitle')}
          error={result.error}
          onRetry={() => void result.refetch()}
          headingLevel={3}
        />
      ) : data && data.items.length === 0 ? (
        <div className="rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4 md:p-6">
          <h3 className="mb-2 text-std-18B-160 text-solid-gray-900">{t('search.emptyTitle')}</h3>
          <p className="max-w-prose">{t('search.emptyHelp')}</p>
        </div>
      ) : data ? (
        <>
          <p className="mb-3 text-dns-16N-130 text-solid-gray-700">
            {t('search.range', {
              total: data.total,
              from: (data.page - 1) * data.pageSize + 1,
              to: (data.page - 1) * data.pageSize + data.items.length,
            })}
          </p>
          <ol className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
            {data.items.map((municipality) => (
              <ResultItem key={municipality.code} municipality={municipality} />
            ))}
          </ol>
          {/* The requested page, not the one on screen: a second quick click must go one further. */}
          <Pagination page={search.page} pages={pages} onPage={goTo} />
        </>
      ) : null}
    </section>
  );
}

function ResultItem({ municipality }: { municipality: Municipality }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <li className="flex flex-col gap-1 py-4">
      <h3 className="text-std-20B-150">
        {/* Names are Japanese whatever the UI language: marked so that screen readers read them in Japanese. */}
        <Link id={`result-${municipality.code}`} to={`/municipalities/${municipality.code}`} lang="ja">
          {municipality.name}
        </Link>
      </h3>
      <p lang="ja" className="text-dns-14N-130 text-solid-gray-700">
        {municipality.kana}
      </p>
      <dl className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-dns-16N-130">
        <div className="flex gap-2">
          <dt className="text-solid-gray-700">{t('search.prefecture')}</dt>
          <dd>{prefectureLabel(municipality.prefectureCode, municipality.prefectureName, language)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-solid-gray-700">{t('search.code')}</dt>
          <dd className="tabular-nums">{municipality.code}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-solid-gray-700">{t('search.participation')}</dt>
          <dd className={municipality.joinedAt ? 'font-bold text-green-900' : ''}>
            {participationText(municipality, t, language)}
          </dd>
        </div>
      </dl>
      <p>
        {/* Described by the name above: the name alone stays the one link named after the municipality. */}
        <Link
          to={`/m/${municipality.code}`}
          aria-describedby={`result-${municipality.code}`}
          className="inline-flex min-h-11 items-center"
        >
          {t('search.publicPage')}
        </Link>
      </p>
    </li>
  );
}
