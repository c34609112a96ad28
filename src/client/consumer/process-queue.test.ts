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
