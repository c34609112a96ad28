/**
 * A lock that runs async critical sections one after another, in call order: the
 * consume queue's mutations (append, write-out, truncation, deletion) never interleave.
 * Memory: one pending promise per waiting caller, nothing else.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(section: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(section);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
