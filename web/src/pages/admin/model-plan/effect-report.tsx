import { useTranslation } from 'react-i18next';
import type { EffectReport as Report } from '../../../api/national.ts';
import { LineChart } from '../../../components/charts/index.ts';
import { useLanguage } from '../../../i18n/index.ts';

const INDICATORS = ['registrations', 'premium', 'activities'] as const;
const PLAN_ITEMS = [
  'regionalIssues',
  'deepeningInitiatives',
  'contentPlan',
  'supportMeasures',
  'premiumRequirements',
] as const;

// Printed from the browser (→ PDF): A4 margins, no site chrome or buttons, the tables and the chart kept whole.
const PRINT_CSS = `
@page { size: A4; margin: 15mm; }
@media print {
  header, footer, nav, button, .print\\:hidden { display: none !important; }
  body { font-size: 11pt; }
  figure, table, section { break-inside: avoid; }
  a { text-decoration: none; color: inherit; }
}`;

/** The STEP3 effect-verification report (seed 第2): plan, before/after and comparison with non-model peers. */
export function EffectReport({ report }: { report: Report }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const number = (value: number | null) => (value === null ? '—' : value.toLocaleString(language));
  const signed = (value: number | null) =>
    value === null ? '—' : `${value > 0 ? '+' : ''}${value.toLocaleString(language)}`;
  const { member, plan, window } = report;

  return (
    <article className="flex flex-col gap-8">
      <style>{PRINT_CSS}</style>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-bold">{t('national.model.type')}</dt>
        <dd>{t(`national.model.types.${member.type}`)}</dd>
        <dt className="font-bold">{t('national.model.step')}</dt>
        <dd>{t(`national.model.steps.step${member.step as 1 | 2 | 3}`)}</dd>
        <dt className="font-bold">{t('national.report.window')}</dt>
        <dd>{t('national.report.windowValue', { from: window.baselineOn, to: window.asOf })}</dd>
      </dl>
      <section aria-labelledby="report-indicators">
        <h2 id="report-indicators" className="mb-2 text-std-20B-150">
          {t('national.report.indicators')}
        </h2>
        <p className="mb-3 text-dns-16N-130">{t('national.report.indicatorsNote')}</p>
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{t('national.report.indicators')}</caption>
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="py-2 pr-4">
                  {t('national.report.indicator')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('national.report.before')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('national.report.after')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('national.report.change')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('national.report.nationalMedian')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('national.report.prefectureMedian')}
                </th>
              </tr>
            </thead>
            <tbody>
              {INDICATORS.map((key) => {
                const i = report.indicators[key];
                return (
                  <tr key={key} className="border-b border-solid-gray-420">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {t(`national.report.names.${key}`)}
                    </th>
                    <td className="py-2 pr-4 text-right">{number(i.before)}</td>
                    <td className="py-2 pr-4 text-right">{number(i.after)}</td>
                    <td className="py-2 pr-4 text-right">
                      {signed(i.change)}
                      {i.changePercent !== null && ` (${signed(i.changePercent)}%)`}
                    </td>
                    <td className="py-2 pr-4 text-right">
                      {signed(i.nationalMedianChange)}
                      <span className="block text-dns-14N-130">
                        {t('national.report.peers', { n: i.nationalPeers })}
                      </span>
                    </td>
                    <td className="py-2 pr-4 text-right">
                      {signed(i.prefectureMedianChange)}
                      <span className="block text-dns-14N-130">
                        {t('national.report.peers', { n: i.prefecturePeers })}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <LineChart
        title={t('national.report.chart')}
        xLabel={t('national.dashboard.month')}
        points={report.monthly.map((m) => ({
          label: m.month.slice(0, 7),
          values: { registrations: m.registrations, premium: m.premium },
        }))}
        series={[
          { key: 'registrations', label: t('national.report.names.registrations') },
          { key: 'premium', label: t('national.report.names.premium') },
        ]}
        filename={`effect-${member.code}`}
      />
      <section aria-labelledby="report-plan">
        <h2 id="report-plan" className="mb-3 text-std-20B-150">
          {t('national.report.plan')}
        </h2>
        <dl className="flex flex-col gap-3">
          {PLAN_ITEMS.map((item) => (
            <div key={item}>
              <dt className="font-bold">{t(`national.plan.items.${item}`)}</dt>
              <dd className="whitespace-pre-wrap">{plan[item] || t('national.plan.empty')}</dd>
            </div>
          ))}
          <div>
            <dt className="font-bold">{t('national.plan.items.baselineOn')}</dt>
            <dd>
              {plan.baselineOn ?? t('national.plan.empty')} {plan.baselineNote}
            </dd>
          </div>
        </dl>
      </section>
    </article>
  );
}
