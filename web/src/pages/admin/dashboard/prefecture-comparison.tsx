import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMunicipalityComparison } from '../../../api/dashboards.ts';
import { ChartFigure } from '../../../components/charts/chart-figure.tsx';
import { SmallMultiples } from '../../../components/charts/small-multiples.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useLanguage } from '../../../i18n/index.ts';

const MONTH_CHOICES = [6, 12, 24] as const;

/** A prefecture's municipalities compared: a ranking table and one small chart each (aggregates only). */
export function PrefectureComparison({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const headingId = useId();
  const selectId = useId();
  const [months, setMonths] = useState<number>(12);
  const comparison = useMunicipalityComparison(tenant, months, true);
  const number = (n: number) => n.toLocaleString(language);
  const signed = (n: number) => (n > 0 ? `+${number(n)}` : number(n));
  const data = comparison.data;

  return (
    <section aria-labelledby={headingId} className="mt-12 min-w-0">
      <h2 id={headingId} className="mb-2 text-std-20B-150 text-solid-gray-900 md:text-std-24B-150">
        {t('dashboard.prefecture.heading')}
      </h2>
      <p className="mb-4 max-w-prose">{t('dashboard.prefecture.lead')}</p>
      <label htmlFor={selectId} className="mb-1 block text-std-16B-170">
        {t('dashboard.prefecture.months')}
      </label>
      <select
        id={selectId}
        className="mb-6 min-h-11 rounded-8 border border-solid-gray-600 bg-white px-3"
        value={months}
        onChange={(event) => setMonths(Number(event.target.value))}
      >
        {MONTH_CHOICES.map((n) => (
          <option key={n} value={n}>
            {t('dashboard.prefecture.monthsOption', { count: n })}
          </option>
        ))}
      </select>
      {comparison.isError ? (
        <ErrorNotice
          title={t('dashboard.prefecture.loadError')}
          error={comparison.error}
          onRetry={() => void comparison.refetch()}
          headingLevel={3}
        />
      ) : !data ? (
        <p role="status">{t('dashboard.loading')}</p>
      ) : data.municipalities.length === 0 ? (
        <p>{t('dashboard.prefecture.empty')}</p>
      ) : (
        <div className="grid min-w-0 gap-6">
          <ChartFigure
            title={t('dashboard.prefecture.rankingTitle')}
            table={{
              columns: [
                t('dashboard.prefecture.municipality'),
                t('dashboard.prefecture.total'),
                t('dashboard.prefecture.premium'),
                t('dashboard.prefecture.type4'),
                t('dashboard.prefecture.added'),
              ],
              rows: data.municipalities.map((m) => [m.name, m.total, m.premium, m.type4, m.added]),
            }}
            filename={`municipalities-${tenant}-${months}m`}
          >
            <ol className="grid gap-2">
              {data.municipalities.map((m, index) => {
                const max = Math.max(1, data.municipalities[0]?.total ?? 1);
                return (
                  <li key={m.code} className="grid grid-cols-[2.5rem_minmax(6rem,10rem)_1fr] items-center gap-2">
                    <span className="tabular-nums text-solid-gray-700">{index + 1}</span>
                    <span lang="ja">{m.name}</span>
                    <span className="flex items-center gap-2">
                      <span
                        aria-hidden="true"
                        className="inline-block h-4 rounded-4 bg-blue-900"
                        style={{ width: `${(m.total / max) * 70}%` }}
                      />
                      <span className="tabular-nums">
                        {number(m.total)}
                        <span className="ml-2 text-solid-gray-700">({signed(m.added)})</span>
                      </span>
                    </span>
                  </li>
                );
              })}
            </ol>
          </ChartFigure>
          <SmallMultiples
            title={t('dashboard.prefecture.multiplesTitle')}
            description={t('dashboard.prefecture.multiplesText')}
            periods={data.months}
            items={data.municipalities.map((m) => ({ key: m.code, label: m.name, values: m.series }))}
            itemLabel={t('dashboard.prefecture.municipality')}
            filename={`municipalities-series-${tenant}-${months}m`}
          />
        </div>
      )}
    </section>
  );
}
