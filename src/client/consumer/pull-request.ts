/**
 * PullRequest: the one pull loop of a queue a push consumer holds (Java `PullRequest`):
 * which queue, its process queue, and the offset the next pull starts from. Exactly one
 * exists per process queue; it is scheduled again after each pull, so the number of
 * pulls waiting or in flight is at most the number of queues held.
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { ProcessQueue } from './process-queue.js';

export interface PullRequest {
  readonly consumerGroup: string;
  readonly messageQueue: MessageQueue;
  readonly processQueue: ProcessQueue;
  nextOffset: number;
  /** Orderly: the offset was re-read from the store after the queue was first locked. */
  previouslyLocked: boolean;
}
