import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/index.ts';
import { ChartFigure } from './chart-figure.tsx';
import { useWidth } from './use-width.ts';

/** One step of a funnel: how many reached it. */
export interface FunnelStep {
  key: string;
  label: string;
  value: number;
}

export interface FunnelChartProps {
  title: string;
  description?: string;
  /** The steps from the widest (first) to the narrowest. */
  steps: FunnelStep[];
  filename?: string;
  headingLevel?: 2 | 3;
}

/** The share `part / whole` in percent with one decimal, or null when the whole is zero. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

const ROW = 52;

/** Steps as bars shrinking from the first, each with its share of the step before it and of the first step. */
export function FunnelChart({ title, description, steps, filename, headingLevel }: FunnelChartProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [ref, width] = useWidth<HTMLDivElement>();
  const first = steps[0]?.value ?? 0;
  const shown = (value: number | null) => (value === null ? '—' : `${value.toLocaleString(language)}%`);
  const rows = steps.map((step, i) => ({
    step,
    fromPrevious: i === 0 ? null : percent(step.value, steps[i - 1]?.value ?? 0),
    fromFirst: percent(step.value, first),
  }));
  const table = {
    columns: [
      t('charts.funnel.step'),
      t('charts.funnel.count'),
      t('charts.funnel.fromPrevious'),
      t('charts.funnel.fromFirst'),
    ],
    rows: rows.map((row, i) => [
      row.step.label,
      row.step.value,
      i === 0 ? '—' : shown(row.fromPrevious),
      shown(row.fromFirst),
    ]),
  };
  const max = Math.max(1, ...steps.map((s) => s.value));
  const summary = `${title}: ${rows.map((row) => `${row.step.label} ${row.step.value.toLocaleString(language)}`).join(', ')}`;

  return (
    <ChartFigure
      title={title}
      description={description}
      table={table}
      filename={filename}
      headingLevel={headingLevel}
      empty={steps.length === 0}
    >
      <div ref={ref} className="w-full overflow-hidden">
        <svg role="img" aria-label={summary} width={width} height={steps.length * ROW} className="block max-w-full">
          {rows.map((row, i) => {
            const w = Math.max(2, (row.step.value / max) * width);
            const top = i * ROW;
            return (
              <g key={row.step.key}>
                <text x={0} y={top + 14} className="fill-solid-gray-800 text-[13px]">
                  {row.step.label}
                  {i > 0 && ` (${shown(row.fromPrevious)})`}
                </text>
                <rect x={(width - w) / 2} y={top + 20} width={w} height={24} rx={2} className="fill-blue-900" />
                <text
                  x={width / 2}
                  y={top + 37}
                  textAnchor="middle"
                  className="fill-white stroke-blue-1200 text-[13px] font-bold tabular-nums [paint-order:stroke] [stroke-width:3px]"
                >
                  {row.step.value.toLocaleString(language)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </ChartFigure>
  );
}
