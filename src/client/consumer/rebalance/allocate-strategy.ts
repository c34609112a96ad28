/**
 * AllocateMessageQueueStrategy: which of a group's queues this consumer takes, given every
 * queue and every consumer id of the group, both sorted the same way on every consumer
 * (Java `AllocateMessageQueueStrategy`). Each consumer computes its own share; the shares
 * of all consumers must cover every queue exactly once.
 *
 * `checkAllocation` is Java's common precondition: a current id, queues and ids are given,
 * or it throws; when the current id is not among the ids (it joined after the list was
 * read) the consumer takes nothing this round.
 */
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import { MQClientError } from '../../errors.js';

export interface AllocateMessageQueueStrategy {
  readonly name: string;
  allocate(consumerGroup: string, currentCID: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[];
}

/** Whether to allocate at all (false when currentCID is not in cidAll); throws on empty input. */
export function checkAllocation(currentCID: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): boolean {
  if (currentCID.length === 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'currentCID is empty');
  if (mqAll.length === 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'mqAll is null or mqAll empty');
  if (cidAll.length === 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'cidAll is null or cidAll empty');
  return cidAll.includes(currentCID);
}
