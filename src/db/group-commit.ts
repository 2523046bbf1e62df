/** One item's result in a batch: a refusal of one item does not fail the others. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<I, R> {
  /** Writes a batch in one transaction and answers each item, in order. Throws only if nothing was written. */
  write: (items: readonly I[]) => Promise<Settled<R>[]>;
  /** Items per transaction: enough to amortise a commit and the counter triggers, short enough to stay fast. */
  maxBatch?: number;
  /**
   * Transactions at once. Two: one batch reads and decides while the other writes and commits. More
   * would only wait: every batch of a busy municipality writes the same counter rows.
   */
  maxInFlight?: number;
}

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. When a municipality goes viral, many requests want to write the same counters at once;
 * written one transaction each they queue on those rows and pay the triggers once per request. Here the
 * requests that arrive while transactions are running wait for the next one and are written together in
 * set-based statements. An idle system answers a lone request at once: nothing waits for a timer.
 */
export class GroupCommit<I, R> {
  readonly #write: (items: readonly I[]) => Promise<Settled<R>[]>;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  #queue: Waiting<I, R>[] = [];
  #inFlight = 0;

  constructor(options: GroupCommitOptions<I, R>) {
    this.#write = options.write;
    this.#maxBatch = options.maxBatch ?? 64;
    this.#maxInFlight = options.maxInFlight ?? 2;
  }

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < this.#maxInFlight && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      this.#inFlight += 1;
      void this.#run(batch).finally(() => {
        this.#inFlight -= 1;
        this.#pump();
      });
    }
  }

  async #run(batch: Waiting<I, R>[]): Promise<void> {
    let outcomes: Settled<R>[];
    try {
      outcomes = await this.#write(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One item's unforeseen failure (a constraint, a lost connection) rolled the batch back: each item
      // is tried again on its own, so only the item that fails again sees the error.
      for (const w of batch) await this.#run([w]);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (!outcome) w.reject(new Error(`group commit: no outcome for item ${i} of ${batch.length}`));
      else if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }
}
