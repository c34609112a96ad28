/**
 * ConsumeRequestBuffer: pulled batches waiting for a lite pull consumer's `poll` (Java's
 * `consumeRequestCache`), oldest first. `take` answers the next batch of a queue still
 * held, waiting up to a timeout for one to arrive.
 *
 * Bounded by the pull tasks' flow control: a task pulls only while the buffer holds at
 * most pullThresholdForAll / pullBatchSize batches and each task pushes at most one batch
 * per pull, so the buffer never holds more than that plus one batch per queue.
 */
import { messageQueueKey, type MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { MessageExt } from '../message/message-ext.js';
import type { ProcessQueue } from './process-queue.js';

export interface BufferedBatch {
  mq: MessageQueue;
  pq: ProcessQueue;
  msgs: MessageExt[];
}

export class ConsumeRequestBuffer {
  private batches: BufferedBatch[] = [];
  private waiters: (() => void)[] = [];
  private closed = false;

  get size(): number {
    return this.batches.length;
  }

  push(batch: BufferedBatch): void {
    this.batches.push(batch);
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** The next batch of a queue not dropped, waiting up to `timeoutMs`; undefined when none came. */
  async take(timeoutMs: number): Promise<BufferedBatch | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.closed) return undefined;
      const batch = this.next();
      if (batch !== undefined) return batch;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
      });
    }
  }

  private next(): BufferedBatch | undefined {
    while (this.batches.length > 0) {
      const batch = this.batches.shift() as BufferedBatch;
      if (!batch.pq.dropped) return batch;
    }
    return undefined;
  }

  removeQueue(mq: MessageQueue): void {
    const key = messageQueueKey(mq);
    this.batches = this.batches.filter((batch) => messageQueueKey(batch.mq) !== key);
  }

  /** Drops every batch and answers every waiting and later `take` with undefined (shutdown). */
  close(): void {
    this.closed = true;
    this.batches = [];
    this.wake();
  }
}
