/**
 * Lookups of concurrent requests gathered into one query. A lookup made while no batch is in
 * flight is sent at once, alone (no timer: no added latency when the server is idle); lookups made
 * while a batch is in flight queue, and when it answers, all of them (up to `max`) go in the next
 * query. A queued lookup never joins a query already sent, nor shares another lookup's answer:
 * every lookup is answered by a query sent after it was made, so it sees every write committed
 * before it — the "zero lag" a session revoked or a plan written must have (see ARCHITECTURE.md).
 */
export class Coalescer<K, R> {
  private readonly queue: { key: K; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  /** Queries sent so far (tests check that lookups made together went in one). */
  batchesSent = 0;
  /**
   * Tests only: awaited after a batch's query has answered, before its lookups get their answers,
   * so that a test can hold a batch in flight deterministically (no sleeps).
   */
  afterQuery: (() => Promise<void>) | undefined;

  /** `run` answers the keys in their order (one answer per key); a rejection fails the whole batch. */
  constructor(
    private readonly run: (keys: K[]) => Promise<R[]>,
    private readonly max = 64,
    private readonly maxInFlight = 1,
  ) {}

  /** Lookups waiting for the batch in flight to answer. */
  get queued(): number {
    return this.queue.length;
  }

  lookup(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (this.inFlight < this.maxInFlight) this.sendNext();
    });
  }

  private sendNext(): void {
    const batch = this.queue.splice(0, this.max);
    if (batch.length === 0) return;
    this.inFlight += 1;
    this.batchesSent += 1;
    void this.send(batch);
  }

  private async send(batch: typeof this.queue): Promise<void> {
    try {
      const answers = await this.run(batch.map((b) => b.key));
      if (answers.length !== batch.length)
        throw new Error(`批量查询返回 ${answers.length} 个结果，应为 ${batch.length} 个`);
      if (this.afterQuery) await this.afterQuery();
      batch.forEach((b, i) => b.resolve(answers[i]!));
    } catch (err) {
      // Each lookup of a failed batch fails (its request gets the error), none is left hanging.
      for (const b of batch) b.reject(err);
    } finally {
      this.inFlight -= 1;
      this.sendNext();
    }
  }
}
