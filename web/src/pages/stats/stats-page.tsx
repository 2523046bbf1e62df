import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePrefectures } from '../../api/municipalities.ts';
import {
  type Breakdown,
  type OpenStatisticsQuery,
  type OpenStatisticsTableName,
  openStatisticsPath,
  useOpenStatistics,
} from '../../api/open-statistics.ts';
import { JapanTileMap } from '../../components/charts/index.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { useLanguage } from '../../i18n/index.ts';
import { prefectureLabel } from '../../i18n/prefecture-names.ts';
import { StatisticsTable } from './statistics-table.tsx';

const TABLES: OpenStatisticsTableName[] = ['prefectures', 'municipalities', 'residence', 'months'];
const BREAKDOWNS: Breakdown[] = ['tier', 'relation-type'];
const PREFECTURE = /^(0[1-9]|[1-3]\d|4[0-7])$/;

/** The choice lives in the URL (?table=&prefecture=&by=): every table has an address to share or link to. */
function useQueryInUrl() {
  const [params, setParams] = useSearchParams();
  const table = TABLES.find((name) => name === params.get('table')) ?? 'prefectures';
  const prefecture = PREFECTURE.test(params.get('prefecture') ?? '') ? (params.get('prefecture') as string) : '';
  const breakdown = BREAKDOWNS.find((b) => b === params.get('by')) ?? 'tier';
  const query: OpenStatisticsQuery = {
    table,
    prefecture: table === 'prefectures' ? '' : prefecture,
    breakdown: table === 'prefectures' || table === 'municipalities' ? breakdown : 'tier',
  };
  const update = (changes: Record<string, string>) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value === '') next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  return { query, update };
}

/** Public (no sign-in): anonymous registration counts with small cells suppressed. */
export function StatsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  usePageTitle(t('openStatistics.title'));
  const ids = { table: useId(), prefecture: useId(), breakdown: useId() };
  const { query, update } = useQueryInUrl();
  const needsPrefecture = query.table === 'municipalities' && !query.prefecture;
  const statistics = useOpenStatistics(query, !needsPrefecture);
  const prefectures = usePrefectures();
  const data = statistics.data;
  const areaName = data?.area
    ? query.table === 'months' || query.table === 'residence' || query.table === 'municipalities'
      ? prefectureLabel(data.area.code, data.area.name, language)
      : data.area.name
    : t('openStatistics.wholeCountry');
  const caption = t('openStatistics.caption', { table: t(`openStatistics.tables.${query.table}`), area: areaName });
  const nameOf = (code: string) => {
    const row = data?.rows.find((r) => r.key === code);
    return prefectureLabel(code, row?.label ?? code, language);
  };

  return (
    <div>
      <PageHeading>{t('openStatistics.title')}</PageHeading>
      <p className="mb-2 max-w-prose">{t('openStatistics.lead')}</p>
      <p className="mb-2 max-w-prose text-dns-14N-130 text-solid-gray-700">
        {t('openStatistics.suppressionNote', { threshold: data?.threshold ?? 10 })}
      </p>
      <p className="mb-6 max-w-prose text-dns-14N-130 text-solid-gray-700">{t('openStatistics.scopeNote')}</p>

      <form
        onSubmit={(event) => event.preventDefault()}
        className="mb-6 grid gap-4 rounded-16 border border-solid-gray-200 bg-solid-gray-50 p-4 md:grid-cols-3 md:p-6"
      >
        <div>
          <label htmlFor={ids.table} className="mb-2 block text-std-16B-170">
            {t('openStatistics.tableLabel')}
          </label>
          <select
            id={ids.table}
            value={query.table}
            className="field appearance-auto"
            onChange={(event) => update({ table: event.target.value })}
          >
            {TABLES.map((name) => (
              <option key={name} value={name}>
                {t(`openStatistics.tables.${name}`)}
              </option>
            ))}
          </select>
        </div>
        {query.table !== 'prefectures' && (
          <div>
            <label htmlFor={ids.prefecture} className="mb-2 block text-std-16B-170">
              {t('openStatistics.prefectureLabel')}
            </label>
            <select
              id={ids.prefecture}
              value={query.prefecture}
              className="field appearance-auto"
              onChange={(event) => update({ prefecture: event.target.value })}
            >
              <option value="">
                {query.table === 'municipalities'
                  ? t('openStatistics.choosePrefecture')
                  : t('openStatistics.wholeCountry')}
              </option>
              {prefectures.data?.map((p) => (
                <option key={p.prefectureCode} value={p.prefectureCode}>
                  {prefectureLabel(p.prefectureCode, p.name, language)}
                </option>
              ))}
            </select>
          </div>
        )}
        {(query.table === 'prefectures' || query.table === 'municipalities') && (
          <div>
            <label htmlFor={ids.breakdown} className="mb-2 block text-std-16B-170">
              {t('openStatistics.breakdownLabel')}
            </label>
            <select
              id={ids.breakdown}
              value={query.breakdown}
              className="field appearance-auto"
              onChange={(event) => update({ by: event.target.value })}
            >
              {BREAKDOWNS.map((b) => (
                <option key={b} value={b}>
                  {t(`openStatistics.breakdowns.${b}`)}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>

      {statistics.error && <ErrorNotice title={t('openStatistics.loadError')} error={statistics.error} />}
      {data && !needsPrefecture && (
        <>
          {data.table === 'prefectures' && data.breakdown === 'tier' && (
            <div className="mb-8">
              <JapanTileMap
                title={t('openStatistics.mapTitle')}
                description={t('openStatistics.mapNote')}
                values={Object.fromEntries(data.rows.flatMap((r) => (r.total === null ? [] : [[r.key, r.total]])))}
                nameOf={nameOf}
                valueLabel={t('openStatistics.mapValue')}
                filename="open-statistics-map"
              />
            </div>
          )}
          <h2 className="mb-2 text-std-20B-150">{caption}</h2>
          <p className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-dns-14N-130 text-solid-gray-700">
            <span>{t('openStatistics.asOf', { time: new Date(data.asOf).toLocaleString(language) })}</span>
            <span>{t('openStatistics.suppressedCount', { count: data.suppressedCells })}</span>
          </p>
          {data.breakdown === 'relation-type' && <p className="mb-4 max-w-prose">{t('openStatistics.typeNote')}</p>}
          <a href={openStatisticsPath(query, 'csv')} download className="button-secondary mb-4 min-h-11">
            {t('openStatistics.download')}
          </a>
          <StatisticsTable table={data} caption={caption} />
        </>
      )}
    </div>
  );
}
