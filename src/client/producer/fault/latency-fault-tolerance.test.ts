import { describe, expect, it } from 'vitest';
import { QueueIndex } from '../../route/queue-index.js';
import { LatencyFaultTolerance } from './latency-fault-tolerance.js';

function clockAt(start: number): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('latency fault tolerance', () => {
  it('a broker without a fault item is available', () => {
    expect(new LatencyFaultTolerance(() => 0).isAvailable('broker-a')).toBe(true);
  });

  it('a broker is unavailable until its not-available duration has passed, then available again', () => {
    const clock = clockAt(1000);
    const tolerance = new LatencyFaultTolerance(clock.now);
    tolerance.updateFaultItem('broker-a', 600, 30_000);
    expect(tolerance.isAvailable('broker-a')).toBe(false);
    clock.advance(29_999);
    expect(tolerance.isAvailable('broker-a')).toBe(false);
    clock.advance(1);
    expect(tolerance.isAvailable('broker-a')).toBe(true);
  });

  it('a later measurement replaces the earlier one', () => {
    const tolerance = new LatencyFaultTolerance(() => 0);
    tolerance.updateFaultItem('broker-a', 600, 30_000);
    tolerance.updateFaultItem('broker-a', 10, 0);
    expect(tolerance.isAvailable('broker-a')).toBe(true);
    expect(tolerance.snapshot()).toEqual([{ name: 'broker-a', currentLatency: 10, startTimestamp: 0 }]);
  });

  it('pickOneAtLeast names the only broker when there is one, and nothing when there is none', () => {
    const tolerance = new LatencyFaultTolerance(() => 0);
    expect(tolerance.pickOneAtLeast()).toBeUndefined();
    tolerance.updateFaultItem('broker-a', 5000, 60_000);
    expect(tolerance.pickOneAtLeast()).toBe('broker-a');
  });

  it('pickOneAtLeast picks round robin among the better half: available first, then lower latency, then sooner available', () => {
    const tolerance = new LatencyFaultTolerance(() => 0, 16, new QueueIndex(-1));
    tolerance.updateFaultItem('slowest', 9000, 600_000);
    tolerance.updateFaultItem('slow', 3000, 180_000);
    tolerance.updateFaultItem('recovered', 3000, 0);
    tolerance.updateFaultItem('fast', 100, 60_000);
    const picks = [1, 2, 3, 4].map(() => tolerance.pickOneAtLeast());
    expect(picks).toEqual(['recovered', 'fast', 'recovered', 'fast']);
  });

  it('remove forgets a broker', () => {
    const tolerance = new LatencyFaultTolerance(() => 0);
    tolerance.updateFaultItem('broker-a', 5000, 60_000);
    tolerance.remove('broker-a');
    expect(tolerance.isAvailable('broker-a')).toBe(true);
  });

  it('is bounded: past maxItems the item recorded longest ago is forgotten', () => {
    const tolerance = new LatencyFaultTolerance(() => 0, 2);
    tolerance.updateFaultItem('a', 1, 10);
    tolerance.updateFaultItem('b', 1, 10);
    tolerance.updateFaultItem('c', 1, 10);
    expect(tolerance.snapshot().map((item) => item.name)).toEqual(['b', 'c']);
  });
});
