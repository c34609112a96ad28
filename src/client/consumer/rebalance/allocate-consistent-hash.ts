/**
 * Consistent hash (Java `AllocateMessageQueueConsistentHash`, name CONSISTENT_HASH): the
 * consumer ids are placed on a hash ring (10 virtual nodes each by default) and each queue
 * goes to the consumer its text `MessageQueue [topic=…, brokerName=…, queueId=…]` hashes
 * to. Consumers joining or leaving move few queues.
 */
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import { MQClientError } from '../../errors.js';
import { checkAllocation, type AllocateMessageQueueStrategy } from './allocate-strategy.js';
import { ConsistentHashRouter, md5Hash, type HashFunction } from './consistent-hash-router.js';

/** Java's MessageQueue.toString, the key a queue is hashed by. */
export function messageQueueText(mq: MessageQueue): string {
  return `MessageQueue [topic=${mq.topic}, brokerName=${mq.brokerName}, queueId=${mq.queueId}]`;
}

export class AllocateMessageQueueConsistentHash implements AllocateMessageQueueStrategy {
  readonly name = 'CONSISTENT_HASH';

  constructor(
    private readonly virtualNodeCount = 10,
    private readonly hash: HashFunction = md5Hash,
  ) {
    if (!Number.isInteger(virtualNodeCount) || virtualNodeCount < 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `illegal virtualNodeCnt: ${virtualNodeCount}`);
  }

  allocate(_consumerGroup: string, currentCID: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocation(currentCID, mqAll, cidAll)) return [];
    const router = new ConsistentHashRouter(cidAll, this.virtualNodeCount, this.hash);
    return mqAll.filter((mq) => router.route(messageQueueText(mq)) === currentCID);
  }
}
