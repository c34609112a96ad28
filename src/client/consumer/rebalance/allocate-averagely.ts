/**
 * Averagely (Java `AllocateMessageQueueAveragely`, name AVG): contiguous blocks. With q
 * queues and c consumers, the first q % c consumers take ⌈q/c⌉ queues each, the others
 * ⌊q/c⌋; when there are more consumers than queues, consumer i takes queue i and the rest
 * take none. Example, 8 queues and 3 consumers: [0,1,2] [3,4,5] [6,7].
 */
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import { checkAllocation, type AllocateMessageQueueStrategy } from './allocate-strategy.js';

export class AllocateMessageQueueAveragely implements AllocateMessageQueueStrategy {
  readonly name = 'AVG';

  allocate(_consumerGroup: string, currentCID: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocation(currentCID, mqAll, cidAll)) return [];
    const index = cidAll.indexOf(currentCID);
    const queues = mqAll.length;
    const consumers = cidAll.length;
    const mod = queues % consumers;
    const takesExtra = mod > 0 && index < mod;
    const averageSize = queues <= consumers ? 1 : takesExtra ? Math.floor(queues / consumers) + 1 : Math.floor(queues / consumers);
    const startIndex = takesExtra ? index * averageSize : index * averageSize + mod;
    const range = Math.min(averageSize, queues - startIndex);
    const result: MessageQueue[] = [];
    for (let i = 0; i < range; i++) result.push(mqAll[(startIndex + i) % queues] as MessageQueue);
    return result;
  }
}
