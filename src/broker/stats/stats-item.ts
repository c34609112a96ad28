/**
 * StatsItem and StatsItemSet: RocketMQ's rolling statistics of one counter (StatsItem,
 * StatsItemSet in rocketmq-common), which VIEW_BROKER_STATS_DATA reports.
 *
 * An item counts a value (messages, bytes, …) and how many times it was added. Three
 * windows keep snapshots (time, times, value) of those two totals, taken by the set's
 * sampling calls:
 *
 *   window   sampled every   snapshots kept   so it covers
 *   minute   10 s            7                the last minute
 *   hour     10 min          7                the last hour
 *   day      1 h             25               the last day
 *
 * The first sampling of a window also records a zero snapshot one period earlier, so an
 * item created between two samplings reports all its counts after the next one. A window's
 * figures come from its oldest and newest snapshots: sum = value difference, tps = sum per
 * second between them, avgpt = sum / times difference (0 when no adds). Before any
 * sampling everything is 0.
 *
 * Bound: a set holds at most `maxKeys` items; adds to new keys past it are not counted.
 */
export type StatsWindow = 'minute' | 'hour' | 'day';

const WINDOWS: Readonly<Record<StatsWindow, { periodMs: number; keep: number }>> = {
  minute: { periodMs: 10_000, keep: 7 },
  hour: { periodMs: 600_000, keep: 7 },
  day: { periodMs: 3_600_000, keep: 25 },
};

/** How often each window is sampled (the broker's timers use these). */
export function samplingPeriodMs(window: StatsWindow): number {
  return WINDOWS[window].periodMs;
}

export interface StatsSnapshot {
  sum: number;
  tps: number;
  avgpt: number;
  times: number;
}

interface CallSnapshot {
  readonly at: number;
  readonly times: number;
  readonly value: number;
}

export const DEFAULT_MAX_STATS_KEYS = 100_000;

export class StatsItem {
  private value = 0;
  private times = 0;
  private readonly snapshots: Record<StatsWindow, CallSnapshot[]> = { minute: [], hour: [], day: [] };

  add(value: number, times: number): void {
    this.value += value;
    this.times += times;
  }

  sample(window: StatsWindow, now: number): void {
    const list = this.snapshots[window];
    const { periodMs, keep } = WINDOWS[window];
    if (list.length === 0) list.push({ at: now - periodMs, times: 0, value: 0 });
    list.push({ at: now, times: this.times, value: this.value });
    if (list.length > keep) list.shift();
  }

  stats(window: StatsWindow): StatsSnapshot {
    const list = this.snapshots[window];
    const first = list[0];
    const last = list[list.length - 1];
    if (first === undefined || last === undefined) return { sum: 0, tps: 0, avgpt: 0, times: 0 };
    const sum = last.value - first.value;
    const elapsedMs = last.at - first.at;
    const times = last.times - first.times;
    return { sum, tps: elapsedMs > 0 ? (sum * 1000) / elapsedMs : 0, avgpt: times > 0 ? sum / times : 0, times };
  }
}

export class StatsItemSet {
  private readonly items = new Map<string, StatsItem>();

  constructor(private readonly maxKeys = DEFAULT_MAX_STATS_KEYS) {}

  add(key: string, value: number, times: number): void {
    this.getOrCreate(key)?.add(value, times);
  }

  get(key: string): StatsItem | undefined {
    return this.items.get(key);
  }

  /** The item of `key`, created when there is room; undefined past the bound. */
  getOrCreate(key: string): StatsItem | undefined {
    let item = this.items.get(key);
    if (item === undefined && this.items.size < this.maxKeys) {
      item = new StatsItem();
      this.items.set(key, item);
    }
    return item;
  }

  sample(window: StatsWindow, now: number): void {
    for (const item of this.items.values()) item.sample(window, now);
  }
}
