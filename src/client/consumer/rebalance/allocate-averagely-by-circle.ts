/**
 * Averagely by circle (Java `AllocateMessageQueueAveragelyByCircle`, name AVG_BY_CIRCLE):
 * queues dealt one by one like cards: consumer i takes queues i, i + c, i + 2c, …
 * Example, 8 queues and 3 consumers: [0,3,6] [1,4,7] [2,5].
 */
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import { checkAllocation, type AllocateMessageQueueStrategy } from './allocate-strategy.js';

export class AllocateMessageQueueAveragelyByCircle implements AllocateMessageQueueStrategy {
  readonly name = 'AVG_BY_CIRCLE';

  allocate(_consumerGroup: string, currentCID: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocation(currentCID, mqAll, cidAll)) return [];
    const index = cidAll.indexOf(currentCID);
    const result: MessageQueue[] = [];
    for (let i = index; i < mqAll.length; i += cidAll.length) result.push(mqAll[i] as MessageQueue);
    return result;
  }
}
