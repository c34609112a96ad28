/**
 * By machine room (Java `AllocateMessageQueueByMachineRoom`, name MACHINE_ROOM): only
 * queues of brokers named `<room>@<name>` whose room is one of `consumeridcs` are shared
 * out; consumer i takes the block [i·⌊q/c⌋, (i+1)·⌊q/c⌋) and, if i < q % c, also queue
 * i + ⌊q/c⌋·c.
 */
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import { checkAllocation, type AllocateMessageQueueStrategy } from './allocate-strategy.js';

export class AllocateMessageQueueByMachineRoom implements AllocateMessageQueueStrategy {
  readonly name = 'MACHINE_ROOM';
  private readonly consumeridcs: ReadonlySet<string>;

  constructor(consumeridcs: Iterable<string>) {
    this.consumeridcs = new Set(consumeridcs);
  }

  allocate(_consumerGroup: string, currentCID: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocation(currentCID, mqAll, cidAll)) return [];
    const currentIndex = cidAll.indexOf(currentCID);
    const inRooms = mqAll.filter((mq) => {
      const parts = mq.brokerName.split('@');
      return parts.length === 2 && this.consumeridcs.has(parts[0] as string);
    });
    const blockSize = Math.floor(inRooms.length / cidAll.length);
    const remainder = inRooms.length % cidAll.length;
    const result = inRooms.slice(blockSize * currentIndex, blockSize * currentIndex + blockSize);
    if (remainder > currentIndex) result.push(inRooms[currentIndex + blockSize * cidAll.length] as MessageQueue);
    return result;
  }
}
