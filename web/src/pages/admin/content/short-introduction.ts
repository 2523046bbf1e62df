const SHORT_INTRODUCTION = 160;

/** A Markdown paragraph as the words a reader sees: no image, link targets, heading or emphasis marks. */
function plainWords(paragraph: string): string {
  return paragraph
    .replaceAll(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replaceAll(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replaceAll(/^\s*(#+|>|[-*+]|\d+\.)\s+/gm, '')
    .replaceAll(/[*_`]/g, '')
    .replaceAll(/\s+/g, ' ')
    .trim();
}

/** The first paragraph of the introduction with words in it, as plain text cut to fit the poster. */
export function shortIntroduction(text: string, max = SHORT_INTRODUCTION): string {
  const first =
    text
      .split(/\n\s*\n/)
      .map(plainWords)
      .find((p) => p !== '') ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
