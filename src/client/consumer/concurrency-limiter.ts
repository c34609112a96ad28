/**
 * ConcurrencyLimiter: runs at most `limit` tasks at once and queues the rest, oldest
 * first — the push consumer's stand-in for Java's consume thread pool
 * (consumeThreadMin/consumeThreadMax threads over an unbounded queue).
 *
 * Bounded: at most `maxQueued` tasks wait; `tryRun` refuses beyond (Java's
 * RejectedExecutionException, after which the consumer resubmits later). The push
 * consumer's flow control keeps the queue far below that in practice (each queue stops
 * pulling past pullThresholdForQueue cached messages).
 *
 * `drain(timeoutMs)` waits until nothing runs or waits, or the time is up; `clear()` drops
 * the tasks still waiting (shutdown).
 */
export type Task = () => Promise<void>;

export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Task[] = [];
  private head = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private limit: number,
    private readonly maxQueued: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length - this.head;
  }

  get concurrency(): number {
    return this.limit;
  }

  setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    this.pump();
  }

  /** Queues `task`; false (and nothing queued) when the queue is full. */
  tryRun(task: Task): boolean {
    if (this.queued >= this.maxQueued) return false;
    this.waiting.push(task);
    this.pump();
    return true;
  }

  private pump(): void {
    while (this.active < this.limit && this.head < this.waiting.length) {
      const task = this.waiting[this.head] as Task;
      this.waiting[this.head++] = noop;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      this.active++;
      void this.execute(task);
    }
    if (this.active === 0 && this.queued === 0) this.notifyIdle();
  }

  private async execute(task: Task): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.onError(error);
    } finally {
      this.active--;
      this.pump();
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves true once nothing runs or waits, false if `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.active === 0 && this.queued === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== done);
        resolve(false);
      }, Math.max(0, timeoutMs));
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(done);
    });
  }

  /** Drops the waiting tasks; returns how many. */
  clear(): number {
    const dropped = this.queued;
    this.waiting.length = 0;
    this.head = 0;
    if (this.active === 0) this.notifyIdle();
    return dropped;
  }
}

const noop: Task = () => Promise.resolve();
