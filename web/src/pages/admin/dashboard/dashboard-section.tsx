import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Dashboard, type Granularity, useDashboard } from '../../../api/dashboards.ts';
import { FunnelChart } from '../../../components/charts/funnel-chart.tsx';
import { JapanTileMap } from '../../../components/charts/japan-tile-map.tsx';
import { LineChart } from '../../../components/charts/line-chart.tsx';
import { StackedBarChart } from '../../../components/charts/stacked-bar-chart.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { formatDate } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { prefectureLabel } from '../../../i18n/prefecture-names.ts';
import { Radio } from '../form-parts.tsx';
import { useLabels, usePrefectureNames } from '../labels.ts';
import { CohortChart } from './cohort-chart.tsx';

const GRANULARITIES: Granularity[] = ['day', 'week', 'month'];

/** The tenant's dashboard: key figures, then one chart per question, each with its table and CSV. */
export function DashboardSection({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const headingId = useId();
  const [granularity, setGranularity] = useState<Granularity>('month');
  const dashboard = useDashboard(tenant, granularity);

  return (
    <section aria-labelledby={headingId} className="mt-12 min-w-0">
      <h2 id={headingId} className="mb-2 text-std-20B-150 text-solid-gray-900 md:text-std-24B-150">
        {t('dashboard.heading')}
      </h2>
      <p className="mb-2 max-w-prose">{t('dashboard.lead')}</p>
      {dashboard.data && (
        <p className="mb-6 text-solid-gray-700">
          {t('dashboard.asOf', { date: formatDate(dashboard.data.asOf, language) })}
        </p>
      )}
      {dashboard.isError ? (
        <ErrorNotice
          title={t('dashboard.loadError')}
          error={dashboard.error}
          onRetry={() => void dashboard.refetch()}
          headingLevel={3}
        />
      ) : !dashboard.data ? (
        <p role="status">{t('dashboard.loading')}</p>
      ) : (
        <DashboardCharts data={dashboard.data} granularity={granularity} onGranularity={setGranularity} />
      )}
    </section>
  );
}

function DashboardCharts({
  data,
  granularity,
  onGranularity,
}: {
  data: Dashboard;
  granularity: Granularity;
  onGranularity: (next: Granularity) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const prefectureNames = usePrefectureNames();
  const number = (n: number) => n.toLocaleString(language);
  const tiers = [
    { key: 'basic', label: labels.tier('basic') },
    { key: 'premium', label: labels.tier('premium') },
  ];
  const types = [1, 2, 3, 4].map((type) => ({ key: `type${type}`, label: labels.relationMark(type) }));
  const points = data.series.points.map((p) => ({ label: p.period, values: p as unknown as Record<string, number> }));
  const kinds = [...new Set(data.activities.flatMap((m) => Object.keys(m.kinds)))].sort();
  const code = data.tenant.code;

  return (
    <div className="grid min-w-0 gap-6">
      <ul className="grid gap-4 sm:grid-cols-3">
        {(
          [
            ['total', data.registrants.total],
            ['premium', data.registrants.premium],
            ['type4', data.registrants.type4],
          ] as const
        ).map(([key, value]) => (
          <li key={key} className="rounded-8 bg-blue-50 p-4">
            <p className="text-std-16B-170 text-solid-gray-900">{t(`dashboard.kpi.${key}`)}</p>
            <p className="text-std-32B-150 tabular-nums text-solid-gray-900">{number(value)}</p>
          </li>
        ))}
      </ul>

      <fieldset>
        <legend className="text-std-16B-170 text-solid-gray-900">{t('dashboard.granularity')}</legend>
        <div className="flex flex-wrap gap-x-6">
          {GRANULARITIES.map((g) => (
            <Radio
              key={g}
              name="dashboard-granularity"
              label={t(`dashboard.${g}`)}
              checked={granularity === g}
              onChange={() => onGranularity(g)}
            />
          ))}
        </div>
      </fieldset>

      <LineChart
        title={t('dashboard.registrantsTitle')}
        description={t('dashboard.registrantsText')}
        points={points}
        series={tiers}
        xLabel={t('dashboard.period')}
        variant="stacked-area"
        filename={`registrants-${code}-${granularity}`}
      />
      <LineChart
        title={t('dashboard.typesTitle')}
        description={t('dashboard.typesText')}
        points={points}
        series={types}
        xLabel={t('dashboard.period')}
        filename={`relation-types-${code}-${granularity}`}
      />
      <div className="grid min-w-0 gap-6 lg:grid-cols-2">
        <FunnelChart
          title={t('dashboard.funnelTitle')}
          description={t('dashboard.funnelText')}
          steps={data.funnel.map((s) => ({ key: s.step, label: t(`dashboard.step.${s.step}`), value: s.count }))}
          filename={`funnel-${code}`}
        />
        <StackedBarChart
          title={t('dashboard.typesNowTitle')}
          bars={[1, 2, 3, 4].map((type) => ({
            label: labels.relationMark(type),
            values: { count: data.registrants[`type${type as 1 | 2 | 3 | 4}`] },
          }))}
          series={[{ key: 'count', label: t('dashboard.kpi.total') }]}
          categoryLabel={t('dashboard.typeLabel')}
          filename={`relation-types-now-${code}`}
        />
      </div>
      <div className="min-w-0">
        <JapanTileMap
          title={t('dashboard.mapTitle')}
          description={t('dashboard.mapText')}
          values={Object.fromEntries(data.residence.prefectures.map((p) => [p.code, p.count]))}
          nameOf={(c) => prefectureLabel(c, prefectureNames.get(c) ?? c, language)}
          valueLabel={t('dashboard.mapValue')}
          highlight={[code.slice(0, 2)]}
          sortTableByValue
          filename={`residence-${code}`}
        />
        <p className="mt-2">
          {t('dashboard.unknownAbroad', {
            unknown: number(data.residence.unknown),
            abroad: number(data.residence.abroad),
          })}
        </p>
      </div>
      <CohortChart cohorts={data.cohorts} />
      <div className="grid min-w-0 gap-6 lg:grid-cols-2">
        <StackedBarChart
          title={t('dashboard.activitiesTitle')}
          description={t('dashboard.activitiesText')}
          bars={data.activities.map((m) => ({ label: m.month, values: m.kinds }))}
          series={kinds.map((kind) => ({ key: kind, label: labels.activityKind(kind) }))}
          categoryLabel={t('dashboard.monthColumn')}
          totalLabel={t('dashboard.total')}
          filename={`activities-${code}`}
        />
        <StackedBarChart
          title={t('dashboard.benefitsTitle')}
          description={t('dashboard.benefitsText')}
          bars={data.benefitUses.map((m) => ({ label: m.month, values: { basic: m.basic, premium: m.premium } }))}
          series={tiers}
          categoryLabel={t('dashboard.monthColumn')}
          totalLabel={t('dashboard.total')}
          filename={`benefit-uses-${code}`}
        />
      </div>
      <StackedBarChart
        title={t('dashboard.newslettersTitle')}
        description={t('dashboard.newslettersText')}
        bars={data.newsletters.map((m) => ({ label: m.month, values: { sent: m.sent, recipients: m.recipients } }))}
        series={[{ key: 'recipients', label: t('dashboard.newsletterRecipients') }]}
        categoryLabel={t('dashboard.monthColumn')}
        filename={`newsletters-${code}`}
      />
    </div>
  );
}
