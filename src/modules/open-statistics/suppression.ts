// Small-cell suppression for the open statistics (issue 7 §6): a village of 300 people must not be
// de-anonymised by a table of counts. Pure: no database, no HTTP.
//
// Primary suppression hides every count from 1 to threshold − 1, margins included. Zero is published: it
// says that nobody is in a group, which discloses nothing about a person.
//
// Secondary (complementary) suppression: the true row and column totals are published (unless they are
// small themselves), so a hidden cell must not follow from them. A table with margins is a set of linear
// equations (each row: cells = row total; each column: cells = column total). Read the hidden cells as the
// edges of a graph whose nodes are those equations; a hidden value is fixed by the published ones exactly
// when its edge is a bridge of that graph (it lies on no cycle of hidden cells). So we hide more cells,
// the smallest first, until the graph has no bridge: first in any row or column that has exactly one hidden
// cell, then across the bridges that remain. `suppression.test.ts` checks the result by linear algebra on
// random tables, not by this reasoning.

export interface SuppressionOptions {
  /** Counts from 1 to threshold − 1 are hidden. */
  threshold: number;
  /** The table publishes a total per row (its cells are additive across the columns). */
  rowTotals: boolean;
  /** The table publishes a total per column (its cells are additive down the rows). */
  columnTotals: boolean;
}

export interface SuppressedTable {
  /** null = suppressed. */
  cells: (number | null)[][];
  rowTotals: (number | null)[] | null;
  columnTotals: (number | null)[] | null;
  /** Present when the table has both margins. */
  grandTotal: number | null | undefined;
  suppressedCells: number;
}

interface Edge {
  row: number;
  column: number;
  from: number;
  to: number;
  value: number;
}

/** Hides small cells and the complements that keep them from being recovered from the margins. */
export function suppressSmallCells(
  cells: readonly (readonly number[])[],
  options: SuppressionOptions,
): SuppressedTable {
  const rows = cells.length;
  const columns = rows === 0 ? 0 : (cells[0]?.length ?? 0);
  for (const row of cells) {
    if (row.length !== columns) throw new RangeError('every row of a table has the same number of cells');
    for (const value of row) {
      if (!Number.isInteger(value) || value < 0) throw new RangeError('cells are counts: integers ≥ 0');
    }
  }
  const grid = augment(cells, columns, options);
  const edges = edgesOf(grid, options);
  const hidden = new Set<number>();
  edges.forEach((edge, id) => {
    if (edge.value > 0 && edge.value < options.threshold) hidden.add(id);
  });
  if (hidden.size > 0) protect(edges, hidden);
  return publish(grid, edges, hidden, rows, columns, options);
}

/** The table with its margins as an extra row and column: (rows [+1]) × (columns [+1]); null = no such cell. */
function augment(cells: readonly (readonly number[])[], columns: number, options: SuppressionOptions) {
  const grid: (number | null)[][] = cells.map((row) => [...row]);
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  if (options.rowTotals) {
    cells.forEach((row, i) => {
      grid[i]?.push(sum(row));
    });
  }
  if (options.columnTotals) {
    const totals = Array.from({ length: columns }, (_, j) => sum(cells.map((row) => row[j] ?? 0)));
    if (options.rowTotals) totals.push(sum(cells.flat()));
    grid.push(totals);
  }
  return grid;
}

/** Every cell of the augmented table as an edge between its row's equation and its column's. */
function edgesOf(grid: (number | null)[][], options: SuppressionOptions): Edge[] {
  const height = grid.length;
  // A side without totals imposes no equation: all its nodes are one free node, so cells of one column
  // (with rowTotals off) are parallel edges, each on a cycle with any other hidden cell of that column.
  const free = height + (grid[0]?.length ?? 0);
  const edges: Edge[] = [];
  grid.forEach((row, i) => {
    row.forEach((value, j) => {
      if (value === null) return;
      edges.push({
        row: i,
        column: j,
        from: options.rowTotals ? i : free,
        to: options.columnTotals ? height + j : free,
        value,
      });
    });
  });
  return edges;
}

/** Cheaper complements first: the smallest positive count; a zero only when nothing else is left. */
function cost(edge: Edge): number {
  return edge.value > 0 ? edge.value : Number.MAX_SAFE_INTEGER;
}

