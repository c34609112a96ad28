/**
 * Machine room nearby (Java `AllocateMachineRoomNearby`, name MACHINE_ROOM_NEARBY-<inner>):
 * queues are grouped by the machine room their broker is in and consumers by theirs. A
 * consumer shares out, with the inner strategy, the queues of its own room among the
 * consumers of that room, plus the queues of every room that has no consumer at all among
 * every consumer of the group.
 */
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import { MQClientError } from '../../errors.js';
import { checkAllocation, type AllocateMessageQueueStrategy } from './allocate-strategy.js';

export interface MachineRoomResolver {
  brokerDeployIn(mq: MessageQueue): string | undefined;
  consumerDeployIn(clientId: string): string | undefined;
}

export class AllocateMachineRoomNearby implements AllocateMessageQueueStrategy {
  readonly name: string;

  constructor(
    private readonly inner: AllocateMessageQueueStrategy,
    private readonly resolver: MachineRoomResolver,
  ) {
    this.name = `MACHINE_ROOM_NEARBY-${inner.name}`;
  }

  allocate(consumerGroup: string, currentCID: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocation(currentCID, mqAll, cidAll)) return [];
    const queuesByRoom = groupBy(mqAll, (mq) => required(this.resolver.brokerDeployIn(mq), `machine room is null for queue ${JSON.stringify(mq)}`));
    const consumersByRoom = groupBy(cidAll, (cid) => required(this.resolver.consumerDeployIn(cid), `machine room is null for consumer id ${cid}`));
    const result: MessageQueue[] = [];
    const currentRoom = this.resolver.consumerDeployIn(currentCID);
    const ownQueues = currentRoom === undefined ? undefined : queuesByRoom.get(currentRoom);
    if (currentRoom !== undefined) queuesByRoom.delete(currentRoom);
    const ownConsumers = currentRoom === undefined ? undefined : consumersByRoom.get(currentRoom);
    if (ownQueues !== undefined && ownQueues.length > 0 && ownConsumers !== undefined) {
      result.push(...this.inner.allocate(consumerGroup, currentCID, ownQueues, ownConsumers));
    }
    for (const [room, queues] of [...queuesByRoom].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!consumersByRoom.has(room)) result.push(...this.inner.allocate(consumerGroup, currentCID, queues, cidAll));
    }
    return result;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function required(value: string | undefined, problem: string): string {
  if (value === undefined || value.length === 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', problem);
  return value;
}
