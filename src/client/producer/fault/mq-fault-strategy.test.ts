import { describe, expect, it } from 'vitest';
import type { TopicRouteData } from '../../../protocol/bodies/topic-route-data.js';
import { QueueIndex } from '../../route/queue-index.js';
import { TopicPublishInfo } from '../../route/topic-publish-info.js';
import { LatencyFaultTolerance } from './latency-fault-tolerance.js';
import { MQFaultStrategy } from './mq-fault-strategy.js';

const route: TopicRouteData = {
  queueDatas: [
    { brokerName: 'broker-a', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 },
    { brokerName: 'broker-b', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 },
  ],
  brokerDatas: [
    { cluster: 'C', brokerName: 'broker-a', brokerAddrs: new Map([[0, '10.0.0.1:10911']]) },
    { cluster: 'C', brokerName: 'broker-b', brokerAddrs: new Map([[0, '10.0.0.2:10911']]) },
  ],
  filterServerTable: new Map(),
};

const info = (start = -1): TopicPublishInfo => TopicPublishInfo.fromRoute('T', route, new QueueIndex(start));
const names = (queues: { brokerName: string; queueId: number }[]): string[] => queues.map((q) => `${q.brokerName}:${q.queueId}`);

function strategy(now: () => number, enabled = true): MQFaultStrategy {
  return new MQFaultStrategy({ sendLatencyFaultEnable: enabled, clock: now, tolerance: new LatencyFaultTolerance(now, 16, new QueueIndex(-1)) });
}

describe('fault strategy: not-available durations', () => {
  const durations = new MQFaultStrategy();
  it.each([
    [0, 0],
    [49, 0],
    [100, 0],
    [549, 0],
    [550, 30_000],
    [999, 30_000],
    [1000, 60_000],
    [2000, 120_000],
    [3000, 180_000],
    [14_999, 180_000],
    [15_000, 600_000],
    [30_000, 600_000],
  ])('a latency of %i ms makes a broker unavailable for %i ms', (latency, duration) => {
    expect(durations.computeNotAvailableDuration(latency)).toBe(duration);
  });
});

describe('fault strategy: queue selection', () => {
  it('without sendLatencyFaultEnable, goes round robin and records nothing', () => {
    const selector = strategy(() => 0, false);
    const publish = info();
    selector.updateFaultItem('broker-a', 5000, true);
    expect(names([1, 2, 3, 4, 5].map(() => selector.selectOneMessageQueue(publish)))).toEqual(['broker-a:0', 'broker-a:1', 'broker-b:0', 'broker-b:1', 'broker-a:0']);
    expect(selector.tolerance.snapshot()).toEqual([]);
  });

  it('without sendLatencyFaultEnable, a retry avoids the broker that just failed', () => {
    const selector = strategy(() => 0, false);
    const publish = info();
    expect(names([1, 2, 3].map(() => selector.selectOneMessageQueue(publish, 'broker-a')))).toEqual(['broker-b:0', 'broker-b:1', 'broker-b:0']);
  });

  it('with sendLatencyFaultEnable, a broker that was slow is skipped for a while, then used again', () => {
    let now = 0;
    const selector = strategy(() => now);
    const publish = info();
    selector.updateFaultItem('broker-a', 600, false);
    // Java's scan starts at the shared counter and walks a local copy: it lands on the first available queue after it.
    expect(names([1, 2, 3, 4].map(() => selector.selectOneMessageQueue(publish)))).toEqual(['broker-b:0', 'broker-b:0', 'broker-b:0', 'broker-b:1']);
    now = 30_000;
    expect(new Set(names([1, 2, 3, 4].map(() => selector.selectOneMessageQueue(publish))).map((n) => n.split(':')[0]))).toEqual(new Set(['broker-a', 'broker-b']));
  });

  it('with sendLatencyFaultEnable, a failed broker (isolation) is avoided for 600 s', () => {
    let now = 0;
    const selector = strategy(() => now);
    selector.updateFaultItem('broker-b', 12, true);
    expect(selector.tolerance.snapshot()).toEqual([{ name: 'broker-b', currentLatency: 12, startTimestamp: 600_000 }]);
    now = 599_999;
    expect(selector.tolerance.isAvailable('broker-b')).toBe(false);
    now = 600_000;
    expect(selector.tolerance.isAvailable('broker-b')).toBe(true);
  });

  it('a fast answer does not make a broker unavailable', () => {
    const selector = strategy(() => 0);
    selector.updateFaultItem('broker-a', 99, false);
    expect(selector.tolerance.isAvailable('broker-a')).toBe(true);
  });

  it('when every broker is avoided, it still sends: to a queue of the least bad broker', () => {
    const selector = strategy(() => 0);
    const publish = info();
    selector.updateFaultItem('broker-a', 5000, false);
    selector.updateFaultItem('broker-b', 700, false);
    const chosen = selector.selectOneMessageQueue(publish);
    expect(chosen.brokerName).toBe('broker-b');
    expect(chosen.queueId).toBeLessThan(2);
  });

  it('a least-bad broker that no longer has writable queues is forgotten and round robin takes over', () => {
    const selector = strategy(() => 0);
    const publish = info();
    selector.updateFaultItem('broker-a', 5000, false);
    selector.updateFaultItem('broker-b', 5000, false);
    selector.updateFaultItem('broker-gone', 1, false);
    selector.updateFaultItem('broker-gone-too', 1, false);
    const chosen = selector.selectOneMessageQueue(publish);
    expect(['broker-a', 'broker-b']).toContain(chosen.brokerName);
    expect(selector.tolerance.snapshot().map((item) => item.name)).not.toContain('broker-gone');
  });
});
