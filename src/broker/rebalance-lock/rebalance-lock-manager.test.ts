import { describe, expect, it } from 'vitest';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { RebalanceLockManager } from './rebalance-lock-manager.js';

const mq = (queueId: number, topic = 'TopicTest'): MessageQueue => ({ topic, brokerName: 'broker-a', queueId });

function manager(options: { maxLocks?: number } = {}): { locks: RebalanceLockManager; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  return { locks: new RebalanceLockManager({ now: () => clock.now, ...options }), clock };
}

describe('RebalanceLockManager', () => {
  it('grants free queues and answers the set now held', () => {
    const { locks } = manager();
    expect(locks.tryLockBatch('CG', [mq(0), mq(1)], 'c1')).toEqual([mq(0), mq(1)]);
    expect(locks.isLocked('CG', mq(0), 'c1')).toBe(true);
    expect(locks.size).toBe(2);
  });

  it('refuses queues another client holds, and grants them again to the holder (renewal)', () => {
    const { locks, clock } = manager();
    locks.tryLockBatch('CG', [mq(0)], 'c1');
    clock.now += 30_000;
    expect(locks.tryLockBatch('CG', [mq(0), mq(1)], 'c2')).toEqual([mq(1)]);
    expect(locks.tryLockBatch('CG', [mq(0)], 'c1')).toEqual([mq(0)]);
    expect(locks.holder('CG', mq(0))?.lastUpdateTimestamp).toBe(clock.now);
  });

  it('hands a lock to another client only after more than 60 s without renewal', () => {
    const { locks, clock } = manager();
    locks.tryLockBatch('CG', [mq(0)], 'c1');
    clock.now += 60_000;
    expect(locks.tryLockBatch('CG', [mq(0)], 'c2')).toEqual([]);
    clock.now += 1;
    expect(locks.isLocked('CG', mq(0), 'c1')).toBe(false);
    expect(locks.tryLockBatch('CG', [mq(0)], 'c2')).toEqual([mq(0)]);
    expect(locks.holder('CG', mq(0))?.clientId).toBe('c2');
  });

  it('keeps groups apart', () => {
    const { locks } = manager();
    locks.tryLockBatch('CG1', [mq(0)], 'c1');
    expect(locks.tryLockBatch('CG2', [mq(0)], 'c2')).toEqual([mq(0)]);
  });

  it('unlocks only the queues held by the asking client', () => {
    const { locks } = manager();
    locks.tryLockBatch('CG', [mq(0)], 'c1');
    locks.tryLockBatch('CG', [mq(1)], 'c2');
    locks.unlockBatch('CG', [mq(0), mq(1), mq(2)], 'c1');
    expect(locks.holder('CG', mq(0))).toBeUndefined();
    expect(locks.holder('CG', mq(1))?.clientId).toBe('c2');
    expect(locks.size).toBe(1);
    expect(locks.tryLockBatch('CG', [mq(0)], 'c3')).toEqual([mq(0)]);
  });

  it('counts a queue listed twice once', () => {
    const { locks } = manager();
    expect(locks.tryLockBatch('CG', [mq(0), mq(0)], 'c1')).toEqual([mq(0)]);
    expect(locks.size).toBe(1);
  });

  it('bounds the table: past maxLocks new queues are refused until expired entries go', () => {
    const { locks, clock } = manager({ maxLocks: 2 });
    expect(locks.tryLockBatch('CG', [mq(0), mq(1), mq(2)], 'c1')).toEqual([mq(0), mq(1)]);
    clock.now += 60_001;
    expect(locks.tryLockBatch('CG', [mq(2)], 'c1')).toEqual([mq(2)]);
    expect(locks.size).toBe(1);
  });

  it('removeExpired drops stale entries and empty groups', () => {
    const { locks, clock } = manager();
    locks.tryLockBatch('CG1', [mq(0), mq(1)], 'c1');
    clock.now += 50_000;
    locks.tryLockBatch('CG2', [mq(0)], 'c2');
    clock.now += 10_001;
    expect(locks.removeExpired()).toBe(2);
    expect(locks.size).toBe(1);
    expect(locks.holder('CG2', mq(0))?.clientId).toBe('c2');
  });
});
