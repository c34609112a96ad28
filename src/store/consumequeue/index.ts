/**
 * The consume queues of the store: RocketMQ 4.9.8's `consumequeue/<topic>/<queueId>/<20-digit
 * name>` files of 20-byte units (commit-log offset, size, tag code), one ConsumeQueue per
 * queue and a ConsumeQueueStore for all of them.
 */
export { ConsumeQueue, type ConsumeQueueOptions, type PutPositionResult } from './consume-queue.js';
export {
  ConsumeQueueStore,
  type ConsumeQueueLoadReport,
  type ConsumeQueueStoreOptions,
  type QueueLoadFailure,
} from './consume-queue-store.js';
export { ConsumeQueueLayout } from './cq-layout.js';
export { BLANK_UNIT_SIZE, CQ_STORE_UNIT_SIZE, isBlankUnit, type ConsumeQueueUnit } from './cq-unit.js';
