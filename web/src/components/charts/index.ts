// Small accessible SVG charts shared by the staff and national dashboards. Each renders inside ChartFigure:
// a titled figure with a "table view" toggle and a CSV download (UTF-8 with BOM) of the same numbers.
export { ChartFigure, type ChartFigureProps, Legend } from './chart-figure.tsx';
export { type ChartTable, csvFilename, toCsv } from './csv.ts';
export { FunnelChart, type FunnelChartProps, type FunnelStep, percent } from './funnel-chart.tsx';
export { JapanTileMap, type JapanTileMapProps } from './japan-tile-map.tsx';
export { prefectureCodes, prefectureTiles } from './japan-tiles.ts';
export { LineChart, type LineChartProps, type Series, type SeriesPoint } from './line-chart.tsx';
export { type SmallMultiple, SmallMultiples, type SmallMultiplesProps } from './small-multiples.tsx';
export { StackedBarChart, type StackedBarChartProps } from './stacked-bar-chart.tsx';
