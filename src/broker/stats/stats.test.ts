import { describe, expect, it } from 'vitest';
import { BrokerStats } from './broker-stats.js';
import { LatencyReservoir } from './latency-reservoir.js';
import { humanReadableBytes, runtimeText } from './runtime-info.js';
import { TpsSampler, javaDouble } from './tps-sampler.js';

describe('broker statistics', () => {
  it('print sizes and run times as RocketMQ does', () => {
    expect(humanReadableBytes(0)).toBe('0 B');
    expect(humanReadableBytes(1023)).toBe('1023 B');
    expect(humanReadableBytes(1536)).toBe('1.5 KiB');
    expect(humanReadableBytes(252 * 1024 ** 3)).toBe('252.0 GiB');
    expect(runtimeText(51_000)).toBe('[ 0 days, 0 hours, 0 minutes, 51 seconds ]');
    expect(runtimeText(((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000)).toBe('[ 2 days, 3 hours, 4 minutes, 5 seconds ]');
  });

  it('rates over 10 s, 60 s and 600 s, the longer windows empty until sampled long enough', () => {
    let now = 0;
    let count = 0;
    const sampler = new TpsSampler(() => [count], () => now);
    expect(sampler.rates(0)).toBe('0.0  ');
    for (let second = 0; second <= 60; second++) {
      sampler.sample();
      now += 1000;
      count += 5;
    }
    expect(sampler.rates(0)).toBe('5.0 5.0 ');
    expect(javaDouble(0.5)).toBe('0.5');
  });

  it('percentiles of the latest put latencies', () => {
    const reservoir = new LatencyReservoir();
    expect(reservoir.percentile(99)).toBe(0);
    for (let i = 1; i <= 1000; i++) reservoir.record(i);
    expect(reservoir.percentile(99)).toBe(990);
    expect(reservoir.percentile(99.9)).toBe(999);
  });

  it('count puts, failures and sizes; yesterday and today morning roll at local midnight', () => {
    const start = new Date(2026, 0, 1, 23, 0, 0).getTime();
    let now = start;
    const stats = new BrokerStats(() => now);
    stats.recordPut(3, 300, 5);
    stats.recordPutFailure();
    expect(stats.snapshot()).toMatchObject({ msgPutTotalTodayNow: 3, putMessageFailedTimes: 1, putMessageSizeTotal: 300, putMessageEntireTimeMax: 5, putMessageTimesTotal: 1 });
    now = start + 2 * 3600_000;
    stats.recordPut(1, 100, 1);
    expect(stats.snapshot()).toMatchObject({ msgPutTotalTodayNow: 4, msgPutTotalTodayMorning: 3, msgPutTotalYesterdayMorning: 0 });
    now += 24 * 3600_000;
    expect(stats.snapshot()).toMatchObject({ msgPutTotalTodayMorning: 4, msgPutTotalYesterdayMorning: 3 });
  });
});
