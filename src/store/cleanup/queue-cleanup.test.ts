import { describe, expect, it } from 'vitest';
import { isExpiredQueue, isUnusedTopic } from './queue-cleanup.js';

describe('consume-queue clean-up rules', () => {
  it('a queue expires when its last message ends below the commit log start', () => {
    expect(isExpiredQueue('T', 100, 101)).toBe(true);
    expect(isExpiredQueue('T', 101, 101)).toBe(false);
    expect(isExpiredQueue('T', 500, 101)).toBe(false);
  });

  it('never expires a queue without message units, nor a schedule queue', () => {
    expect(isExpiredQueue('T', -1, 1_000)).toBe(false);
    expect(isExpiredQueue('SCHEDULE_TOPIC_XXXX', 5, 1_000)).toBe(false);
  });

  it('a topic is unused when the topic table lacks it, except the kept system topics and LMQ', () => {
    const inUse = new Set(['A']);
    expect(isUnusedTopic('A', inUse)).toBe(false);
    expect(isUnusedTopic('B', inUse)).toBe(true);
    expect(isUnusedTopic('%RETRY%G', inUse)).toBe(true);
    expect(isUnusedTopic('SCHEDULE_TOPIC_XXXX', inUse)).toBe(false);
    expect(isUnusedTopic('RMQ_SYS_TRANS_OP_HALF_TOPIC', inUse)).toBe(false);
    expect(isUnusedTopic('%LMQ%q1', inUse)).toBe(false);
  });
});
