import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('concurrency limiter', () => {
  it('runs at most `limit` tasks at once, the rest in order as slots free', async () => {
    const limiter = new ConcurrencyLimiter(2, 10);
    const started: number[] = [];
    const release: (() => void)[] = [];
    for (let n = 0; n < 4; n++) {
      limiter.tryRun(() => {
        started.push(n);
        return new Promise<void>((resolve) => release.push(resolve));
      });
    }
    expect([started, limiter.running, limiter.queued]).toEqual([[0, 1], 2, 2]);
    release[0]?.();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    release.slice(1).forEach((resolve) => resolve());
    await tick();
    release[3]?.();
    expect(await limiter.drain(100)).toBe(true);
  });

  it('refuses past maxQueued, reports failures, and drain gives up after its timeout', async () => {
    const errors: unknown[] = [];
    const limiter = new ConcurrencyLimiter(1, 1, (error) => errors.push(error));
    expect(limiter.tryRun(() => new Promise(() => undefined))).toBe(true);
    expect(limiter.tryRun(() => Promise.reject(new Error('x')))).toBe(true);
    expect(limiter.tryRun(() => Promise.resolve())).toBe(false);
    expect(await limiter.drain(20)).toBe(false);
    expect(limiter.clear()).toBe(1);
    const other = new ConcurrencyLimiter(1, 1, (error) => errors.push(error));
    other.tryRun(() => Promise.reject(new Error('y')));
    await tick();
    expect(errors).toHaveLength(1);
  });
});
