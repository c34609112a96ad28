/**
 * ConsumeMessageService: how a push consumer hands pulled messages to its listener (Java
 * `ConsumeMessageService`); two kinds, concurrently and orderly. ConsumeServiceHost is
 * what they need of the consumer.
 *
 * Both run listener calls through one ConcurrencyLimiter (consumeThreadMax at once) and
 * keep their delayed re-submissions in one timer set, cleared at shutdown.
 */
import type { Logger } from '../../common/log.js';
import type { ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result.js';
import type { MessageModel } from '../../protocol/bodies/heartbeat-data.js';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import type { MessageExt } from '../message/message-ext.js';
import type { ConsumerStats } from './consumer-stats.js';
import type { OffsetStore } from './offset-store/offset-store.js';
import type { ProcessQueue } from './process-queue.js';
import type { ResolvedPushConsumerOptions } from './push-consumer-options.js';
import type { RebalanceImpl } from './rebalance/rebalance-impl.js';
import { retryTopicOf } from './send-message-back.js';

export interface ConsumeServiceHost {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly options: ResolvedPushConsumerOptions;
  readonly offsetStore: OffsetStore;
  readonly stats: ConsumerStats;
  readonly rebalance: RebalanceImpl;
  readonly logger: Logger;
  /** CONSUMER_SEND_MSG_BACK, else a re-send through the inner producer; throws when both fail. */
  sendMessageBack(msg: MessageExt, delayLevel: number, brokerName: string | undefined): Promise<void>;
  /** A copy to `%RETRY%<group>` through the inner producer (orderly, to reach the DLQ). */
  resendToRetryTopic(msg: MessageExt, reconsumeTimes: number): Promise<void>;
}

export interface ConsumeMessageService {
  start(): void;
  /** Stops taking work, waits up to `awaitMs` for listener calls, drops what still waits. */
  shutdown(awaitMs: number): Promise<void>;
  submitConsumeRequest(msgs: MessageExt[], pq: ProcessQueue, mq: MessageQueue, dispatchToConsume: boolean): void;
  consumeMessageDirectly(msg: MessageExt, brokerName: string | undefined): Promise<ConsumeMessageDirectlyResult>;
  /** The concurrency limit (Java's core pool size). */
  readonly corePoolSize: number;
  /** Listener calls that timed out and have still not returned. */
  readonly abandonedCalls: number;
}

/** Messages read from `%RETRY%<group>` show their original topic to the listener (Java resetRetryAndNamespace). */
export function resetRetryTopic(msgs: readonly MessageExt[], group: string): void {
  const retryTopic = retryTopicOfGroup(group);
  for (const msg of msgs) {
    const original = msg.properties[PropertyKey.RETRY_TOPIC];
    if (original !== undefined && msg.topic === retryTopic) msg.topic = original;
  }
}

/** Marks when each message was handed to the listener (CONSUME_START_TIME). */
export function stampConsumeStart(msgs: readonly MessageExt[], now: number): void {
  const stamp = String(now);
  for (const msg of msgs) msg.properties[PropertyKey.CONSUME_START_TIMESTAMP] = stamp;
}

/** The retry topic of the group asked last (a consumer asks for its own group on every listener call). */
let lastGroup: string | undefined;
let lastRetryTopic = '';

function retryTopicOfGroup(group: string): string {
  if (group !== lastGroup) {
    lastRetryTopic = retryTopicOf(group);
    lastGroup = group;
  }
  return lastRetryTopic;
}

/** Timers of delayed re-submissions, all cleared at once at shutdown. */
export class LaterTimers {
  private readonly timers = new Set<NodeJS.Timeout>();

  schedule(delayMs: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, Math.max(0, delayMs));
    timer.unref();
    this.timers.add(timer);
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Counts listener calls given up on (timed out) until they do return. */
export class AbandonedCalls {
  count = 0;

  track(late: Promise<void>): void {
    this.count++;
    void late.finally(() => {
      this.count--;
    });
  }
}
