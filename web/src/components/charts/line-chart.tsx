import { useLanguage } from '../../i18n/index.ts';
import { ChartFigure, Legend } from './chart-figure.tsx';
import { niceMax, seriesFill, seriesStroke, seriesSwatch } from './palette.ts';
import { useWidth } from './use-width.ts';

/** One line (or band) of a chart: `key` indexes each point's `values`, `label` names it in legend and table. */
export interface Series {
  key: string;
  label: string;
}

/** One moment on the x axis ("2026-04", "2026-04-01"…) and the value of each series there. */
export interface SeriesPoint {
  label: string;
  values: Record<string, number>;
}

export interface LineChartProps {
  title: string;
  description?: string;
  /** The points in time order, oldest first. */
  points: SeriesPoint[];
  series: Series[];
  /** Heading of the first table column (the x axis), e.g. 「期間」. */
  xLabel: string;
  /** 'line' draws each series on its own; 'stacked-area' stacks them so the top edge is their sum. */
  variant?: 'line' | 'stacked-area';
  filename?: string;
  headingLevel?: 2 | 3;
  /** Height of the drawing in CSS pixels (default 220). */
  height?: number;
}

const MARGIN = { top: 12, right: 12, bottom: 28, left: 56 };

/** Values over time as lines or stacked areas, with a table view and CSV of the same numbers. */
export function LineChart({
  title,
  description,
  points,
  series,
  xLabel,
  variant = 'line',
  filename,
  headingLevel,
  height = 220,
}: LineChartProps) {
  const language = useLanguage();
  const [ref, width] = useWidth<HTMLDivElement>();
  const stacked = variant === 'stacked-area';
  const table = {
    columns: [xLabel, ...series.map((s) => s.label)],
    rows: points.map((p) => [p.label, ...series.map((s) => p.values[s.key] ?? 0)]),
  };

  // Cumulative tops per series when stacked, the value itself otherwise.
  const tops = points.map((p) => {
    let sum = 0;
    return series.map((s) => {
      const value = p.values[s.key] ?? 0;
      sum = stacked ? sum + value : value;
      return sum;
    });
  });
  const max = niceMax(Math.max(0, ...tops.flat()));
  const innerWidth = Math.max(1, width - MARGIN.left - MARGIN.right);
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = (index: number) =>
    MARGIN.left + (points.length <= 1 ? innerWidth / 2 : (index * innerWidth) / (points.length - 1));
  const y = (value: number) => MARGIN.top + innerHeight - (value / max) * innerHeight;
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(innerWidth / 80))));
  const last = points.at(-1);
  const summary = last
    ? `${title}: ${last.label} ${series.map((s) => `${s.label} ${(last.values[s.key] ?? 0).toLocaleString(language)}`).join(', ')}`
    : title;

  return (
    <ChartFigure
      title={title}
      description={description}
      table={table}
      filename={filename}
      headingLevel={headingLevel}
      empty={points.length === 0}
      footer={<Legend items={series.map((s, i) => ({ label: s.label, swatch: seriesSwatch(i) }))} />}
    >
      <div ref={ref} className="w-full overflow-hidden">
        <svg role="img" aria-label={summary} width={width} height={height} className="block max-w-full">
          {[0, 0.25, 0.5, 0.75, 1].map((share) => (
            <g key={share}>
              <line
                x1={MARGIN.left}
                x2={MARGIN.left + innerWidth}
                y1={y(max * share)}
                y2={y(max * share)}
                className="stroke-solid-gray-200"
              />
              <text
                x={MARGIN.left - 6}
                y={y(max * share) + 4}
                textAnchor="end"
                className="fill-solid-gray-700 text-[12px]"
              >
                {(max * share).toLocaleString(language)}
              </text>
            </g>
          ))}
          {series.map((s, seriesIndex) => {
            const line = points.map((_, i) => `${x(i)},${y(tops[i]?.[seriesIndex] ?? 0)}`).join(' ');
            if (!stacked) {
              return (
                <polyline
                  key={s.key}
                  points={line}
                  fill="none"
                  strokeWidth={2.5}
                  className={seriesStroke(seriesIndex)}
                />
              );
            }
            const base = points
              .map((_, i) => `${x(i)},${y(seriesIndex === 0 ? 0 : (tops[i]?.[seriesIndex - 1] ?? 0))}`)
              .reverse()
              .join(' ');
            return (
              <polygon
                key={s.key}
                points={`${line} ${base}`}
                className={`${seriesFill(seriesIndex)} ${seriesStroke(seriesIndex)}`}
                fillOpacity={0.85}
                strokeWidth={1}
              />
            );
          })}
          {points.map((p, i) =>
            i % labelEvery === 0 || i === points.length - 1 ? (
              <text
                key={p.label}
                x={x(i)}
                y={height - 8}
                textAnchor={i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}
                className="fill-solid-gray-700 text-[12px]"
              >
                {p.label}
              </text>
            ) : null,
          )}
        </svg>
      </div>
    </ChartFigure>
  );
}
