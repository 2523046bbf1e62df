import { describe, expect, it } from 'vitest';
import { GroupCommit, type Settled } from './group-commit.ts';

/** A writer whose batches finish when the test says so, recording what each batch held. */
function controlledWriter(answer: (item: number) => Settled<string> = (i) => ({ ok: true, value: `#${i}` })) {
  const batches: number[][] = [];
  const finishers: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const write = (items: readonly number[]) => {
    batches.push([...items]);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    return new Promise<Settled<string>[]>((resolve, reject) => {
      finishers.push(() => {
        running -= 1;
        if (items.includes(-1)) reject(new Error('constraint'));
        else resolve(items.map(answer));
      });
    });
  };
  const finishAll = async () => {
    while (finishers.length > 0) {
      for (const finish of finishers.splice(0)) finish();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { write, batches, finishAll, mostAtOnce: () => mostAtOnce };
}

describe('GroupCommit', () => {
  it('writes a lone item at once, and what arrives meanwhile together in the next batch', async () => {
    const w = controlledWriter();
    const group = new GroupCommit({ write: w.write, maxInFlight: 1 });
    const first = group.submit(1);
    expect(w.batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((i) => group.submit(i));
    expect(w.batches).toEqual([[1]]);
    await w.finishAll();
    expect(await first).toBe('#1');
    expect(await Promise.all(rest)).toEqual(['#2', '#3', '#4']);
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('runs at most maxInFlight batches at once, each at most maxBatch items', async () => {
    const w = controlledWriter();
    const group = new GroupCommit({ write: w.write, maxInFlight: 2, maxBatch: 3 });
    const all = Array.from({ length: 10 }, (_, i) => group.submit(i));
    await w.finishAll();
    expect(await Promise.all(all)).toEqual(all.map((_, i) => `#${i}`));
    expect(w.mostAtOnce()).toBe(2);
    expect(w.batches).toEqual([[0], [1], [2, 3, 4], [5, 6, 7], [8, 9]]);
  });

  it('answers a refused item with its own error and the others with their values', async () => {
    const w = controlledWriter((i) =>
      i === 2 ? { ok: false, error: new Error('refused 2') } : { ok: true, value: `#${i}` },
    );
    const group = new GroupCommit({ write: w.write, maxInFlight: 1 });
    const results = Promise.allSettled([1, 2, 3].map((i) => group.submit(i)));
    await w.finishAll();
    expect((await results).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      '#1',
      'refused 2',
      '#3',
    ]);
  });

  it('retries each item of a failed batch on its own, so only the failing one sees the error', async () => {
    const w = controlledWriter();
    const group = new GroupCommit({ write: w.write, maxInFlight: 1 });
    const blocker = group.submit(0);
    const results = Promise.allSettled([5, -1, 6].map((i) => group.submit(i)));
    await w.finishAll();
    await blocker;
    expect((await results).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      '#5',
      'constraint',
      '#6',
    ]);
    expect(w.batches).toEqual([[0], [5, -1, 6], [5], [-1], [6]]);
  });
});
