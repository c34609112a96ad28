import { describe, expect, it } from 'vitest';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { computePullFromWhere, formatConsumeTimestamp, parseConsumeTimestamp } from './consume-from-where.js';
import type { OffsetStore } from './offset-store/offset-store.js';

const topicQueue: MessageQueue = { topic: 'T', brokerName: 'b', queueId: 0 };
const retryQueue: MessageQueue = { topic: '%RETRY%G', brokerName: 'b', queueId: 0 };
const store = (stored: number): OffsetStore => ({ readOffset: async () => stored }) as unknown as OffsetStore;
const lookups = { maxOffset: async () => 99, searchOffset: async (_mq: MessageQueue, time: number) => (time > 0 ? 42 : -1) };
const at = (consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET' | 'CONSUME_FROM_FIRST_OFFSET' | 'CONSUME_FROM_TIMESTAMP') => ({ consumeFromWhere, consumeTimestamp: '20240102030405' });

describe('where a queue starts', () => {
  it('a stored offset wins', async () => {
    expect(await computePullFromWhere(topicQueue, at('CONSUME_FROM_FIRST_OFFSET'), store(7), lookups)).toBe(7);
  });

  it('none stored: LAST → max (retry topic 0), FIRST → 0, TIMESTAMP → searched (retry topic max)', async () => {
    expect(await computePullFromWhere(topicQueue, at('CONSUME_FROM_LAST_OFFSET'), store(-1), lookups)).toBe(99);
    expect(await computePullFromWhere(retryQueue, at('CONSUME_FROM_LAST_OFFSET'), store(-1), lookups)).toBe(0);
    expect(await computePullFromWhere(topicQueue, at('CONSUME_FROM_FIRST_OFFSET'), store(-1), lookups)).toBe(0);
    expect(await computePullFromWhere(topicQueue, at('CONSUME_FROM_TIMESTAMP'), store(-1), lookups)).toBe(42);
    expect(await computePullFromWhere(retryQueue, at('CONSUME_FROM_TIMESTAMP'), store(-1), lookups)).toBe(99);
  });

  it('the store could not be asked (-2): skip the queue (-1)', async () => {
    expect(await computePullFromWhere(topicQueue, at('CONSUME_FROM_FIRST_OFFSET'), store(-2), lookups)).toBe(-1);
  });

  it('consumeTimestamp is yyyyMMddHHmmss in local time; anything else is refused', () => {
    const time = new Date(2024, 0, 2, 3, 4, 5).getTime();
    expect(parseConsumeTimestamp('20240102030405')).toBe(time);
    expect(formatConsumeTimestamp(time)).toBe('20240102030405');
    for (const bad of ['2024010203040', '20241302030405', 'x']) expect(() => parseConsumeTimestamp(bad)).toThrow(/consumeTimestamp is invalid/);
  });
});
