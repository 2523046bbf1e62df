import { useLanguage } from '../../i18n/index.ts';
import { ChartFigure, Legend } from './chart-figure.tsx';
import type { Series, SeriesPoint } from './line-chart.tsx';
import { seriesFill, seriesSwatch } from './palette.ts';
import { useWidth } from './use-width.ts';

export interface StackedBarChartProps {
  title: string;
  description?: string;
  /** One bar per entry, drawn top to bottom in this order; `label` names the bar. */
  bars: SeriesPoint[];
  /** The parts of each bar, stacked left to right. One series gives a plain bar chart. */
  series: Series[];
  /** Heading of the first table column (what the bars are), e.g. 「類型」. */
  categoryLabel: string;
  /** Adds a "total" column to the table when there is more than one series. */
  totalLabel?: string;
  filename?: string;
  headingLevel?: 2 | 3;
}

const ROW = 32;
const LABEL_WIDTH = 132;

/** Horizontal stacked bars (long Japanese labels fit on the left; phones scroll down, not sideways). */
export function StackedBarChart({
  title,
  description,
  bars,
  series,
  categoryLabel,
  totalLabel,
  filename,
  headingLevel,
}: StackedBarChartProps) {
  const language = useLanguage();
  const [ref, width] = useWidth<HTMLDivElement>();
  const totals = bars.map((bar) => series.reduce((sum, s) => sum + (bar.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const withTotal = totalLabel !== undefined && series.length > 1;
  const table = {
    columns: [categoryLabel, ...series.map((s) => s.label), ...(withTotal ? [totalLabel] : [])],
    rows: bars.map((bar, i) => [
      bar.label,
      ...series.map((s) => bar.values[s.key] ?? 0),
      ...(withTotal ? [totals[i] ?? 0] : []),
    ]),
  };
  const labelWidth = Math.min(LABEL_WIDTH, Math.round(width * 0.38));
  const valueWidth = 64;
  const barSpace = Math.max(1, width - labelWidth - valueWidth);
  const height = bars.length * ROW + 4;
  const summary = `${title}: ${bars.map((bar, i) => `${bar.label} ${(totals[i] ?? 0).toLocaleString(language)}`).join(', ')}`;

  return (
    <ChartFigure
      title={title}
      description={description}
      table={table}
      filename={filename}
      headingLevel={headingLevel}
      empty={bars.length === 0}
      footer={
        series.length > 1 ? (
          <Legend items={series.map((s, i) => ({ label: s.label, swatch: seriesSwatch(i) }))} />
        ) : null
      }
    >
      <div ref={ref} className="w-full overflow-hidden">
        <svg role="img" aria-label={summary} width={width} height={height} className="block max-w-full">
          {bars.map((bar, barIndex) => {
            const top = barIndex * ROW + 4;
            let offset = labelWidth;
            return (
              <g key={bar.label}>
                <text x={labelWidth - 8} y={top + 17} textAnchor="end" className="fill-solid-gray-800 text-[13px]">
                  {bar.label}
                </text>
                {series.map((s, seriesIndex) => {
                  const w = ((bar.values[s.key] ?? 0) / max) * barSpace;
                  const rect = (
                    <rect
                      key={s.key}
                      x={offset}
                      y={top}
                      width={w}
                      height={ROW - 10}
                      className={seriesFill(seriesIndex)}
                    />
                  );
                  offset += w;
                  return rect;
                })}
                <text x={offset + 6} y={top + 17} className="fill-solid-gray-800 text-[13px] tabular-nums">
                  {(totals[barIndex] ?? 0).toLocaleString(language)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </ChartFigure>
  );
}
