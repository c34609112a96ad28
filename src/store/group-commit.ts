/**
 * GroupCommit: SYNC_FLUSH's wait for the disk. A put asks to wait until an fsync covers
 * the end of its records; one flush runs at a time and reaches at least the largest offset
 * asked for when it starts, so every put that arrives during a flush shares the next one
 * (RocketMQ's GroupCommitService, without a thread).
 *
 * Waiters are queued in the order of their offsets (puts append in log order), so a flush
 * answers a prefix of the queue. One timer, armed for the oldest waiter, answers waiters
 * still waiting after `timeoutMs` with false (the put then says FLUSH_DISK_TIMEOUT; a later
 * flush still makes the data durable). A failed flush answers the waiters it was for with
 * false; the next waiter starts a new one. Memory: one entry per waiting put.
 */

interface Waiter {
  readonly offset: number;
  readonly deadline: number;
  readonly answer: (flushed: boolean) => void;
}

export interface GroupCommitOptions {
  /** Flushes at least up to `offset`; resolves to the offset the log is now flushed to. */
  readonly flush: (offset: number) => Promise<number>;
  readonly timeoutMs: number;
  readonly onError: (error: unknown) => void;
}

export class GroupCommit {
  private waiters: Waiter[] = [];
  private head = 0;
  private flushing = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: GroupCommitOptions) {}

  /** Calls `answer(true)` once a flush covers `offset`, `answer(false)` after the timeout or a failed flush. */
  waitFor(offset: number, answer: (flushed: boolean) => void): void {
    this.waiters.push({ offset, deadline: Date.now() + this.options.timeoutMs, answer });
    this.armTimer();
    if (!this.flushing) void this.flushLoop();
  }

  /** Stops the timer (the store is shutting down; pending flushes still answer). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async flushLoop(): Promise<void> {
    this.flushing = true;
    try {
      while (this.head < this.waiters.length) {
        const target = (this.waiters[this.waiters.length - 1] as Waiter).offset;
        let flushed: number;
        try {
          flushed = await this.options.flush(target);
        } catch (error) {
          this.options.onError(error);
          this.answerUpTo(target, false);
          continue;
        }
        this.answerUpTo(flushed, true);
        if (flushed < target) this.answerUpTo(target, false);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Answers, oldest first, every waiter whose offset is at most `offset`. */
  private answerUpTo(offset: number, flushed: boolean): void {
    while (this.head < this.waiters.length) {
      const waiter = this.waiters[this.head] as Waiter;
      if (waiter.offset > offset) break;
      this.head++;
      waiter.answer(flushed);
    }
    this.compact();
  }

  private compact(): void {
    if (this.head === this.waiters.length) {
      this.waiters = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.waiters.length) {
      this.waiters = this.waiters.slice(this.head);
      this.head = 0;
    }
  }

  private armTimer(): void {
    const oldest = this.waiters[this.head];
    if (this.timer !== null || oldest === undefined) return;
    this.timer = setTimeout(() => this.expire(), Math.max(0, oldest.deadline - Date.now()));
    this.timer.unref();
  }

  /** Answers false to the waiters past their deadline (the oldest ones), then re-arms. */
  private expire(): void {
    this.timer = null;
    const now = Date.now();
    while (this.head < this.waiters.length) {
      const waiter = this.waiters[this.head] as Waiter;
      if (waiter.deadline > now) break;
      this.head++;
      waiter.answer(false);
    }
    this.compact();
    this.armTimer();
  }
}
