import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SuppressedTable, type SuppressionOptions, suppressSmallCells } from './suppression.ts';

// The check is independent of the algorithm's graph reasoning: write down every equation a reader has
// (each published row and column total = the sum of its cells), move the published values to the right-hand
// side, and ask linear algebra whether a hidden cell's value is fixed by them (its unit vector lies in the
// row space of the equations over the hidden cells).

type Cell = { row: number; column: number };

function augmented(cells: number[][], options: SuppressionOptions, published: SuppressedTable) {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const value: (number | null)[][] = published.cells.map((row, i) => [
    ...row,
    ...(options.rowTotals ? [published.rowTotals?.[i] ?? null] : []),
  ]);
  const truth: number[][] = cells.map((row) => [
    ...row,
    ...(options.rowTotals ? [row.reduce((a, b) => a + b, 0)] : []),
  ]);
  if (options.columnTotals) {
    const totals = published.columnTotals ?? [];
    value.push([...totals, ...(options.rowTotals ? [published.grandTotal ?? null] : [])]);
    truth.push([
      ...Array.from({ length: columns }, (_, j) => cells.reduce((sum, row) => sum + (row[j] ?? 0), 0)),
      ...(options.rowTotals ? [cells.flat().reduce((a, b) => a + b, 0)] : []),
    ]);
  }
  return { value, truth, rows, columns };
}

/** The hidden cells a reader can compute exactly from what is published. */
function recoverable(cells: number[][], options: SuppressionOptions, published: SuppressedTable): Cell[] {
  const { value, rows, columns } = augmented(cells, options, published);
  const unknowns: Cell[] = [];
  value.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v === null) unknowns.push({ row: i, column: j });
    });
  });
  const index = (i: number, j: number) => unknowns.findIndex((u) => u.row === i && u.column === j);
  const equations: number[][] = [];
  const equation = (members: Cell[], total: Cell) => {
    const coefficients = new Array<number>(unknowns.length).fill(0);
    for (const m of members) {
      const k = index(m.row, m.column);
      if (k >= 0) coefficients[k] = 1;
    }
    const k = index(total.row, total.column);
    if (k >= 0) coefficients[k] = -1;
    equations.push(coefficients);
  };
  const height = value.length;
  if (options.rowTotals) {
    for (let i = 0; i < height; i++) {
      equation(
        Array.from({ length: columns }, (_, j) => ({ row: i, column: j })),
        { row: i, column: columns },
      );
    }
  }
  if (options.columnTotals) {
    const width = columns + (options.rowTotals ? 1 : 0);
    for (let j = 0; j < width; j++) {
      equation(
        Array.from({ length: rows }, (_, i) => ({ row: i, column: j })),
        { row: rows, column: j },
      );
    }
  }
  const base = rank(equations);
  return unknowns.filter((_, k) => {
    const unit = new Array<number>(unknowns.length).fill(0);
    unit[k] = 1;
    return rank([...equations, unit]) === base;
  });
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c] as number) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const top = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as number[];
      if (i === r || Math.abs(row[c] as number) < 1e-12) continue;
      const f = (row[c] as number) / (top[c] as number);
      for (let j = c; j < width; j++) row[j] = (row[j] as number) - f * (top[j] as number);
    }
    r++;
  }
  return r;
}

const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 10, max: 500 }) },
);
const table = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
  );
const options = fc.record({
  threshold: fc.integer({ min: 2, max: 20 }),
  rowTotals: fc.boolean(),
  columnTotals: fc.boolean(),
});

describe('small-cell suppression', () => {
  it('hides every small cell and total, publishes the rest unchanged, and leaves no hidden cell recoverable', () => {
    fc.assert(
      fc.property(table, options, (cells, opts) => {
        const published = suppressSmallCells(cells, opts);
        const { value, truth } = augmented(cells, opts, published);
        value.forEach((row, i) => {
          row.forEach((v, j) => {
            const actual = truth[i]?.[j] as number;
            if (actual > 0 && actual < opts.threshold) expect(v).toBeNull();
            if (v !== null) expect(v).toBe(actual);
          });
        });
        expect(recoverable(cells, opts, published)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('hides the next-smallest cell of the row and column of a small one (a worked example)', () => {
    const published = suppressSmallCells(
      [
        [120, 3, 40],
        [200, 50, 60],
        [300, 70, 80],
      ],
      { threshold: 10, rowTotals: true, columnTotals: true },
    );
    expect(published.cells).toEqual([
      [120, null, null],
      [200, null, null],
      [300, 70, 80],
    ]);
    expect(published.rowTotals).toEqual([163, 310, 450]);
    expect(published.columnTotals).toEqual([620, 123, 180]);
    expect(published.grandTotal).toBe(923);
  });

  it('publishes zeros and a table with nothing small as it is', () => {
    const published = suppressSmallCells(
      [
        [0, 12],
        [15, 0],
      ],
      { threshold: 10, rowTotals: true, columnTotals: true },
    );
    expect(published).toMatchObject({
      cells: [
        [0, 12],
        [15, 0],
      ],
      rowTotals: [12, 15],
      columnTotals: [15, 12],
      suppressedCells: 0,
    });
  });

  it('hides a second cell of a column when only column totals are published', () => {
    const published = suppressSmallCells([[4], [30], [50]], { threshold: 10, rowTotals: false, columnTotals: true });
    expect(published.cells).toEqual([[null], [null], [50]]);
    expect(published.columnTotals).toEqual([84]);
  });

  it('refuses what is not a table of counts', () => {
    const opts = { threshold: 10, rowTotals: true, columnTotals: true };
    expect(() => suppressSmallCells([[1, 2], [3]], opts)).toThrow(RangeError);
    expect(() => suppressSmallCells([[-1]], opts)).toThrow(RangeError);
  });
});
