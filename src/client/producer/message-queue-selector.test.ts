import { describe, expect, it } from 'vitest';
import { javaHashCode, selectMessageQueueByHash, selectMessageQueueByRandom } from './message-queue-selector.js';

const queues = Array.from({ length: 4 }, (_, queueId) => ({ topic: 'T', brokerName: 'broker-a', queueId }));
const message = { topic: 'T', body: 'x' };

describe('ordered-send queue selectors', () => {
  it('hash picks |hashCode(arg)| mod queue count, with Java hash codes', () => {
    expect(javaHashCode('order-1')).toBe(-1207111310);
    expect(javaHashCode(7)).toBe(7);
    expect(javaHashCode(-7)).toBe(-7);
    expect(javaHashCode(2 ** 40 + 5)).toBe(261);
    expect(javaHashCode(true)).toBe(1231);
    expect(selectMessageQueueByHash.select(queues, message, 'order-1')?.queueId).toBe(2);
    expect(selectMessageQueueByHash.select(queues, message, 6)?.queueId).toBe(2);
  });

  it('the same argument always lands in the same queue', () => {
    const picks = new Set([1, 2, 3].map(() => selectMessageQueueByHash.select(queues, message, 'order-42')?.queueId));
    expect(picks.size).toBe(1);
  });

  it('random picks one of the queues; no queue, no pick', () => {
    expect(queues).toContainEqual(selectMessageQueueByRandom.select(queues, message, undefined));
    expect(selectMessageQueueByHash.select([], message, 1)).toBeUndefined();
  });
});
