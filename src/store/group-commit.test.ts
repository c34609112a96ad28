import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A log whose flushes are answered by the test: each flush waits for `finish`. */
function manualLog() {
  const flushes: { offset: number; finish: (flushed: number | Error) => void }[] = [];
  let flushed = 0;
  const flush = (offset: number) =>
    new Promise<number>((resolve, reject) => {
      flushes.push({
        offset,
        finish: (result) => {
          if (result instanceof Error) reject(result);
          else resolve((flushed = Math.max(flushed, result)));
        },
      });
    });
  return { flushes, flush };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function waitFor(group: GroupCommit, offset: number): Promise<boolean> {
  return new Promise((resolve) => group.waitFor(offset, resolve));
}

describe('GroupCommit', () => {
  it('answers every waiter a flush covers, and puts arriving during a flush share the next one', async () => {
    const log = manualLog();
    const errors: unknown[] = [];
    const group = new GroupCommit({ flush: log.flush, timeoutMs: 10_000, onError: (error) => errors.push(error) });
    const first = waitFor(group, 100);
    const during = [waitFor(group, 200), waitFor(group, 300)];
    expect(log.flushes.map((f) => f.offset)).toEqual([100]);
    log.flushes[0]?.finish(100);
    expect(await first).toBe(true);
    await tick();
    expect(log.flushes.map((f) => f.offset)).toEqual([100, 300]);
    log.flushes[1]?.finish(300);
    expect(await Promise.all(during)).toEqual([true, true]);
    expect(errors).toEqual([]);
    group.stop();
  });

  it('answers false to the waiters of a failed flush and goes on with the next', async () => {
    const log = manualLog();
    const errors: unknown[] = [];
    const group = new GroupCommit({ flush: log.flush, timeoutMs: 10_000, onError: (error) => errors.push(error) });
    const failed = waitFor(group, 100);
    log.flushes[0]?.finish(new Error('EIO'));
    expect(await failed).toBe(false);
    expect(errors).toHaveLength(1);
    const next = waitFor(group, 200);
    await tick();
    log.flushes[1]?.finish(200);
    expect(await next).toBe(true);
    group.stop();
  });

  it('answers false after the timeout while the flush is still running', async () => {
    const log = manualLog();
    const group = new GroupCommit({ flush: log.flush, timeoutMs: 20, onError: () => undefined });
    const slow = waitFor(group, 100);
    expect(await slow).toBe(false);
    log.flushes[0]?.finish(100);
    await tick();
    group.stop();
  });
});
