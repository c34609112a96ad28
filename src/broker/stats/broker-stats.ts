/**
 * BrokerStats: the counters GET_BROKER_RUNTIME_INFO reports (RocketMQ BrokerStats and
 * StoreStatsService, reduced to what this broker measures): messages put and got in
 * total, today and since yesterday morning, put failures, put sizes and the slowest put.
 *
 * "Morning" counters are snapshots taken at the first look after local midnight, as the
 * Java broker takes them once a day. Put latencies feed a bounded reservoir for the 99th
 * and 99.9th percentiles; `sample()` (each second) feeds the put and get rates.
 */
import { BrokerStatsItems } from './broker-stats-items.js';
import { GroupGetStats } from './group-get-stats.js';
import { LatencyReservoir } from './latency-reservoir.js';
import { TpsSampler } from './tps-sampler.js';

export class BrokerStats {
  readonly bootTimestamp: number;
  /** Messages pulled per consumer group and topic (consumeTps of GET_CONSUME_STATS). */
  readonly groupGets: GroupGetStats;
  /** RocketMQ's named stats items (TOPIC_PUT_NUMS, GROUP_GET_NUMS, …) of VIEW_BROKER_STATS_DATA. */
  readonly items: BrokerStatsItems;
  private putTotal = 0;
  private getTotal = 0;
  private putFailures = 0;
  private putBytes = 0;
  private putTimeMaxMs = 0;
  private putTimesTotal = 0;
  private day: number;
  private readonly latencies = new LatencyReservoir();
  private putYesterdayMorning = 0;
  private putTodayMorning = 0;
  private getYesterdayMorning = 0;
  private getTodayMorning = 0;

  private readonly rates: TpsSampler;

  constructor(
    private readonly now: () => number = Date.now,
    clusterName: () => string = () => 'DefaultCluster',
  ) {
    this.bootTimestamp = now();
    this.day = dayOf(this.bootTimestamp);
    this.rates = new TpsSampler(() => [this.putTotal, this.getTotal], now);
    this.groupGets = new GroupGetStats(now);
    this.items = new BrokerStatsItems(clusterName);
  }

  /** Takes one sample of the counters for the rates (call once a second). */
  sample(): void {
    this.rates.sample();
  }

  /** Messages put per second over 10 s, 60 s and 600 s (RocketMQ's `putTps` text). */
  putTps(): string {
    return this.rates.rates(0);
  }

  /** Messages got per second over 10 s, 60 s and 600 s (`getTotalTps`). */
  getTps(): string {
    return this.rates.rates(1);
  }

  /** A put of `messages` messages and `bytes` bytes that took `elapsedMs`. */
  recordPut(messages: number, bytes: number, elapsedMs: number): void {
    this.rollDay();
    this.putTotal += messages;
    this.putBytes += bytes;
    this.putTimesTotal++;
    if (elapsedMs > this.putTimeMaxMs) this.putTimeMaxMs = elapsedMs;
    this.latencies.record(elapsedMs);
  }

  recordPutFailure(): void {
    this.putFailures++;
  }

  recordGet(messages: number): void {
    this.rollDay();
    this.getTotal += messages;
  }

  snapshot(): BrokerStatsSnapshot {
    this.rollDay();
    return {
      msgPutTotalTodayNow: this.putTotal,
      msgPutTotalTodayMorning: this.putTodayMorning,
      msgPutTotalYesterdayMorning: this.putYesterdayMorning,
      msgGetTotalTodayNow: this.getTotal,
      msgGetTotalTodayMorning: this.getTodayMorning,
      msgGetTotalYesterdayMorning: this.getYesterdayMorning,
      putMessageFailedTimes: this.putFailures,
      putMessageTimesTotal: this.putTimesTotal,
      putMessageSizeTotal: this.putBytes,
      putMessageEntireTimeMax: this.putTimeMaxMs,
      putLatency99: this.latencies.percentile(99),
      putLatency999: this.latencies.percentile(99.9),
    };
  }

  private rollDay(): void {
    const today = dayOf(this.now());
    if (today === this.day) return;
    this.putYesterdayMorning = today - this.day === 1 ? this.putTodayMorning : this.putTotal;
    this.getYesterdayMorning = today - this.day === 1 ? this.getTodayMorning : this.getTotal;
    this.putTodayMorning = this.putTotal;
    this.getTodayMorning = this.getTotal;
    this.day = today;
  }
}

export interface BrokerStatsSnapshot {
  msgPutTotalTodayNow: number;
  msgPutTotalTodayMorning: number;
  msgPutTotalYesterdayMorning: number;
  msgGetTotalTodayNow: number;
  msgGetTotalTodayMorning: number;
  msgGetTotalYesterdayMorning: number;
  putMessageFailedTimes: number;
  putMessageTimesTotal: number;
  putMessageSizeTotal: number;
  putMessageEntireTimeMax: number;
  putLatency99: number;
  putLatency999: number;
}

/** Local calendar day number of a time (days since the epoch, in local time). */
function dayOf(timestamp: number): number {
  const date = new Date(timestamp);
  return Math.floor((timestamp - date.getTimezoneOffset() * 60_000) / 86_400_000);
}
