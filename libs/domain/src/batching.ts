/**
 * Two small schedulers for work that arrives in bursts (a crisis: many similar calls from one area, many deadlines
 * falling due together). No framework, no I/O: the callers give the work as functions.
 */

/**
 * Runs the work given for one key one after another, and work for different keys side by side. A key with nothing
 * pending is forgotten, so the map holds only the keys busy now.
 */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return mine;
  }

  /** Keys with work pending or running. */
  get busy(): number {
    return this.tails.size;
  }
}

export interface BatcherOptions {
  /** How long the first item of a batch waits for others (ms). */
  windowMs: number;
  /** A batch this large goes at once. */
  maxSize: number;
}

/**
 * Collects items for at most `windowMs` or until `maxSize` of them, then hands the batch to `flush`, which answers
 * one result per item, in order. An item's promise settles with its own result; a failed flush rejects every item of
 * that batch (the caller's retry then runs each again). Batches are flushed one at a time, in order, as a database
 * groups commits: items arriving while a batch is being flushed wait for it to end and then go together (up to
 * `maxSize`), so under load a batch grows with the work instead of the flushes queueing up behind each other.
 */
export class Batcher<T, R> {
  private pending: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly options: BatcherOptions,
  ) {
    if (!(options.maxSize >= 1) || !(options.windowMs >= 0)) throw new RangeError('a batch needs maxSize >= 1 and windowMs >= 0');
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.running) return; // the flush under way cuts the next batch when it ends
      if (this.pending.length >= this.options.maxSize) this.cut();
      else this.timer ??= setTimeout(() => this.cut(), this.options.windowMs);
    });
  }

  /** Items waiting for their batch. */
  get size(): number {
    return this.pending.length;
  }

  /** Sends what is waiting now, without the window; resolves when nothing waits and no batch is being flushed. */
  async drain(): Promise<void> {
    while (this.running || this.pending.length) {
      if (!this.running) this.cut();
      await this.running;
    }
  }

  private cut(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) return;
    const batch = this.pending.splice(0, this.options.maxSize);
    if (!batch.length) return;
    this.running = (async () => {
      try {
        const results = await this.flush(batch.map((b) => b.item));
        if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${results.length} results`);
        batch.forEach((b, i) => b.resolve(results[i]));
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    })();
    void this.running.then(() => {
      this.running = null;
      // what came meanwhile has waited a whole flush: it goes now
      if (this.pending.length) this.cut();
    });
  }
}
