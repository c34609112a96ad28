/**
 * OffsetTable: the in-memory offsets of an offset store, keyed by MessageQueue. Bounded
 * (ClientLimits.maxOffsetQueues): a new queue beyond the bound is refused with a clear
 * error rather than silently growing the table. The key text of each MessageQueue object
 * seen is remembered (a WeakMap), since consumers update the same queue objects' offsets
 * after every consumed batch.
 */
import { messageQueueKey, type MessageQueue, type MessageQueueKey } from '../../../protocol/bodies/message-queue.js';
import { ClientLimits } from '../../client-limits.js';
import { MQClientError } from '../../errors.js';
import type { ReadOffsetType } from './offset-store.js';

export class OffsetTable {
  private readonly offsets = new Map<MessageQueueKey, { mq: MessageQueue; offset: number }>();
  private readonly keys = new WeakMap<MessageQueue, { key: MessageQueueKey; topic: string; brokerName: string; queueId: number }>();

  constructor(private readonly maxQueues: number = ClientLimits.maxOffsetQueues) {}

  private keyOf(mq: MessageQueue): MessageQueueKey {
    const known = this.keys.get(mq);
    if (known !== undefined && known.queueId === mq.queueId && known.topic === mq.topic && known.brokerName === mq.brokerName) return known.key;
    const key = messageQueueKey(mq);
    this.keys.set(mq, { key, topic: mq.topic, brokerName: mq.brokerName, queueId: mq.queueId });
    return key;
  }

  get(mq: MessageQueue): number | undefined {
    return this.offsets.get(this.keyOf(mq))?.offset;
  }

  /** Sets the offset; with `increaseOnly` a smaller offset than the stored one is ignored. */
  update(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    const key = this.keyOf(mq);
    const entry = this.offsets.get(key);
    if (entry) {
      if (!increaseOnly || offset > entry.offset) entry.offset = offset;
      return;
    }
    if (this.offsets.size >= this.maxQueues) {
      throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `the offset store already holds ${this.maxQueues} queues`);
    }
    this.offsets.set(key, { mq: { ...mq }, offset });
  }

  /**
   * RocketMQ's readOffset over this table: READ_FROM_MEMORY answers the table (−1 when it
   * has no offset), MEMORY_FIRST_THEN_STORE the table and else the store, READ_FROM_STORE
   * the store. `fromStore` answers the stored offset (remembered here), null for none (−1),
   * or a negative code of its own for a failure.
   */
  async read(mq: MessageQueue, type: ReadOffsetType, fromStore: () => Promise<number | null>): Promise<number> {
    if (type !== 'READ_FROM_STORE') {
      const inMemory = this.get(mq);
      if (inMemory !== undefined) return inMemory;
      if (type === 'READ_FROM_MEMORY') return -1;
    }
    const stored = await fromStore();
    if (stored === null) return -1;
    if (stored >= 0) this.update(mq, stored, false);
    return stored;
  }

  remove(mq: MessageQueue): void {
    this.offsets.delete(this.keyOf(mq));
  }

  entries(topic?: string): { key: MessageQueueKey; mq: MessageQueue; offset: number }[] {
    const all = [...this.offsets].map(([key, entry]) => ({ key, mq: entry.mq, offset: entry.offset }));
    return topic === undefined || topic.trim() === '' ? all : all.filter((entry) => entry.mq.topic === topic);
  }

  clone(topic?: string): Map<MessageQueueKey, number> {
    return new Map(this.entries(topic).map(({ key, offset }) => [key, offset]));
  }
}

