/**
 * Lite pull consumer settings, with Java `DefaultLitePullConsumer`'s names and 4.9.8
 * defaults, on top of the shared ClientConfig.
 *
 * | setting | default | meaning |
 * | --- | --- | --- |
 * | consumerGroup | — (required; not DEFAULT_CONSUMER) | the group |
 * | messageModel | CLUSTERING | CLUSTERING: subscribed queues are shared by the group; BROADCASTING: each member reads all |
 * | allocateMessageQueueStrategy | AllocateMessageQueueAveragely | how the group shares queues (subscribe mode) |
 * | consumeFromWhere / consumeTimestamp | CONSUME_FROM_LAST_OFFSET / 30 min ago | where a queue without a stored offset starts |
 * | autoCommit | true | poll commits the polled offsets every autoCommitIntervalMillis |
 * | autoCommitIntervalMillis | 5000 | at least 1000 |
 * | pullBatchSize | 10 | messages per pull (and at most per poll) |
 * | pullThresholdForAll | 10000 | pulls wait while the buffer holds more messages |
 * | pullThresholdForQueue | 1000 | … or a queue caches more messages |
 * | pullThresholdSizeForQueue | 100 | … or more MiB |
 * | consumeMaxSpan | 2000 | … or its cached offsets span more |
 * | pollTimeoutMillis | 5000 | poll()'s default timeout |
 * | brokerSuspendMaxTimeMillis | 20000 | how long the broker holds a pull |
 * | consumerTimeoutMillisWhenSuspend | 30000 | client timeout of a held pull |
 * | consumerPullTimeoutMillis | 10000 | client timeout of other pulls |
 * | pullTimeDelayMillsWhenException | 3000 | pause of a queue's pulls after a failure |
 */
import type { ConsumeFromWhere, MessageModel } from '../../protocol/bodies/heartbeat-data.js';
import type { ClientConfig } from '../client-config.js';
import type { ClientInstance } from '../client-instance.js';
import { MQClientError } from '../errors.js';
import { checkGroup } from '../validators.js';
import { formatConsumeTimestamp, parseConsumeTimestamp } from './consume-from-where.js';
import type { OffsetStore } from './offset-store/offset-store.js';
import { DEFAULT_CONSUMER_GROUP_NAME } from './push-consumer-options.js';
import { AllocateMessageQueueAveragely } from './rebalance/allocate-averagely.js';
import type { AllocateMessageQueueStrategy } from './rebalance/allocate-strategy.js';

export interface LitePullConsumerOptions extends ClientConfig {
  consumerGroup: string;
  messageModel?: MessageModel;
  allocateMessageQueueStrategy?: AllocateMessageQueueStrategy;
  consumeFromWhere?: ConsumeFromWhere;
  consumeTimestamp?: string;
  autoCommit?: boolean;
  autoCommitIntervalMillis?: number;
  pullBatchSize?: number;
  pullThresholdForAll?: number;
  pullThresholdForQueue?: number;
  pullThresholdSizeForQueue?: number;
  consumeMaxSpan?: number;
  pollTimeoutMillis?: number;
  brokerSuspendMaxTimeMillis?: number;
  consumerTimeoutMillisWhenSuspend?: number;
  consumerPullTimeoutMillis?: number;
  pullTimeDelayMillsWhenException?: number;
  offsetStore?: OffsetStore;
  localOffsetStoreDir?: string;
  clientInstance?: ClientInstance;
  clock?: () => number;
}

export type ResolvedLitePullConsumerOptions = Required<Omit<LitePullConsumerOptions, keyof ClientConfig | 'offsetStore' | 'localOffsetStoreDir' | 'clientInstance'>>;

const MIN_AUTO_COMMIT_INTERVAL_MS = 1000;

export function resolveLitePullConsumerOptions(options: LitePullConsumerOptions): ResolvedLitePullConsumerOptions {
  const clock = options.clock ?? Date.now;
  return {
    consumerGroup: options.consumerGroup,
    messageModel: options.messageModel ?? 'CLUSTERING',
    allocateMessageQueueStrategy: options.allocateMessageQueueStrategy ?? new AllocateMessageQueueAveragely(),
    consumeFromWhere: options.consumeFromWhere ?? 'CONSUME_FROM_LAST_OFFSET',
    consumeTimestamp: options.consumeTimestamp ?? formatConsumeTimestamp(clock() - 30 * 60_000),
    autoCommit: options.autoCommit ?? true,
    autoCommitIntervalMillis: Math.max(MIN_AUTO_COMMIT_INTERVAL_MS, options.autoCommitIntervalMillis ?? 5000),
    pullBatchSize: options.pullBatchSize ?? 10,
    pullThresholdForAll: options.pullThresholdForAll ?? 10_000,
    pullThresholdForQueue: options.pullThresholdForQueue ?? 1000,
    pullThresholdSizeForQueue: options.pullThresholdSizeForQueue ?? 100,
    consumeMaxSpan: options.consumeMaxSpan ?? 2000,
    pollTimeoutMillis: options.pollTimeoutMillis ?? 5000,
    brokerSuspendMaxTimeMillis: options.brokerSuspendMaxTimeMillis ?? 20_000,
    consumerTimeoutMillisWhenSuspend: options.consumerTimeoutMillisWhenSuspend ?? 30_000,
    consumerPullTimeoutMillis: options.consumerPullTimeoutMillis ?? 10_000,
    pullTimeDelayMillsWhenException: options.pullTimeDelayMillsWhenException ?? 3000,
    clock,
  };
}

/** Java's checkConfig for the lite pull consumer. */
export function checkLitePullConsumerOptions(options: ResolvedLitePullConsumerOptions): void {
  checkGroup(options.consumerGroup);
  if (options.consumerGroup === DEFAULT_CONSUMER_GROUP_NAME) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `consumerGroup can not equal ${DEFAULT_CONSUMER_GROUP_NAME}, please specify another one.`);
  }
  parseConsumeTimestamp(options.consumeTimestamp);
  if (options.consumerTimeoutMillisWhenSuspend < options.brokerSuspendMaxTimeMillis) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'Long polling mode, the consumer consumerTimeoutMillisWhenSuspend must greater than brokerSuspendMaxTimeMillis');
  }
  if (!Number.isInteger(options.pullBatchSize) || options.pullBatchSize < 1 || options.pullBatchSize > 1024) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'pullBatchSize Out of range [1, 1024]');
  }
}
