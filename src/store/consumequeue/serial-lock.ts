/**
 * A lock that runs async critical sections one after another, in call order: the
 * consume queue's mutations (append, write-out, truncation, deletion) never interleave.
 * `idle` tells a synchronous caller that no section is running or waiting, so that a
 * mutation done without awaiting (the consume queue's in-memory append) cannot interleave
 * with one either. Memory: one pending promise per waiting caller, nothing else.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** True when no section is running or waiting. */
  get idle(): boolean {
    return this.pending === 0;
  }

  run<T>(section: () => Promise<T> | T): Promise<T> {
    this.pending++;
    const result = this.tail.then(section).finally(() => {
      this.pending--;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
