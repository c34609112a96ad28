/**
 * OffsetStore: where a consumer keeps "the next offset to consume" of each of its queues
 * (Java `OffsetStore`). Two implementations: on the brokers for CLUSTERING consumers
 * (remote-broker-offset-store.ts) and in a local file for BROADCASTING ones
 * (local-file-offset-store.ts). Offsets live in memory and are persisted on demand (the
 * client instance persists every persistConsumerOffsetInterval and at shutdown).
 *
 * readOffset answers -1 when no offset is known (and -2 when the broker could not be
 * asked, as Java's remote store does).
 */
import type { MessageQueue, MessageQueueKey } from '../../../protocol/bodies/message-queue.js';

export type ReadOffsetType = 'READ_FROM_MEMORY' | 'READ_FROM_STORE' | 'MEMORY_FIRST_THEN_STORE';

export interface OffsetStore {
  load(): Promise<void>;
  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void;
  readOffset(mq: MessageQueue, type: ReadOffsetType): Promise<number>;
  persistAll(mqs: readonly MessageQueue[]): Promise<void>;
  persist(mq: MessageQueue): Promise<void>;
  removeOffset(mq: MessageQueue): void;
  /** The offsets in memory, of one topic or of all. */
  cloneOffsetTable(topic?: string): Map<MessageQueueKey, number>;
}