function cheapest(edges: Edge[], hidden: Set<number>, accept: (edge: Edge) => boolean): number | undefined {
  let best: number | undefined;
  edges.forEach((edge, id) => {
    if (hidden.has(id) || !accept(edge)) return;
    if (best === undefined || cost(edge) < cost(edges[best] as Edge)) best = id;
  });
  return best;
}

function protect(edges: Edge[], hidden: Set<number>): void {
  for (;;) {
    hideBesideLoneCells(edges, hidden);
    const bridge = findBridges(edges, hidden)[0];
    if (bridge === undefined) return;
    const edge = edges[bridge] as Edge;
    const sideA = componentOf(edge.from, edges, hidden, bridge);
    const sideB = componentOf(edge.to, edges, hidden, bridge);
    const across = cheapest(
      edges,
      hidden,
      (e) => (sideA.has(e.from) && sideB.has(e.to)) || (sideB.has(e.from) && sideA.has(e.to)),
    );
    const next = across ?? cheapest(edges, hidden, (e) => e.from === edge.from || e.to === edge.to);
    if (next === undefined) return;
    hidden.add(next);
  }
}

/** The rule of thumb of every statistics office: no row or column with exactly one hidden cell. */
function hideBesideLoneCells(edges: Edge[], hidden: Set<number>): void {
  for (let changed = true; changed; ) {
    changed = false;
    const degree = new Map<number, number>();
    for (const id of hidden) {
      const edge = edges[id] as Edge;
      if (edge.from === edge.to) continue;
      degree.set(edge.from, (degree.get(edge.from) ?? 0) + 1);
      degree.set(edge.to, (degree.get(edge.to) ?? 0) + 1);
    }
    for (const [node, count] of degree) {
      if (count !== 1) continue;
      const next = cheapest(edges, hidden, (e) => e.from !== e.to && (e.from === node || e.to === node));
      if (next !== undefined) {
        hidden.add(next);
        changed = true;
        break;
      }
    }
  }
}

/** Bridges of the multigraph of hidden cells (Tarjan), by edge id so that parallel edges are no bridge. */
export function findBridges(edges: readonly Edge[], hidden: ReadonlySet<number>): number[] {
  const adjacent = new Map<number, { to: number; id: number }[]>();
  for (const id of hidden) {
    const edge = edges[id] as Edge;
    if (edge.from === edge.to) continue;
    adjacent.set(edge.from, [...(adjacent.get(edge.from) ?? []), { to: edge.to, id }]);
    adjacent.set(edge.to, [...(adjacent.get(edge.to) ?? []), { to: edge.from, id }]);
  }
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const bridges: number[] = [];
  let time = 0;
  const visit = (node: number, viaEdge: number) => {
    order.set(node, time);
    low.set(node, time);
    time += 1;
    for (const { to, id } of adjacent.get(node) ?? []) {
      if (id === viaEdge) continue;
      if (order.has(to)) {
        low.set(node, Math.min(low.get(node) as number, order.get(to) as number));
        continue;
      }
      visit(to, id);
      low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      if ((low.get(to) as number) > (order.get(node) as number)) bridges.push(id);
    }
  };
  for (const node of [...adjacent.keys()].sort((a, b) => a - b)) {
    if (!order.has(node)) visit(node, -1);
  }
  return bridges.sort((a, b) => a - b);
}

function componentOf(start: number, edges: readonly Edge[], hidden: ReadonlySet<number>, without: number) {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.pop() as number;
    for (const id of hidden) {
      if (id === without) continue;
      const edge = edges[id] as Edge;
      const other = edge.from === node ? edge.to : edge.to === node ? edge.from : undefined;
      if (other !== undefined && !seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

function publish(
  grid: (number | null)[][],
  edges: Edge[],
  hidden: Set<number>,
  rows: number,
  columns: number,
  options: SuppressionOptions,
): SuppressedTable {
  const shown = grid.map((row) => [...row]);
  for (const id of hidden) {
    const edge = edges[id] as Edge;
    (shown[edge.row] as (number | null)[])[edge.column] = null;
  }
  const totalsRow = options.columnTotals ? (shown[rows] as (number | null)[]) : null;
  return {
    cells: shown.slice(0, rows).map((row) => row.slice(0, columns)),
    rowTotals: options.rowTotals ? shown.slice(0, rows).map((row) => row[columns] ?? null) : null,
    columnTotals: totalsRow ? totalsRow.slice(0, columns) : null,
    grandTotal: options.rowTotals && totalsRow ? (totalsRow[columns] ?? null) : undefined,
    suppressedCells: hidden.size,
  };
}
