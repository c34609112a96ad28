/**
 * Push consumer settings, with Java `DefaultMQPushConsumer`'s names and 4.9.8 defaults, on
 * top of the shared ClientConfig, and the checks Java's `checkConfig` makes at start.
 *
 * | setting | default | meaning |
 * | --- | --- | --- |
 * | consumerGroup | — (required; not DEFAULT_CONSUMER) | the group |
 * | messageModel | CLUSTERING | CLUSTERING: the group shares the queues; BROADCASTING: every member reads every queue |
 * | consumeFromWhere | CONSUME_FROM_LAST_OFFSET | where a group without a stored offset starts |
 * | consumeTimestamp | 30 minutes ago | yyyyMMddHHmmss, for CONSUME_FROM_TIMESTAMP |
 * | allocateMessageQueueStrategy | AllocateMessageQueueAveragely | how the group shares queues |
 * | subscription | {} | topic → tag expression |
 * | offsetStore | broker (CLUSTERING) / local file (BROADCASTING) | where offsets are kept |
 * | consumeThreadMin / consumeThreadMax | 20 / 20 | listener calls at once (the larger is the limit) |
 * | consumeConcurrentlyMaxSpan | 2000 | stop pulling a queue while its cached offsets span more |
 * | pullThresholdForQueue | 1000 | stop pulling a queue while it caches more messages |
 * | pullThresholdSizeForQueue | 100 | … or more MiB of bodies |
 * | pullThresholdForTopic / pullThresholdSizeForTopic | -1 / -1 | when set, divided among the topic's queues |
 * | pullInterval | 0 | ms between pulls of a queue |
 * | consumeMessageBatchMaxSize | 1 | messages per listener call |
 * | pullBatchSize | 32 | messages per pull |
 * | postSubscriptionWhenPull | false | send the expression with each pull |
 * | maxReconsumeTimes | -1 (16 concurrently, unlimited orderly) | deliveries before the DLQ |
 * | suspendCurrentQueueTimeMillis | 1000 | orderly: pause of a queue after a failure |
 * | consumeTimeout | 15 | minutes a listener call may take (fractions allowed) |
 * | awaitTerminationMillisWhenShutdown | 5000 (Java: 0) | how long shutdown waits for listener calls |
 * | pullTimeDelayMillsWhenException | 3000 | pause of a queue's pulls after a failed pull |
 * | brokerSuspendMaxTimeMillis | 15000 | how long the broker holds a pull (Java constant) |
 * | consumerTimeoutMillisWhenSuspend | 30000 | client timeout of a held pull (Java constant) |
 * | rebalanceLockInterval | 20000 | orderly: lock renewal period (rocketmq.client.rebalance.lockInterval) |
 * | rebalanceLockMaxLiveTime | 30000 | orderly: a lock not renewed for this long is not trusted (…lockMaxLiveTime) |
 * | pullMaxIdleTime | 120000 | a queue not pulled for this long is replaced (rocketmq.client.pull.pullMaxIdleTime) |
 * | unlockDelayTimeMills | 20000 | orderly: a queue given up with messages still cached is unlocked after this (rocketmq.client.unlockDelayTimeMills) |
 * | localRetryDelayMillis | 5000 | a message neither the broker nor the inner producer took back is consumed again after this (Java constant) |
 */
import type { ConsumeFromWhere, MessageModel } from '../../protocol/bodies/heartbeat-data.js';
import type { ClientConfig } from '../client-config.js';
import type { ClientInstance } from '../client-instance.js';
import { MQClientError } from '../errors.js';
import { checkGroup } from '../validators.js';
import { formatConsumeTimestamp, parseConsumeTimestamp } from './consume-from-where.js';
import type { OffsetStore } from './offset-store/offset-store.js';
import { AllocateMessageQueueAveragely } from './rebalance/allocate-averagely.js';
import type { AllocateMessageQueueStrategy } from './rebalance/allocate-strategy.js';

