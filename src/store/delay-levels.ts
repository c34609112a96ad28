/**
 * The delay levels of scheduled messages, from the `messageDelayLevel` setting:
 * space-separated durations with a unit of s, m, h or d (RocketMQ's default is
 * `1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h`). Level n (1-based) is the
 * n-th duration; SCHEDULE_TOPIC_XXXX queue n-1 holds level n.
 *
 * Extension: a unit of `ms` (milliseconds, e.g. `100ms`) is accepted too, so that tests and
 * demos can use sub-second delays. Java brokers do not read it; keep the s/m/h/d units in a
 * broker.conf shared with them.
 */
import { RocketMQError } from '../common/errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export class DelayLevels {
  private readonly delaysMs: number[];

  constructor(setting: string) {
    this.delaysMs = setting
      .trim()
      .split(/\s+/)
      .map((item) => {
        const match = /^(\d+)(ms|s|m|h|d)$/.exec(item);
        if (!match) {
          throw new RocketMQError('STORE_CORRUPT', `messageDelayLevel item "${item}" is not a number followed by ms, s, m, h or d`);
        }
        return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
      });
  }

  get maxLevel(): number {
    return this.delaysMs.length;
  }

  /** Delay of a level, the level clamped to [1, maxLevel] as RocketMQ does. */
  delayMs(level: number): number {
    const clamped = Math.min(Math.max(level, 1), this.delaysMs.length);
    return this.delaysMs[clamped - 1] as number;
  }

  /** When a message stored at `storeTimestamp` with this level is due. */
  deliverTimestamp(level: number, storeTimestamp: number): number {
    return storeTimestamp + this.delayMs(level);
  }
}
