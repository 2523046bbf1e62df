export type Locale = 'ja' | 'en';
export const supportedLocales: readonly Locale[] = ['ja', 'en'];

/** Picks ja or en from an Accept-Language header; Japanese is the default (PRODUCT.md §5.3). */
export function preferredLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'ja';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const match = ranked.find((entry) => supportedLocales.includes(entry.lang as Locale));
  return (match?.lang as Locale | undefined) ?? 'ja';
}
