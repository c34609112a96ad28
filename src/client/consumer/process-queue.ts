/**
 * ProcessQueue: the messages of one queue that a consumer pulled and has not finished
 * (Java `ProcessQueue`), keyed by queue offset, in offset order.
 *
 * Invariants:
 * - `messages` iterates in ascending offset order; its first key is the smallest offset
 *   not yet consumed, so `removeMessage` answers the offset that may be committed: the
 *   smallest offset still cached, or (nothing left) one past the largest ever cached.
 * - `count` / `sizeBytes` are the cached messages and their body bytes (flow control).
 * - Orderly consumption moves a batch from `messages` into `consuming` (`takeMessages`);
 *   `commit` forgets it and answers the offset after it, `makeMessageToConsumeAgain` puts
 *   it back in front.
 * - Once `dropped`, the queue is no longer this consumer's: results are not committed and
 *   no pull or consume request for it runs again.
 * - `inFlight` counts the listener calls under way for this queue (shutdown and offset
 *   resets wait for them).
 *
 * Bounded by the push consumer's flow control (pullThresholdForQueue messages,
 * pullThresholdSizeForQueue MiB): no pull is sent while it is over either.
 */
import { PropertyKey } from '../../protocol/message/properties.js';
import type { MessageExt } from '../message/message-ext.js';

/** How long a queue may go without a pull before the rebalance replaces it (ms, Java pullMaxIdleTime). */
export const PULL_MAX_IDLE_TIME_MS = 120_000;

export interface ProcessQueueInfo {
  commitOffset: number;
  cachedMsgMinOffset: number;
  cachedMsgMaxOffset: number;
  cachedMsgCount: number;
  cachedMsgSizeInMiB: number;
  transactionMsgMinOffset: number;
  transactionMsgMaxOffset: number;
  transactionMsgCount: number;
  locked: boolean;
  tryUnlockTimes: number;
  lastLockTimestamp: number;
  droped: boolean;
  lastPullTimestamp: number;
  lastConsumeTimestamp: number;
}

export class ProcessQueue {
  private messages = new Map<number, MessageExt>();
  private readonly consuming = new Map<number, MessageExt>();
  private queueOffsetMax = 0;
  private lastKey = -1;
  count = 0;
  sizeBytes = 0;
  dropped = false;
  locked = false;
  lastLockTimestamp: number;
  lastPullTimestamp: number;
  lastConsumeTimestamp: number;
  /** Messages behind the broker's max offset when last pulled (Java msgAccCnt). */
  msgAccCnt = 0;
  tryUnlockTimes = 0;
  inFlight = 0;
  /** Orderly: a consume request for this queue is scheduled or running. */
  consumingOrderly = false;

  constructor(private readonly now: () => number = Date.now) {
    const time = now();
    this.lastLockTimestamp = time;
    this.lastPullTimestamp = time;
    this.lastConsumeTimestamp = time;
  }

  isLockExpired(lockMaxLiveTimeMs: number): boolean {
    return this.now() - this.lastLockTimestamp > lockMaxLiveTimeMs;
  }

  isPullExpired(pullMaxIdleTimeMs: number = PULL_MAX_IDLE_TIME_MS): boolean {
    return this.now() - this.lastPullTimestamp > pullMaxIdleTimeMs;
  }

  /** Caches pulled messages; answers whether an orderly consume request must be started. */
  putMessage(msgs: readonly MessageExt[]): boolean {
    let outOfOrder = false;
    for (const msg of msgs) {
      if (this.messages.has(msg.queueOffset)) continue;
      if (msg.queueOffset < this.lastKey) outOfOrder = true;
      this.messages.set(msg.queueOffset, msg);
      this.lastKey = Math.max(this.lastKey, msg.queueOffset);
      this.queueOffsetMax = msg.queueOffset;
      this.count++;
      this.sizeBytes += msg.body.length;
    }
    if (outOfOrder) this.sortMessages();
    const last = msgs[msgs.length - 1];
    const maxOffset = last?.properties[PropertyKey.MAX_OFFSET];
    if (last !== undefined && maxOffset !== undefined) {
      const behind = Number(maxOffset) - last.queueOffset;
      if (behind > 0) this.msgAccCnt = behind;
    }
    if (this.messages.size > 0 && !this.consumingOrderly) {
      this.consumingOrderly = true;
      return true;
    }
    return false;
  }

