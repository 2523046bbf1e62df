import { describe, expect, it } from 'vitest';
import { cardArt } from './card-art.ts';

describe('cardArt', () => {
  it('draws the same picture for the same number', () => {
    expect(cardArt('1234567812345678')).toEqual(cardArt('1234567812345678'));
  });

  it('draws different pictures for numbers one digit apart', () => {
    const a = cardArt('1234567812345678');
    const b = cardArt('1234567812345679');
    expect(a).not.toEqual(b);
    expect([a.hueA, a.angle, a.circles.length]).not.toEqual([b.hueA, b.angle, b.circles.length]);
  });

  it('spreads the colours over many numbers', () => {
    const hues = new Set(Array.from({ length: 200 }, (_, i) => cardArt(String(1e15 + i)).hueA));
    expect(hues.size).toBeGreaterThan(100);
  });
});
