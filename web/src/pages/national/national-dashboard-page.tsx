import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNationalDashboard } from '../../api/national.ts';
import { JapanTileMap, LineChart } from '../../components/charts/index.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { useLanguage } from '../../i18n/index.ts';
import { KpiMeter } from './kpi-meter.tsx';

/** `/national`: 実人数 and 延べ against the ten-year KPI, the map, participation over time, model municipalities. */
export function NationalDashboardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  usePageTitle(t('national.dashboard.title'));
  const dashboard = useNationalDashboard();
  const data = dashboard.data;
  const kpi = (key: 'people' | 'registrations') => data?.kpis.find((k) => k.key === key);
  const nameOf = (code: string) => data?.byPrefecture.find((p) => p.prefectureCode === code)?.name ?? code;
  const modelPrefectures = [...new Set(data?.modelMunicipalities.map((m) => m.prefectureCode) ?? [])];
  const points = (data?.monthly ?? []).map((m) => ({
    label: m.month.slice(0, 7),
    values: { people: m.people, registrations: m.registrations, municipalities: m.municipalities },
  }));

  return (
    <div>
      <PageHeading>{t('national.dashboard.title')}</PageHeading>
      {dashboard.isError && (
        <ErrorNotice title={t('national.loadError')} error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      )}
      {!data && dashboard.isPending && <p role="status">{t('national.loading')}</p>}
      {data && (
        <div className="flex flex-col gap-8">
          <p className="text-dns-16N-130 text-solid-gray-800">{t('national.dashboard.asOf', { date: data.asOf })}</p>
          <section aria-labelledby="national-kpi">
            <h2 id="national-kpi" className="mb-3 text-std-20B-150">
              {t('national.kpi.title')}
            </h2>
            <div className="grid gap-4 md:grid-cols-3">
              {(['people', 'registrations'] as const).map((key) => {
                const target = kpi(key);
                return target ? (
                  <KpiMeter
                    key={key}
                    label={t(`national.kpi.${key}`)}
                    value={data.totals[key]}
                    target={target.target}
                    targetOn={target.targetOn}
                  />
                ) : null;
              })}
              <div className="rounded-8 border border-solid-gray-420 p-4">
                <h3 className="text-std-18B-160 text-solid-gray-900">{t('national.kpi.municipalities')}</h3>
                <p className="text-std-28B-150 text-solid-gray-900" data-testid="national-municipalities">
                  {data.totals.municipalities.toLocaleString(language)}
                </p>
                <p className="text-dns-16N-130 text-solid-gray-800">
                  {t('national.kpi.perPerson', {
                    ratio: data.totals.people ? (data.totals.registrations / data.totals.people).toFixed(2) : '—',
                  })}
                </p>
              </div>
            </div>
          </section>
          <LineChart
            title={t('national.dashboard.peopleOverTime')}
            description={t('national.dashboard.peopleOverTimeNote')}
            xLabel={t('national.dashboard.month')}
            points={points}
            series={[
              { key: 'people', label: t('national.kpi.people') },
              { key: 'registrations', label: t('national.kpi.registrations') },
            ]}
            filename="national-people-registrations"
          />
          <JapanTileMap
            title={t('national.dashboard.map')}
            description={t('national.dashboard.mapNote')}
            values={Object.fromEntries(data.byPrefecture.map((p) => [p.prefectureCode, p.registrations]))}
            nameOf={nameOf}
            valueLabel={t('national.kpi.registrations')}
            highlight={modelPrefectures}
            sortTableByValue
            filename="national-registrations-by-prefecture"
          />
          <LineChart
            title={t('national.dashboard.joinedOverTime')}
            xLabel={t('national.dashboard.month')}
            points={points}
            series={[{ key: 'municipalities', label: t('national.kpi.municipalities') }]}
            filename="national-municipalities-joined"
          />
          <section aria-labelledby="national-model">
            <h2 id="national-model" className="mb-3 text-std-20B-150">
              {t('national.dashboard.model')}
            </h2>
            <table className="w-full text-left">
              <thead>
                <tr className="border-b border-solid-gray-420">
                  <th scope="col" className="py-2 pr-4">
                    {t('national.model.name')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('national.model.type')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('national.model.step')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.modelMunicipalities.map((m) => (
                  <tr key={m.code} className="border-b border-solid-gray-420">
                    <td className="py-2 pr-4">
                      <Link
                        to={`/national/model-project/${m.code}/report`}
                        className="inline-flex min-h-11 items-center"
                      >
                        {m.fullName}
                      </Link>
                    </td>
                    <td className="py-2 pr-4">{t(`national.model.types.${m.type}`)}</td>
                    <td className="py-2 pr-4">{t(`national.model.steps.step${m.step as 1 | 2 | 3}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
