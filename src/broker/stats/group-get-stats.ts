/**
 * GroupGetStats: messages pulled per (consumer group, topic), for the `consumeTps` of
 * GET_CONSUME_STATS (Java BrokerStatsManager.tpsGroupGetNums: the rate over the last
 * minute). Each key keeps its running total and two marks (time, total): the start of the
 * current minute and of the one before; the rate is measured from the older mark, so it
 * covers between one and two minutes of pulls (less just after the first pull).
 *
 * Bound: at most `maxKeys` (group, topic) pairs; past it the counts of new pairs are not
 * kept (their rate reads 0).
 */
const WINDOW_MS = 60_000;
export const DEFAULT_MAX_GROUP_GET_KEYS = 100_000;

interface Counter {
  total: number;
  /** Start of the current minute. */
  markAt: number;
  markTotal: number;
  /** Start of the minute before (the first mark until there is one). */
  previousAt: number;
  previousTotal: number;
}

export class GroupGetStats {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = DEFAULT_MAX_GROUP_GET_KEYS,
  ) {}

  record(group: string, topic: string, messages: number): void {
    const key = `${topic}@${group}`;
    let counter = this.counters.get(key);
    if (!counter) {
      if (this.counters.size >= this.maxKeys) return;
      const now = this.now();
      counter = { total: 0, markAt: now, markTotal: 0, previousAt: now, previousTotal: 0 };
      this.counters.set(key, counter);
    }
    this.roll(counter);
    counter.total += messages;
  }

  /** Messages per second pulled by `group` from `topic` over the current window. */
  tps(group: string, topic: string): number {
    const counter = this.counters.get(`${topic}@${group}`);
    if (!counter) return 0;
    this.roll(counter);
    const seconds = Math.max(1, this.now() - counter.previousAt) / 1000;
    return (counter.total - counter.previousTotal) / seconds;
  }

  private roll(counter: Counter): void {
    const now = this.now();
    if (now - counter.markAt < WINDOW_MS) return;
    const stale = now - counter.markAt >= 2 * WINDOW_MS;
    counter.previousAt = stale ? now - WINDOW_MS : counter.markAt;
    counter.previousTotal = stale ? counter.total : counter.markTotal;
    counter.markAt = now;
    counter.markTotal = counter.total;
  }
}
