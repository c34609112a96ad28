/**
 * What a push consumer calls with the messages it pulled (Java `MessageListenerConcurrently`
 * and `MessageListenerOrderly`), told apart by their one method:
 *
 *   consumer.registerMessageListener({
 *     consumeConcurrently: async (msgs, context) => ConsumeConcurrentlyStatus.CONSUME_SUCCESS,   // or RECONSUME_LATER
 *   });
 *   consumer.registerMessageListener({
 *     consumeOrderly: (msgs, context) => 'SUCCESS',   // or 'SUSPEND_CURRENT_QUEUE_A_MOMENT'
 *   });
 *
 * A listener may answer a status or a promise of one. (TypeScript widens a string literal
 * returned from an async arrow function to `string`; return the constants, or annotate the
 * return type, there.) A listener that throws (or rejects)
 * or answers nothing counts as RECONSUME_LATER / SUSPEND_CURRENT_QUEUE_A_MOMENT; one that
 * has not answered after `consumeTimeout` minutes counts as failed too (its later answer is
 * ignored).
 *
 * Concurrently: `context.delayLevelWhenNextConsume` (0: the broker picks 3 + reconsume
 * times; > 0 that level; < 0 straight to the DLQ) says when a failed message comes back;
 * `context.ackIndex` (for CONSUME_SUCCESS of a batch) marks the last successful message,
 * the ones after it are sent back.
 *
 * Orderly: the queue's next batch waits for this one. `context.autoCommit` (true) commits
 * on SUCCESS; with false, COMMIT commits and ROLLBACK re-delivers the batch. A failure
 * suspends the queue for `context.suspendCurrentQueueTimeMillis` (-1: the consumer's
 * suspendCurrentQueueTimeMillis), then re-delivers the same batch.
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { MessageExt } from '../message/message-ext.js';

/** The answers of a concurrently listener, as constants (`return ConsumeConcurrentlyStatus.CONSUME_SUCCESS`). */
export const ConsumeConcurrentlyStatus = { CONSUME_SUCCESS: 'CONSUME_SUCCESS', RECONSUME_LATER: 'RECONSUME_LATER' } as const;
export type ConsumeConcurrentlyStatus = (typeof ConsumeConcurrentlyStatus)[keyof typeof ConsumeConcurrentlyStatus];

/** The answers of an orderly listener (COMMIT and ROLLBACK only matter with autoCommit false). */
export const ConsumeOrderlyStatus = {
  SUCCESS: 'SUCCESS',
  SUSPEND_CURRENT_QUEUE_A_MOMENT: 'SUSPEND_CURRENT_QUEUE_A_MOMENT',
  COMMIT: 'COMMIT',
  ROLLBACK: 'ROLLBACK',
} as const;
export type ConsumeOrderlyStatus = (typeof ConsumeOrderlyStatus)[keyof typeof ConsumeOrderlyStatus];

export interface ConsumeConcurrentlyContext {
  readonly messageQueue: MessageQueue;
  delayLevelWhenNextConsume: number;
  ackIndex: number;
}

export interface ConsumeOrderlyContext {
  readonly messageQueue: MessageQueue;
  autoCommit: boolean;
  suspendCurrentQueueTimeMillis: number;
}

/** A status or a promise of one (at run time, a listener answering nothing counts as failed). */
type Answer<S> = S | Promise<S>;

export interface MessageListenerConcurrently {
  consumeConcurrently(msgs: MessageExt[], context: ConsumeConcurrentlyContext): Answer<ConsumeConcurrentlyStatus>;
}

export interface MessageListenerOrderly {
  consumeOrderly(msgs: MessageExt[], context: ConsumeOrderlyContext): Answer<ConsumeOrderlyStatus>;
}

export type MessageListener = MessageListenerConcurrently | MessageListenerOrderly;

export function isOrderlyListener(listener: MessageListener): listener is MessageListenerOrderly {
  return typeof (listener as Partial<MessageListenerOrderly>).consumeOrderly === 'function';
}

/** Java Integer.MAX_VALUE: by default every message of a successful batch is acknowledged. */
export const ACK_ALL = 2147483647;

export function concurrentlyContext(messageQueue: MessageQueue): ConsumeConcurrentlyContext {
  return { messageQueue, delayLevelWhenNextConsume: 0, ackIndex: ACK_ALL };
}

export function orderlyContext(messageQueue: MessageQueue): ConsumeOrderlyContext {
  return { messageQueue, autoCommit: true, suspendCurrentQueueTimeMillis: -1 };
}
