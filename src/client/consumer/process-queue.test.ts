import { describe, expect, it } from 'vitest';
import type { MessageExt } from '../message/message-ext.js';
import { ProcessQueue } from './process-queue.js';

function msg(queueOffset: number, bytes = 10, maxOffset?: number): MessageExt {
  return { queueOffset, body: Buffer.alloc(bytes), properties: maxOffset === undefined ? {} : { MAX_OFFSET: String(maxOffset) } } as unknown as MessageExt;
}

describe('process queue', () => {
  it('counts cached messages and bytes, and answers the offset to commit: the smallest unfinished, else one past the last', () => {
    const pq = new ProcessQueue();
    pq.putMessage([msg(5), msg(6), msg(7, 20, 100)]);
    expect([pq.count, pq.sizeBytes, pq.maxSpan(), pq.msgAccCnt]).toEqual([3, 40, 2, 93]);
    expect(pq.removeMessage([msg(6)])).toBe(5);
    expect(pq.removeMessage([msg(5)])).toBe(7);
    expect(pq.removeMessage([msg(7)])).toBe(8);
    expect([pq.count, pq.sizeBytes]).toEqual([0, 0]);
    expect(pq.removeMessage([msg(7)])).toBe(-1);
  });

  it('keeps messages in offset order whatever order they come and go in, over many pulls', () => {
    const pq = new ProcessQueue();
    pq.putMessage([msg(20), msg(22)]);
    pq.putMessage([msg(21), msg(10)]);
    expect([...pq.cached()].map((m) => m.queueOffset)).toEqual([10, 20, 21, 22]);
    expect(pq.removeMessage([msg(21)])).toBe(10);
    pq.putMessage([msg(21)]);
    expect(pq.removeMessage([msg(10), msg(20)])).toBe(21);
    expect([...pq.cached()].map((m) => m.queueOffset)).toEqual([21, 22]);
    expect(pq.removeMessage([msg(22)])).toBe(21);
    let next = 1000;
    const pending: number[] = [21];
    for (let pull = 0; pull < 200; pull++) {
      const offsets = Array.from({ length: 32 }, () => next++);
      pq.putMessage(offsets.map((offset) => msg(offset)));
      pending.push(...offsets);
      const done = pending.splice(0, pull % 2 === 0 ? 40 : 20).reverse();
      const expected = pending.length > 0 ? Math.min(...pending) : next;
      expect(pq.removeMessage(done.map((offset) => msg(offset)))).toBe(expected);
      expect(pq.firstKey()).toBe(pending.length > 0 ? expected : undefined);
      expect(pq.count).toBe(pending.length);
    }
    expect([...pq.cached()].map((m) => m.queueOffset)).toEqual(pending);
  });

  it('ignores a message cached twice', () => {
    const pq = new ProcessQueue();
    pq.putMessage([msg(1), msg(1)]);
    expect(pq.count).toBe(1);
  });

  it('orderly: take, commit, consume again in front, roll back', () => {
    const pq = new ProcessQueue();
    expect(pq.putMessage([msg(0), msg(1), msg(2)])).toBe(true);
    expect(pq.putMessage([msg(3)])).toBe(false);
    const batch = pq.takeMessages(2);
    expect(batch.map((m) => m.queueOffset)).toEqual([0, 1]);
    pq.makeMessageToConsumeAgain(batch);
    expect(pq.takeMessages(3).map((m) => m.queueOffset)).toEqual([0, 1, 2]);
    expect(pq.commit()).toBe(3);
    expect(pq.count).toBe(1);
    pq.takeMessages(1);
    pq.rollback();
    expect(pq.takeMessages(5).map((m) => m.queueOffset)).toEqual([3]);
    expect(pq.commit()).toBe(4);
    expect(pq.takeMessages(1)).toEqual([]);
    expect(pq.putMessage([msg(4)])).toBe(true);
  });

  it('lock and pull expiry follow the clock', () => {
    let now = 1000;
    const pq = new ProcessQueue(() => now);
    now += 30_001;
    expect(pq.isLockExpired(30_000)).toBe(true);
    expect(pq.isPullExpired(120_000)).toBe(false);
    now += 120_000;
    expect(pq.isPullExpired(120_000)).toBe(true);
  });
});
