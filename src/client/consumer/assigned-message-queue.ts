/**
 * AssignedMessageQueue: the queues a lite pull consumer reads, each with its state (Java
 * `AssignedMessageQueue`):
 *
 *   pq            the process queue of buffered, not yet polled messages (shared with the
 *                 rebalance when subscribing);
 *   paused        pull tasks wait while set (pause / resume);
 *   pullOffset    where the next pull starts (-1: ask the offset store);
 *   consumeOffset the offset after the last message the application polled (-1: none) —
 *                 what commit stores;
 *   seekOffset    set by seek, taken by the next pull (-1: none).
 *
 * Bounded by the queues of the subscribed or assigned topics (ClientLimits.maxOffsetQueues).
 */
import { messageQueueKey, type MessageQueue, type MessageQueueKey } from '../../protocol/bodies/message-queue.js';
import { ClientLimits } from '../client-limits.js';
import { ProcessQueue } from './process-queue.js';

export interface QueueState {
  readonly mq: MessageQueue;
  readonly pq: ProcessQueue;
  paused: boolean;
  pullOffset: number;
  consumeOffset: number;
  seekOffset: number;
}

export class AssignedMessageQueue {
  private readonly states = new Map<MessageQueueKey, QueueState>();

  constructor(
    private readonly processQueueOf: (mq: MessageQueue) => ProcessQueue | undefined = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  messageQueues(): MessageQueue[] {
    return [...this.states.values()].map((state) => state.mq);
  }

  state(mq: MessageQueue): QueueState | undefined {
    return this.states.get(messageQueueKey(mq));
  }

  has(mq: MessageQueue): boolean {
    return this.states.has(messageQueueKey(mq));
  }

  /** Replaces the queues of `topic` (or of every topic, when undefined) by `mqs`; dropped ones are marked so. */
  update(mqs: readonly MessageQueue[], topic?: string): void {
    const wanted = new Set(mqs.map(messageQueueKey));
    for (const [key, state] of this.states) {
      if (topic !== undefined && state.mq.topic !== topic) continue;
      if (wanted.has(key)) continue;
      state.pq.dropped = true;
      this.states.delete(key);
    }
    for (const mq of mqs) {
      const key = messageQueueKey(mq);
      if (this.states.has(key) || this.states.size >= ClientLimits.maxOffsetQueues) continue;
      const pq = this.processQueueOf(mq) ?? new ProcessQueue(this.now);
      this.states.set(key, { mq: { ...mq }, pq, paused: false, pullOffset: -1, consumeOffset: -1, seekOffset: -1 });
    }
  }

  removeTopic(topic: string): void {
    this.update([], topic);
  }

  setPaused(mqs: readonly MessageQueue[], paused: boolean): void {
    for (const mq of mqs) {
      const state = this.state(mq);
      if (state) state.paused = paused;
    }
  }

  clear(): void {
    for (const state of this.states.values()) state.pq.dropped = true;
    this.states.clear();
  }
}