export interface PushConsumerOptions extends ClientConfig {
  consumerGroup: string;
  messageModel?: MessageModel;
  consumeFromWhere?: ConsumeFromWhere;
  consumeTimestamp?: string;
  allocateMessageQueueStrategy?: AllocateMessageQueueStrategy;
  subscription?: Readonly<Record<string, string>>;
  offsetStore?: OffsetStore;
  consumeThreadMin?: number;
  consumeThreadMax?: number;
  consumeConcurrentlyMaxSpan?: number;
  pullThresholdForQueue?: number;
  pullThresholdSizeForQueue?: number;
  pullThresholdForTopic?: number;
  pullThresholdSizeForTopic?: number;
  pullInterval?: number;
  consumeMessageBatchMaxSize?: number;
  pullBatchSize?: number;
  postSubscriptionWhenPull?: boolean;
  maxReconsumeTimes?: number;
  suspendCurrentQueueTimeMillis?: number;
  consumeTimeout?: number;
  awaitTerminationMillisWhenShutdown?: number;
  pullTimeDelayMillsWhenException?: number;
  brokerSuspendMaxTimeMillis?: number;
  consumerTimeoutMillisWhenSuspend?: number;
  rebalanceLockInterval?: number;
  rebalanceLockMaxLiveTime?: number;
  pullMaxIdleTime?: number;
  unlockDelayTimeMills?: number;
  localRetryDelayMillis?: number;
  /** Root directory of BROADCASTING offset files (~/.rocketmq_offsets). */
  localOffsetStoreDir?: string;
  clientInstance?: ClientInstance;
  /** Epoch ms now; Date.now by default. */
  clock?: () => number;
}

export interface ResolvedPushConsumerOptions {
  consumerGroup: string;
  messageModel: MessageModel;
  consumeFromWhere: ConsumeFromWhere;
  consumeTimestamp: string;
  allocateMessageQueueStrategy: AllocateMessageQueueStrategy;
  consumeThreadMin: number;
  consumeThreadMax: number;
  consumeConcurrentlyMaxSpan: number;
  pullThresholdForQueue: number;
  pullThresholdSizeForQueue: number;
  pullThresholdForTopic: number;
  pullThresholdSizeForTopic: number;
  pullInterval: number;
  consumeMessageBatchMaxSize: number;
  pullBatchSize: number;
  postSubscriptionWhenPull: boolean;
  maxReconsumeTimes: number;
  suspendCurrentQueueTimeMillis: number;
  consumeTimeout: number;
  awaitTerminationMillisWhenShutdown: number;
  pullTimeDelayMillsWhenException: number;
  brokerSuspendMaxTimeMillis: number;
  consumerTimeoutMillisWhenSuspend: number;
  rebalanceLockInterval: number;
  rebalanceLockMaxLiveTime: number;
  pullMaxIdleTime: number;
  unlockDelayTimeMills: number;
  localRetryDelayMillis: number;
  clock: () => number;
}

export const DEFAULT_CONSUMER_GROUP_NAME = 'DEFAULT_CONSUMER';

