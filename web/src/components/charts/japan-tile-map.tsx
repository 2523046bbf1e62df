import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/index.ts';
import { ChartFigure } from './chart-figure.tsx';
import { prefectureCodes, prefectureTiles, TILE_COLUMNS, TILE_ROWS } from './japan-tiles.ts';
import { scaleFills, scaleStep, scaleSwatches, scaleText } from './palette.ts';
import { useWidth } from './use-width.ts';

export interface JapanTileMapProps {
  title: string;
  description?: string;
  /** Value per prefecture code '01'–'47'; missing codes count as 0. Other codes ('00', '99') are ignored here. */
  values: Record<string, number>;
  /** Full prefecture name for the table and the tiles' tooltips (e.g. from the municipality directory). */
  nameOf: (code: string) => string;
  /** Heading of the value column, e.g. 「登録者数」. */
  valueLabel: string;
  /** Codes drawn with a thick outline (e.g. the prefecture itself, or model-project prefectures). */
  highlight?: string[];
  /** Table rows in value order (largest first) instead of code order. */
  sortTableByValue?: boolean;
  filename?: string;
  headingLevel?: 2 | 3;
}

/** Japan as a grid of 47 equal squares shaded by value (five steps of blue), with a legend of the steps. */
export function JapanTileMap({
  title,
  description,
  values,
  nameOf,
  valueLabel,
  highlight = [],
  sortTableByValue = false,
  filename,
  headingLevel,
}: JapanTileMapProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [ref, width] = useWidth<HTMLDivElement>();
  const valueAt = (code: string) => values[code] ?? 0;
  const max = Math.max(0, ...prefectureCodes.map(valueAt));
  const codes = sortTableByValue
    ? [...prefectureCodes].sort((a, b) => valueAt(b) - valueAt(a) || a.localeCompare(b))
    : prefectureCodes;
  const table = {
    columns: [t('charts.map.prefecture'), valueLabel],
    rows: codes.map((code) => [nameOf(code), valueAt(code)]),
  };
  const tile = Math.min(56, Math.floor(width / TILE_COLUMNS));
  const gap = tile >= 30 ? 2 : 1;
  const showNames = tile >= 30;
  const top = [...prefectureCodes].sort((a, b) => valueAt(b) - valueAt(a)).slice(0, 3);
  const summary = `${title}: ${top.map((code) => `${nameOf(code)} ${valueAt(code).toLocaleString(language)}`).join(', ')}`;
  const steps = [0, 1, 2, 3, 4].map((step) => ({
    step,
    from: step === 0 ? 0 : Math.floor(((step - 1) * max) / 4) + 1,
    to: step === 0 ? 0 : Math.floor((step * max) / 4),
  }));

  return (
    <ChartFigure
      title={title}
      description={description}
      table={table}
      filename={filename}
      headingLevel={headingLevel}
      footer={
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1" aria-label={t('charts.map.legend')}>
          {steps
            .filter((s) => s.step === 0 || s.to >= s.from)
            .map((s) => (
              <li key={s.step} className="flex items-center gap-2 tabular-nums">
                <span
                  aria-hidden="true"
                  className={`inline-block size-4 rounded-4 border border-solid-gray-420 ${scaleSwatches[s.step]}`}
                />
                {s.step === 0 ? '0' : `${s.from.toLocaleString(language)}–${s.to.toLocaleString(language)}`}
              </li>
            ))}
        </ul>
      }
    >
      <div ref={ref} className="w-full overflow-hidden">
        <svg
          role="img"
          aria-label={summary}
          width={tile * TILE_COLUMNS}
          height={tile * TILE_ROWS}
          className="mx-auto block max-w-full"
        >
          {prefectureTiles.map((p) => {
            const step = scaleStep(valueAt(p.code), max);
            const marked = highlight.includes(p.code);
            return (
              <g key={p.code}>
                <rect
                  x={p.column * tile + gap}
                  y={p.row * tile + gap}
                  width={tile - gap * 2}
                  height={tile - gap * 2}
                  rx={3}
                  className={`${scaleFills[step]} ${marked ? 'stroke-orange-700' : 'stroke-solid-gray-420'}`}
                  strokeWidth={marked ? 3 : 1}
                />
                {showNames && (
                  <text
                    x={p.column * tile + tile / 2}
                    y={p.row * tile + tile / 2 + 4}
                    textAnchor="middle"
                    className={`${scaleText[step]} ${tile >= 44 ? 'text-[11px]' : 'text-[9px]'}`}
                  >
                    {language === 'ja' ? p.ja : p.en}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
    </ChartFigure>
  );
}
