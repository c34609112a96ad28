import { describe, expect, it } from 'vitest';
import { BrokerStatsItems } from './broker-stats-items.js';
import { StatsItem, StatsItemSet } from './stats-item.js';

describe('StatsItem', () => {
  it('reports zeros before any sampling', () => {
    const item = new StatsItem();
    item.add(5, 1);
    expect(item.stats('minute')).toEqual({ sum: 0, tps: 0, avgpt: 0, times: 0 });
  });

  it('counts everything added before the first sampling against a zero snapshot one period back', () => {
    const item = new StatsItem();
    item.add(30, 3);
    item.sample('minute', 100_000);
    expect(item.stats('minute')).toEqual({ sum: 30, tps: 3, avgpt: 10, times: 3 });
    item.sample('hour', 100_000);
    expect(item.stats('hour')).toEqual({ sum: 30, tps: 0.05, avgpt: 10, times: 3 });
    item.sample('day', 100_000);
    expect(item.stats('day').sum).toBe(30);
  });

  it('keeps 7 minute snapshots, so the minute figures cover the last 60 s', () => {
    const item = new StatsItem();
    for (let i = 0; i < 10; i++) {
      item.add(i === 0 ? 100 : 6, 1);
      item.sample('minute', i * 10_000);
    }
    expect(item.stats('minute')).toEqual({ sum: 36, tps: 0.6, avgpt: 6, times: 6 });
  });
});

describe('StatsItemSet', () => {
  it('creates items on first add, up to its bound', () => {
    const set = new StatsItemSet(1);
    set.add('a', 1, 1);
    set.add('b', 1, 1);
    expect(set.get('a')).toBeDefined();
    expect(set.get('b')).toBeUndefined();
  });
});

describe('BrokerStatsItems', () => {
  it('keeps the topic, group and broker counters under RocketMQ names and keys', () => {
    const items = new BrokerStatsItems(() => 'DefaultCluster');
    items.recordPut('T', 3, 300);
    items.recordPut('T', 1, 100);
    items.recordGet('G', 'T', 4, 400);
    items.recordSendBack('G', 'T');
    items.sample('minute', 50_000);
    expect(items.getStatsItem('TOPIC_PUT_NUMS', 'T')?.stats('minute')).toMatchObject({ sum: 4, avgpt: 2, times: 2 });
    expect(items.getStatsItem('TOPIC_PUT_SIZE', 'T')?.stats('minute')).toMatchObject({ sum: 400, avgpt: 200 });
    expect(items.getStatsItem('BROKER_PUT_NUMS', 'DefaultCluster')?.stats('minute')).toMatchObject({ sum: 4, avgpt: 0 });
    expect(items.getStatsItem('GROUP_GET_NUMS', 'T@G')?.stats('minute')).toMatchObject({ sum: 4, tps: 0.4 });
    expect(items.getStatsItem('GROUP_GET_SIZE', 'T@G')?.stats('minute').sum).toBe(400);
    expect(items.getStatsItem('BROKER_GET_NUMS', 'DefaultCluster')?.stats('minute').sum).toBe(4);
    expect(items.getStatsItem('SNDBCK_PUT_NUMS', 'T@G')?.stats('minute').sum).toBe(1);
    expect(items.getStatsItem('TOPIC_PUT_NUMS', 'Other')).toBeUndefined();
    expect(items.getStatsItem('QUEUE_PUT_NUMS', 'T@0')).toBeUndefined();
  });
});
