/**
 * The member card's picture, drawn from its 16-digit number alone: the same number always gives the same
 * picture, and two members practically never share one. No randomness from the device, so a card looks
 * the same on every phone the member signs in on.
 */
export interface CardArt {
  hueA: number;
  hueB: number;
  angle: number;
  circles: { cx: number; cy: number; r: number; opacity: number }[];
  waves: { d: string; opacity: number }[];
}

// FNV-1a: a small, well-spread hash of the digits as the seed.
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// mulberry32: deterministic numbers in [0, 1) from the seed.
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CARD_WIDTH = 320;
export const CARD_HEIGHT = 120;

export function cardArt(cardNumber: string): CardArt {
  const random = randomFrom(seedOf(cardNumber));
  const round = (n: number) => Math.round(n * 10) / 10;
  const hueA = Math.floor(random() * 360);
  const hueB = (hueA + 60 + Math.floor(random() * 180)) % 360;
  const angle = Math.floor(random() * 180);
  const circles = Array.from({ length: 5 + Math.floor(random() * 4) }, () => ({
    cx: round(random() * CARD_WIDTH),
    cy: round(random() * CARD_HEIGHT),
    r: round(12 + random() * 60),
    opacity: round(0.12 + random() * 0.3),
  }));
  const waves = Array.from({ length: 3 }, (_, i) => {
    const y = round(CARD_HEIGHT * (0.3 + i * 0.2) + (random() - 0.5) * 20);
    const c1 = round(random() * CARD_HEIGHT);
    const c2 = round(random() * CARD_HEIGHT);
    return { d: `M0 ${y} C ${CARD_WIDTH / 3} ${c1}, ${(2 * CARD_WIDTH) / 3} ${c2}, ${CARD_WIDTH} ${y}`, opacity: 0.35 };
  });
  return { hueA, hueB, angle, circles, waves };
}
