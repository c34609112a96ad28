/**
 * By config (Java `AllocateMessageQueueByConfig`, name CONFIG): always the queues it was
 * configured with, whatever the group looks like.
 */
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import type { AllocateMessageQueueStrategy } from './allocate-strategy.js';

export class AllocateMessageQueueByConfig implements AllocateMessageQueueStrategy {
  readonly name = 'CONFIG';

  constructor(private readonly messageQueueList: readonly MessageQueue[]) {}

  allocate(): MessageQueue[] {
    return [...this.messageQueueList];
  }
}
