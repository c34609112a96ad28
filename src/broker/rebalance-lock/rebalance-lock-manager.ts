/**
 * RebalanceLockManager: the locks orderly consumers take on queues (LOCK_BATCH_MQ 41 /
 * UNLOCK_BATCH_MQ 42), Java's RebalanceLockManager.
 *
 *   table: group → MessageQueueKey → { queue, clientId, lastUpdateTimestamp }
 *
 * Semantics (4.9.8):
 *   - lock: each requested queue is granted when it is free, already held by the same
 *     clientId, or held by another client whose lock is older than `lockMaxLiveTimeMs`
 *     (60 s, `rocketmq.broker.rebalance.lockMaxLiveTime`; "older" = strictly more than).
 *     A grant (including a renewal) sets the entry's time to now. The answer is the set
 *     of requested queues the client now holds.
 *   - unlock: removes the requested queues held by that clientId; others are untouched.
 *
 * Bounds: the table holds at most `maxLocks` entries; a queue that would need a new entry
 * past it is not granted (the orderly client retries every 20 s). Java never forgets an
 * expired entry; here `removeExpired(now)` drops them (the broker may call it with its
 * housekeeping scan), and a new lock request also clears that group's expired entries
 * when the table is full. Time comes from the injected clock.
 */
import { messageQueueKey, type MessageQueue, type MessageQueueKey } from '../../protocol/bodies/message-queue.js';

/** Java REBALANCE_LOCK_MAX_LIVE_TIME default. */
export const DEFAULT_LOCK_MAX_LIVE_TIME_MS = 60_000;
/** Default bound on lock entries over all groups. */
export const DEFAULT_MAX_LOCKS = 200_000;

export interface LockEntry {
  readonly queue: MessageQueue;
  clientId: string;
  lastUpdateTimestamp: number;
}

export interface RebalanceLockManagerOptions {
  now?: () => number;
  lockMaxLiveTimeMs?: number;
  maxLocks?: number;
}

export class RebalanceLockManager {
  private readonly table = new Map<string, Map<MessageQueueKey, LockEntry>>();
  private readonly now: () => number;
  private readonly lockMaxLiveTimeMs: number;
  private readonly maxLocks: number;
  private entryCount = 0;

  constructor(options: RebalanceLockManagerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.lockMaxLiveTimeMs = options.lockMaxLiveTimeMs ?? DEFAULT_LOCK_MAX_LIVE_TIME_MS;
    this.maxLocks = options.maxLocks ?? DEFAULT_MAX_LOCKS;
  }

  /** Entries held now (expired ones included until removed). */
  get size(): number {
    return this.entryCount;
  }

  /** Locks what can be locked for `clientId`; returns the requested queues it now holds. */
  tryLockBatch(group: string, queues: readonly MessageQueue[], clientId: string): MessageQueue[] {
    const now = this.now();
    const locked: MessageQueue[] = [];
    const seen = new Set<MessageQueueKey>();
    for (const queue of queues) {
      const key = messageQueueKey(queue);
      if (seen.has(key)) continue;
      seen.add(key);
      if (this.tryLock(group, key, queue, clientId, now)) locked.push(queue);
    }
    return locked;
  }

  /** Releases the requested queues that `clientId` holds. */
  unlockBatch(group: string, queues: readonly MessageQueue[], clientId: string): void {
    const entries = this.table.get(group);
    if (!entries) return;
    for (const queue of queues) {
      const key = messageQueueKey(queue);
      if (entries.get(key)?.clientId !== clientId) continue;
      entries.delete(key);
      this.entryCount--;
    }
    if (entries.size === 0) this.table.delete(group);
  }

  /** True when `clientId` holds an unexpired lock on the queue. */
  isLocked(group: string, queue: MessageQueue, clientId: string): boolean {
    const entry = this.table.get(group)?.get(messageQueueKey(queue));
    return entry !== undefined && entry.clientId === clientId && !this.isExpired(entry, this.now());
  }

  /** The entry of a queue (who holds it, since when), expired or not. */
  holder(group: string, queue: MessageQueue): Readonly<LockEntry> | undefined {
    return this.table.get(group)?.get(messageQueueKey(queue));
  }

  /** Drops every expired entry; returns how many. */
  removeExpired(now: number = this.now()): number {
    let removed = 0;
    for (const group of [...this.table.keys()]) removed += this.removeExpiredOfGroup(group, now);
    return removed;
  }

  private tryLock(group: string, key: MessageQueueKey, queue: MessageQueue, clientId: string, now: number): boolean {
    const entry = this.table.get(group)?.get(key);
    if (entry) {
      if (entry.clientId !== clientId && !this.isExpired(entry, now)) return false;
      entry.clientId = clientId;
      entry.lastUpdateTimestamp = now;
      return true;
    }
    if (this.entryCount >= this.maxLocks) {
      this.removeExpiredOfGroup(group, now);
      if (this.entryCount >= this.maxLocks) return false;
    }
    let entries = this.table.get(group);
    if (!entries) {
      entries = new Map();
      this.table.set(group, entries);
    }
    entries.set(key, { queue: { ...queue }, clientId, lastUpdateTimestamp: now });
    this.entryCount++;
    return true;
  }

  private removeExpiredOfGroup(group: string, now: number): number {
    const entries = this.table.get(group);
    if (!entries) return 0;
    let removed = 0;
    for (const [key, entry] of entries) {
      if (!this.isExpired(entry, now)) continue;
      entries.delete(key);
      removed++;
    }
    this.entryCount -= removed;
    if (entries.size === 0) this.table.delete(group);
    return removed;
  }

  private isExpired(entry: LockEntry, now: number): boolean {
    return now - entry.lastUpdateTimestamp > this.lockMaxLiveTimeMs;
  }
}
