/**
 * ConsumerStats: the per-topic figures a consumer reports in ConsumerRunningInfo's
 * `statusTable` (Java `ConsumerStatsManager` → `ConsumeStatus`): pull latency and rate,
 * consume latency, success and failure rates, and failures in the last hour.
 *
 * Each figure is kept over one-minute windows: the rate or average of the last complete
 * minute, or of the current one while there is none yet. Bounded by the number of topics
 * a consumer subscribes (ClientLimits.maxSubscriptions).
 */
import { ClientLimits } from '../client-limits.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface ConsumeStatus {
  pullRT: number;
  pullTPS: number;
  consumeRT: number;
  consumeOKTPS: number;
  consumeFailedTPS: number;
  consumeFailedMsgs: number;
}

class Window {
  private start: number;
  private count = 0;
  private sum = 0;
  private last: { count: number; sum: number; ms: number } | null = null;

  constructor(now: number) {
    this.start = now;
  }

  add(now: number, count: number, sum: number): void {
    this.roll(now);
    this.count += count;
    this.sum += sum;
  }

  private roll(now: number): void {
    if (now - this.start < MINUTE_MS) return;
    this.last = now - this.start < 2 * MINUTE_MS ? { count: this.count, sum: this.sum, ms: now - this.start } : null;
    this.start = now;
    this.count = 0;
    this.sum = 0;
  }

  /** Events per second, and the average of the values added. */
  read(now: number): { perSecond: number; average: number } {
    this.roll(now);
    const source = this.last ?? { count: this.count, sum: this.sum, ms: Math.max(1, now - this.start) };
    return { perSecond: (source.count * 1000) / Math.max(1, source.ms), average: source.count > 0 ? source.sum / source.count : 0 };
  }
}

interface TopicStats {
  pull: Window;
  consume: Window;
  ok: Window;
  failed: Window;
  failedInHour: { start: number; count: number };
}

export class ConsumerStats {
  private readonly topics = new Map<string, TopicStats>();

  constructor(private readonly now: () => number = Date.now) {}

  private of(topic: string): TopicStats | undefined {
    let stats = this.topics.get(topic);
    if (stats === undefined && this.topics.size < ClientLimits.maxSubscriptions) {
      const now = this.now();
      stats = { pull: new Window(now), consume: new Window(now), ok: new Window(now), failed: new Window(now), failedInHour: { start: now, count: 0 } };
      this.topics.set(topic, stats);
    }
    return stats;
  }

  pulled(topic: string, messages: number, rtMs: number): void {
    this.of(topic)?.pull.add(this.now(), messages, rtMs * messages);
  }

  consumed(topic: string, ok: number, failed: number, rtMs: number): void {
    const stats = this.of(topic);
    if (!stats) return;
    const now = this.now();
    stats.consume.add(now, 1, rtMs);
    stats.ok.add(now, ok, 0);
    stats.failed.add(now, failed, 0);
    if (now - stats.failedInHour.start >= HOUR_MS) stats.failedInHour = { start: now, count: 0 };
    stats.failedInHour.count += failed;
  }

  status(topic: string): ConsumeStatus {
    const stats = this.topics.get(topic);
    if (!stats) return { pullRT: 0, pullTPS: 0, consumeRT: 0, consumeOKTPS: 0, consumeFailedTPS: 0, consumeFailedMsgs: 0 };
    const now = this.now();
    const pull = stats.pull.read(now);
    return {
      pullRT: pull.average,
      pullTPS: pull.perSecond,
      consumeRT: stats.consume.read(now).average,
      consumeOKTPS: stats.ok.read(now).perSecond,
      consumeFailedTPS: stats.failed.read(now).perSecond,
      consumeFailedMsgs: stats.failedInHour.count,
    };
  }
}
