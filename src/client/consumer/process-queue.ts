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
 *
 * `messages` is an OffsetTable, not a Map: every message is put in and taken out once, and
 * a long-lived Map that churns so is copied to a new backing table every few operations,
 * the old one (already in the old generation) keeping the messages it held alive until
 * the next full collection.
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

/**
 * Messages by queue offset, in ascending offset order: two parallel arrays (offsets and
 * messages) from `head` on, a taken-out message leaving a hole (undefined) until the head
 * passes it. Messages arrive in offset order, so a put is an append and a take is near the
 * head; anything else is found by binary search. Holes before the head are reclaimed in
 * place once they are more than half the arrays.
 */
class OffsetTable {
  private offsets: number[] = [];
  private slots: (MessageExt | undefined)[] = [];
  private head = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  has(offset: number): boolean {
    return this.get(offset) !== undefined;
  }

  get(offset: number): MessageExt | undefined {
    const index = this.indexOf(offset);
    return index < 0 ? undefined : this.slots[index];
  }

  /** Puts `msg` at `offset` (replacing any message there). */
  set(offset: number, msg: MessageExt): void {
    const length = this.offsets.length;
    if (this.head === length || offset > (this.offsets[length - 1] as number)) {
      this.offsets.push(offset);
      this.slots.push(msg);
      this.live++;
      return;
    }
    const at = this.lowerBound(offset);
    if (this.offsets[at] === offset) {
      if (this.slots[at] === undefined) this.live++;
      this.slots[at] = msg;
      return;
    }
    this.offsets.splice(at, 0, offset);
    this.slots.splice(at, 0, msg);
    this.live++;
  }

  delete(offset: number): boolean {
    return this.take(offset) !== undefined;
  }

  /** Takes out and answers the message at `offset`, if any. */
  take(offset: number): MessageExt | undefined {
    const index = this.indexOf(offset);
    const msg = index < 0 ? undefined : this.slots[index];
    if (msg === undefined) return undefined;
    this.slots[index] = undefined;
    this.live--;
    this.skipHoles();
    return msg;
  }

  firstKey(): number | undefined {
    return this.live === 0 ? undefined : this.offsets[this.head];
  }

  *values(): IterableIterator<MessageExt> {
    for (let index = this.head; index < this.slots.length; index++) {
      const msg = this.slots[index];
      if (msg !== undefined) yield msg;
    }
  }

  *entries(): IterableIterator<[number, MessageExt]> {
    for (let index = this.head; index < this.slots.length; index++) {
      const msg = this.slots[index];
      if (msg !== undefined) yield [this.offsets[index] as number, msg];
    }
  }

  clear(): void {
    this.offsets = [];
    this.slots = [];
    this.head = 0;
    this.live = 0;
  }

  /** The index of `offset`, or -1. */
  private indexOf(offset: number): number {
    const length = this.offsets.length;
    if (this.head === length || offset > (this.offsets[length - 1] as number)) return -1;
    if (this.offsets[this.head] === offset) return this.head;
    const at = this.lowerBound(offset);
    return this.offsets[at] === offset ? at : -1;
  }

  /** The first index from the head whose offset is not below `offset`. */
  private lowerBound(offset: number): number {
    let low = this.head;
    let high = this.offsets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.offsets[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private skipHoles(): void {
    const length = this.slots.length;
    while (this.head < length && this.slots[this.head] === undefined) this.head++;
    if (this.head === length) {
      this.offsets.length = 0;
      this.slots.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > length) {
      this.offsets.copyWithin(0, this.head);
      this.slots.copyWithin(0, this.head);
      this.offsets.length = length - this.head;
      this.slots.length = length - this.head;
      this.head = 0;
    }
  }
}

export class ProcessQueue {
  private readonly messages = new OffsetTable();
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
    for (const msg of msgs) {
      if (this.messages.has(msg.queueOffset)) continue;
      this.messages.set(msg.queueOffset, msg);
      this.lastKey = Math.max(this.lastKey, msg.queueOffset);
      this.queueOffsetMax = msg.queueOffset;
      this.count++;
      this.sizeBytes += msg.body.length;
    }
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

  /** The distance between the smallest and largest cached offsets (concurrently flow control). */
  maxSpan(): number {
    const first = this.firstKey();
    return first === undefined ? 0 : this.lastKey - first;
  }

  firstKey(): number | undefined {
    return this.messages.firstKey();
  }

  /** Forgets consumed messages; answers the offset to commit (-1 when nothing was cached). */
  removeMessage(msgs: readonly MessageExt[]): number {
    this.lastConsumeTimestamp = this.now();
    if (this.messages.size === 0) return -1;
    for (const msg of msgs) {
      const cached = this.messages.take(msg.queueOffset);
      if (cached === undefined) continue;
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
    for (const [offset, msg] of this.messages.entries()) {
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
    for (const msg of msgs) {
      this.consuming.delete(msg.queueOffset);
      if (!this.messages.has(msg.queueOffset)) this.messages.set(msg.queueOffset, msg);
    }
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
