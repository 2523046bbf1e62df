// Series colours from the Digital Agency palette, chosen to stay apart for the common colour-vision
// deficiencies and to reach 3:1 against white (WCAG 1.4.11). Written out in full so Tailwind sees the classes.
const fills = [
  'fill-blue-900',
  'fill-orange-600',
  'fill-green-700',
  'fill-magenta-700',
  'fill-cyan-900',
  'fill-solid-gray-600',
];
const strokes = [
  'stroke-blue-900',
  'stroke-orange-600',
  'stroke-green-700',
  'stroke-magenta-700',
  'stroke-cyan-900',
  'stroke-solid-gray-600',
];
const swatches = ['bg-blue-900', 'bg-orange-600', 'bg-green-700', 'bg-magenta-700', 'bg-cyan-900', 'bg-solid-gray-600'];

export function seriesFill(index: number): string {
  return fills[index % fills.length] as string;
}

export function seriesStroke(index: number): string {
  return strokes[index % strokes.length] as string;
}

export function seriesSwatch(index: number): string {
  return swatches[index % swatches.length] as string;
}

/** Sequential scale for maps: light to dark blue; text on the two darkest steps is white. */
export const scaleFills = ['fill-blue-50', 'fill-blue-200', 'fill-blue-400', 'fill-blue-700', 'fill-blue-1000'];
export const scaleSwatches = ['bg-blue-50', 'bg-blue-200', 'bg-blue-400', 'bg-blue-700', 'bg-blue-1000'];
export const scaleText = [
  'fill-solid-gray-900',
  'fill-solid-gray-900',
  'fill-solid-gray-900',
  'fill-white',
  'fill-white',
];

/** The step (0–4) of a value on a scale from 0 to max; 0 stays on the lightest step. */
export function scaleStep(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4)));
}

/** A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least the maximum. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}
