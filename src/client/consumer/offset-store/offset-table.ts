/**
 * OffsetTable: the in-memory offsets of an offset store, keyed by MessageQueue. Bounded
 * (ClientLimits.maxOffsetQueues): a new queue beyond the bound is refused with a clear
 * error rather than silently growing the table.
 */
import { messageQueueKey, type MessageQueue, type MessageQueueKey } from '../../../protocol/bodies/message-queue.js';
import { ClientLimits } from '../../client-limits.js';
import { MQClientError } from '../../errors.js';

export class OffsetTable {
  private readonly offsets = new Map<MessageQueueKey, { mq: MessageQueue; offset: number }>();

  constructor(private readonly maxQueues: number = ClientLimits.maxOffsetQueues) {}

  get(mq: MessageQueue): number | undefined {
    return this.offsets.get(messageQueueKey(mq))?.offset;
  }

  /** Sets the offset; with `increaseOnly` a smaller offset than the stored one is ignored. */
  update(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    const key = messageQueueKey(mq);
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

  remove(mq: MessageQueue): void {
    this.offsets.delete(messageQueueKey(mq));
  }

  entries(topic?: string): { key: MessageQueueKey; mq: MessageQueue; offset: number }[] {
    const all = [...this.offsets].map(([key, entry]) => ({ key, mq: entry.mq, offset: entry.offset }));
    return topic === undefined || topic.trim() === '' ? all : all.filter((entry) => entry.mq.topic === topic);
  }

  clone(topic?: string): Map<MessageQueueKey, number> {
    return new Map(this.entries(topic).map(({ key, offset }) => [key, offset]));
  }
}
