import { afterEach, describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local-time.ts';

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

describe('datetime-local values', () => {
  it('mean the browser’s local time (staff in Japan enter Japan time)', () => {
    process.env.TZ = 'Asia/Tokyo';
    expect(fromLocalInput('2026-05-10T09:00')).toBe('2026-05-10T00:00:00.000Z');
    expect(toLocalInput('2026-05-10T00:00:00.000Z')).toBe('2026-05-10T09:00');
  });

  it('round-trip an instant to the minute', () => {
    process.env.TZ = 'Asia/Tokyo';
    const iso = '2026-12-31T15:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it('refuse incomplete values', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-05-10')).toBeNull();
    expect(toLocalInput('not a date')).toBe('');
  });
});
