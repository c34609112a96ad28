/**
 * TpsSampler: rates of growing counters over the last 10 s, 60 s and 600 s, as RocketMQ's
 * StoreStatsService prints them (`putTps`, `getTotalTps`, …): one sample of every counter
 * per `sample()` call (the broker calls it each second), at most 601 samples kept.
 *
 * `rates` gives the three windows as Java text joined by spaces; a window longer than the
 * samples taken so far is printed empty, as RocketMQ does (`"0.0  "` just after boot).
 */
const WINDOWS_SECONDS = [10, 60, 600] as const;
const MAX_SAMPLES = 601;

interface Sample {
  at: number;
  values: readonly number[];
}

export class TpsSampler {
  private readonly samples: Sample[] = [];

  constructor(
    private readonly read: () => readonly number[],
    private readonly now: () => number = Date.now,
  ) {}

  sample(): void {
    this.samples.push({ at: this.now(), values: [...this.read()] });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }

  /** The rates of counter `index` over 10 s, 60 s and 600 s, e.g. `12.5 10.1 ` (empty when not sampled long enough). */
  rates(index: number): string {
    return WINDOWS_SECONDS.map((window) => this.rate(index, window)).join(' ');
  }

  private rate(index: number, windowSeconds: number): string {
    const last = this.samples[this.samples.length - 1];
    if (!last) return windowSeconds === WINDOWS_SECONDS[0] ? '0.0' : '';
    const from = Math.max(0, this.samples.length - 1 - windowSeconds);
    const first = this.samples[from] as Sample;
    if (this.samples.length - 1 < windowSeconds && windowSeconds !== WINDOWS_SECONDS[0]) return '';
    const seconds = (last.at - first.at) / 1000;
    if (seconds <= 0) return '0.0';
    return javaDouble(((last.values[index] ?? 0) - (first.values[index] ?? 0)) / seconds);
  }
}

/** A double as Java's Double.toString writes ordinary values (a fraction always present). */
export function javaDouble(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
