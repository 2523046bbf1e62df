import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../api/dashboards.ts';
import { ChartFigure } from '../../../components/charts/chart-figure.tsx';
import { scaleFills, scaleStep, scaleText } from '../../../components/charts/palette.ts';
import { useLanguage } from '../../../i18n/index.ts';

const HORIZONS = ['m1', 'm3', 'm6', 'm12'] as const;

/**
 * Cohorts as a shaded grid: one row per month of registration, one column per horizon; a cell's shade is its
 * share of the cohort, its text the count. Months whose horizon has not passed are left blank ("—").
 */
export function CohortChart({ cohorts }: { cohorts: Dashboard['cohorts'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns = [
    ...HORIZONS.map((h) => ({
      key: `tookPart.${h}`,
      label: t('dashboard.tookPartWithin', { months: h.slice(1) }),
      pick: (c: Dashboard['cohorts'][number]) => c.tookPart[h],
    })),
    ...HORIZONS.map((h) => ({
      key: `premium.${h}`,
      label: t('dashboard.premiumWithin', { months: h.slice(1) }),
      pick: (c: Dashboard['cohorts'][number]) => c.premium[h],
    })),
  ];
  const table = {
    columns: [t('dashboard.cohortMonth'), t('dashboard.cohortRegistered'), ...columns.map((c) => c.label)],
    rows: cohorts.map((c) => [c.month, c.registered, ...columns.map((col) => col.pick(c) ?? '—')]),
  };
  const cell = 44;
  const labelWidth = 72;
  const width = labelWidth + cell * (columns.length + 1);
  const height = cell * (cohorts.length + 1);
  const summary = `${t('dashboard.cohortsTitle')}: ${cohorts
    .map((c) => `${c.month} ${c.registered.toLocaleString(language)}`)
    .join(', ')}`;

  return (
    <ChartFigure
      title={t('dashboard.cohortsTitle')}
      description={t('dashboard.cohortsText')}
      table={table}
      empty={cohorts.every((c) => c.registered === 0)}
    >
      <div className="overflow-hidden">
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${width} ${height}`}
          className="block h-auto w-full max-w-2xl"
        >
          <text
            x={labelWidth + cell * 3}
            y={14}
            textAnchor="middle"
            className="fill-solid-gray-900 text-[12px] font-bold"
          >
            {t('dashboard.cohortTookPart')}
          </text>
          <text
            x={labelWidth + cell * 7}
            y={14}
            textAnchor="middle"
            className="fill-solid-gray-900 text-[12px] font-bold"
          >
            {t('dashboard.cohortPremium')}
          </text>
          {columns.map((col, i) => (
            <text
              key={col.key}
              x={labelWidth + cell * (i + 1.5)}
              y={cell - 8}
              textAnchor="middle"
              className="fill-solid-gray-700 text-[11px]"
            >
              {t('dashboard.cohortMonths', { months: col.key.split('.m')[1] })}
            </text>
          ))}
          {cohorts.map((c, row) => {
            const y = cell * (row + 1);
            return (
              <g key={c.month}>
                <text x={0} y={y + cell / 2 + 4} className="fill-solid-gray-800 text-[12px]">
                  {c.month}
                </text>
                <text
                  x={labelWidth + cell / 2}
                  y={y + cell / 2 + 4}
                  textAnchor="middle"
                  className="fill-solid-gray-900 text-[12px]"
                >
                  {c.registered.toLocaleString(language)}
                </text>
                {columns.map((col, i) => {
                  const value = col.pick(c);
                  const step = value === null ? 0 : scaleStep(value, c.registered);
                  return (
                    <g key={col.key}>
                      <rect
                        x={labelWidth + cell * (i + 1) + 1}
                        y={y + 1}
                        width={cell - 2}
                        height={cell - 2}
                        className={value === null ? 'fill-solid-gray-50' : scaleFills[step]}
                      />
                      <text
                        x={labelWidth + cell * (i + 1.5)}
                        y={y + cell / 2 + 4}
                        textAnchor="middle"
                        className={`${value === null ? 'fill-solid-gray-600' : scaleText[step]} text-[12px]`}
                      >
                        {value === null ? '—' : value.toLocaleString(language)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
    </ChartFigure>
  );
}
