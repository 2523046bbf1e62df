import { describe, expect, it } from 'vitest';
import { prefectureCodes, prefectureTiles, TILE_COLUMNS, TILE_ROWS } from './japan-tiles.ts';

describe('prefectureTiles', () => {
  it('places each of the 47 prefectures exactly once, on its own square inside the grid', () => {
    expect(prefectureTiles.map((tile) => tile.code).sort()).toEqual(prefectureCodes);
    const squares = new Set(prefectureTiles.map((tile) => `${tile.column},${tile.row}`));
    expect(squares.size).toBe(47);
    for (const tile of prefectureTiles) {
      expect(tile.column).toBeGreaterThanOrEqual(0);
      expect(tile.column).toBeLessThan(TILE_COLUMNS);
      expect(tile.row).toBeLessThan(TILE_ROWS);
    }
  });
});
