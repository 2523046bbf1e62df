import { describe, expect, it } from 'vitest';
import { preferredLocale } from './locale.ts';

describe('preferredLocale', () => {
  it.each([
    [undefined, 'ja'],
    ['', 'ja'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['ja-JP,ja;q=0.9,en;q=0.8', 'ja'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr-FR', 'ja'],
    ['en;q=0.2,ja;q=0.9', 'ja'],
    ['en;q=0', 'ja'],
    ['*', 'ja'],
  ])('%j → %s', (header, locale) => {
    expect(preferredLocale(header)).toBe(locale);
  });
});