  private sortMessages(): void {
    this.messages = new Map([...this.messages].sort((a, b) => a[0] - b[0]));
  }

  /** The distance between the smallest and largest cached offsets (concurrently flow control). */
  maxSpan(): number {
    const first = this.firstKey();
    return first === undefined ? 0 : this.lastKey - first;
  }

  firstKey(): number | undefined {
    const first = this.messages.keys().next();
    return first.done ? undefined : first.value;
  }

  /** Forgets consumed messages; answers the offset to commit (-1 when nothing was cached). */
  removeMessage(msgs: readonly MessageExt[]): number {
    this.lastConsumeTimestamp = this.now();
    if (this.messages.size === 0) return -1;
    for (const msg of msgs) {
      const cached = this.messages.get(msg.queueOffset);
      if (cached === undefined) continue;
      this.messages.delete(msg.queueOffset);
      this.count--;
      this.sizeBytes -= cached.body.length;
    }
    if (this.count === 0) this.sizeBytes = 0;
    return this.firstKey() ?? this.queueOffsetMax + 1;
  }

  /** Orderly: takes up to `batchSize` messages from the front; clears `consumingOrderly` when none is left. */
  takeMessages(batchSize: number): MessageExt[] {
    this.lastConsumeTimestamp = this.now();
    const taken: MessageExt[] = [];
    for (const [offset, msg] of this.messages) {
      if (taken.length >= batchSize) break;
      taken.push(msg);
      this.consuming.set(offset, msg);
    }
    for (const msg of taken) this.messages.delete(msg.queueOffset);
    if (taken.length === 0) this.consumingOrderly = false;
    return taken;
  }

  /** Orderly: the batch taken is done; answers the offset after it (-1 when there was none). */
  commit(): number {
    let last = -1;
    for (const [offset, msg] of this.consuming) {
      last = Math.max(last, offset);
      this.count--;
      this.sizeBytes -= msg.body.length;
    }
    if (this.count === 0) this.sizeBytes = 0;
    this.consuming.clear();
    return last < 0 ? -1 : last + 1;
  }

  /** Orderly: the batch goes back in front, to be consumed again. */
  makeMessageToConsumeAgain(msgs: readonly MessageExt[]): void {
    for (const msg of msgs) this.consuming.delete(msg.queueOffset);
    this.messages = new Map([...msgs.map((msg): [number, MessageExt] => [msg.queueOffset, msg]), ...this.messages]);
    this.sortMessages();
  }

  /** Orderly, manual commit: every taken message goes back. */
  rollback(): void {
    this.makeMessageToConsumeAgain([...this.consuming.values()]);
  }

  hasTempMessage(): boolean {
    return this.messages.size > 0;
  }

  /** The cached messages, oldest first (consume timeout checks). */
  cached(): IterableIterator<MessageExt> {
    return this.messages.values();
  }

  clear(): void {
    this.messages.clear();
    this.consuming.clear();
    this.count = 0;
    this.sizeBytes = 0;
    this.queueOffsetMax = 0;
    this.lastKey = -1;
  }

  info(commitOffset: number): ProcessQueueInfo {
    const consumingKeys = [...this.consuming.keys()];
    return {
      commitOffset,
      cachedMsgMinOffset: this.firstKey() ?? 0,
      cachedMsgMaxOffset: this.messages.size > 0 ? this.lastKey : 0,
      cachedMsgCount: this.messages.size,
      cachedMsgSizeInMiB: Math.floor(this.sizeBytes / (1024 * 1024)),
      transactionMsgMinOffset: consumingKeys.length > 0 ? Math.min(...consumingKeys) : 0,
      transactionMsgMaxOffset: consumingKeys.length > 0 ? Math.max(...consumingKeys) : 0,
      transactionMsgCount: consumingKeys.length,
      locked: this.locked,
      tryUnlockTimes: this.tryUnlockTimes,
      lastLockTimestamp: this.lastLockTimestamp,
      droped: this.dropped,
      lastPullTimestamp: this.lastPullTimestamp,
      lastConsumeTimestamp: this.lastConsumeTimestamp,
    };
  }
}
