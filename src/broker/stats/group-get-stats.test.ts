import { describe, expect, it } from 'vitest';
import { GroupGetStats } from './group-get-stats.js';

describe('GroupGetStats', () => {
  it('gives the rate of a (group, topic) over the last one to two minutes', () => {
    const clock = { now: 0 };
    const stats = new GroupGetStats(() => clock.now);
    stats.record('G', 'T', 100);
    clock.now = 10_000;
    stats.record('G', 'T', 100);
    expect(stats.tps('G', 'T')).toBe(20);
    expect(stats.tps('G', 'Other')).toBe(0);
    clock.now = 70_000;
    stats.record('G', 'T', 60);
    expect(stats.tps('G', 'T')).toBeCloseTo(260 / 70);
    clock.now = 130_000;
    expect(stats.tps('G', 'T')).toBeCloseTo(60 / 60);
    clock.now = 400_000;
    expect(stats.tps('G', 'T')).toBe(0);
  });

  it('keeps at most maxKeys pairs', () => {
    const stats = new GroupGetStats(() => 1000, 2);
    stats.record('A', 'T', 1);
    stats.record('B', 'T', 1);
    stats.record('C', 'T', 1);
    expect(stats.tps('C', 'T')).toBe(0);
    expect(stats.tps('A', 'T')).toBeGreaterThan(0);
  });
});