export function resolvePushConsumerOptions(options: PushConsumerOptions): ResolvedPushConsumerOptions {
  const clock = options.clock ?? Date.now;
  return {
    consumerGroup: options.consumerGroup,
    messageModel: options.messageModel ?? 'CLUSTERING',
    consumeFromWhere: options.consumeFromWhere ?? 'CONSUME_FROM_LAST_OFFSET',
    consumeTimestamp: options.consumeTimestamp ?? formatConsumeTimestamp(clock() - 30 * 60_000),
    allocateMessageQueueStrategy: options.allocateMessageQueueStrategy ?? new AllocateMessageQueueAveragely(),
    consumeThreadMin: options.consumeThreadMin ?? 20,
    consumeThreadMax: options.consumeThreadMax ?? 20,
    consumeConcurrentlyMaxSpan: options.consumeConcurrentlyMaxSpan ?? 2000,
    pullThresholdForQueue: options.pullThresholdForQueue ?? 1000,
    pullThresholdSizeForQueue: options.pullThresholdSizeForQueue ?? 100,
    pullThresholdForTopic: options.pullThresholdForTopic ?? -1,
    pullThresholdSizeForTopic: options.pullThresholdSizeForTopic ?? -1,
    pullInterval: options.pullInterval ?? 0,
    consumeMessageBatchMaxSize: options.consumeMessageBatchMaxSize ?? 1,
    pullBatchSize: options.pullBatchSize ?? 32,
    postSubscriptionWhenPull: options.postSubscriptionWhenPull ?? false,
    maxReconsumeTimes: options.maxReconsumeTimes ?? -1,
    suspendCurrentQueueTimeMillis: options.suspendCurrentQueueTimeMillis ?? 1000,
    consumeTimeout: options.consumeTimeout ?? 15,
    awaitTerminationMillisWhenShutdown: options.awaitTerminationMillisWhenShutdown ?? 5000,
    pullTimeDelayMillsWhenException: options.pullTimeDelayMillsWhenException ?? 3000,
    brokerSuspendMaxTimeMillis: options.brokerSuspendMaxTimeMillis ?? 15_000,
    consumerTimeoutMillisWhenSuspend: options.consumerTimeoutMillisWhenSuspend ?? 30_000,
    rebalanceLockInterval: options.rebalanceLockInterval ?? 20_000,
    rebalanceLockMaxLiveTime: options.rebalanceLockMaxLiveTime ?? 30_000,
    pullMaxIdleTime: options.pullMaxIdleTime ?? 120_000,
    unlockDelayTimeMills: options.unlockDelayTimeMills ?? 20_000,
    localRetryDelayMillis: options.localRetryDelayMillis ?? 5000,
    clock,
  };
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `${name} Out of range [${min}, ${max}]`);
  }
}

/** Java's checkConfig: the group, the timestamp and every bounded setting. */
export function checkPushConsumerOptions(options: ResolvedPushConsumerOptions): void {
  checkGroup(options.consumerGroup);
  if (options.consumerGroup === DEFAULT_CONSUMER_GROUP_NAME) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `consumerGroup can not equal ${DEFAULT_CONSUMER_GROUP_NAME}, please specify another one.`);
  }
  parseConsumeTimestamp(options.consumeTimestamp);
  checkRange('consumeThreadMin', options.consumeThreadMin, 1, 1000);
  checkRange('consumeThreadMax', options.consumeThreadMax, 1, 1000);
  if (options.consumeThreadMin > options.consumeThreadMax) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `consumeThreadMin (${options.consumeThreadMin}) is larger than consumeThreadMax (${options.consumeThreadMax})`);
  }
  checkRange('consumeConcurrentlyMaxSpan', options.consumeConcurrentlyMaxSpan, 1, 65535);
  checkRange('pullThresholdForQueue', options.pullThresholdForQueue, 1, 65535);
  if (options.pullThresholdForTopic !== -1) checkRange('pullThresholdForTopic', options.pullThresholdForTopic, 1, 6553500);
  checkRange('pullThresholdSizeForQueue', options.pullThresholdSizeForQueue, 1, 1024);
  if (options.pullThresholdSizeForTopic !== -1) checkRange('pullThresholdSizeForTopic', options.pullThresholdSizeForTopic, 1, 102400);
  checkRange('pullInterval', options.pullInterval, 0, 65535);
  checkRange('consumeMessageBatchMaxSize', options.consumeMessageBatchMaxSize, 1, 1024);
  checkRange('pullBatchSize', options.pullBatchSize, 1, 1024);
  if (!(options.consumeTimeout > 0)) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `consumeTimeout must be positive (minutes), got ${options.consumeTimeout}`);
  if (options.consumerTimeoutMillisWhenSuspend < options.brokerSuspendMaxTimeMillis) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'Long polling mode, the consumer consumerTimeoutMillisWhenSuspend must greater than brokerSuspendMaxTimeMillis');
  }
}
