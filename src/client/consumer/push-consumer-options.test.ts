import { describe, expect, it } from 'vitest';
import { checkPushConsumerOptions, resolvePushConsumerOptions } from './push-consumer-options.js';
import { formatConsumeTimestamp } from './consume-from-where.js';

describe('push consumer settings', () => {
  it('take DefaultMQPushConsumer\'s defaults', () => {
    const now = Date.UTC(2024, 0, 2, 3, 4, 5);
    const options = resolvePushConsumerOptions({ consumerGroup: 'G', clock: () => now });
    expect(options).toMatchObject({
      messageModel: 'CLUSTERING',
      consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
      consumeTimestamp: formatConsumeTimestamp(now - 30 * 60_000),
      consumeThreadMin: 20,
      consumeThreadMax: 20,
      consumeConcurrentlyMaxSpan: 2000,
      pullThresholdForQueue: 1000,
      pullThresholdSizeForQueue: 100,
      pullThresholdForTopic: -1,
      pullThresholdSizeForTopic: -1,
      pullInterval: 0,
      consumeMessageBatchMaxSize: 1,
      pullBatchSize: 32,
      postSubscriptionWhenPull: false,
      maxReconsumeTimes: -1,
      suspendCurrentQueueTimeMillis: 1000,
      consumeTimeout: 15,
      brokerSuspendMaxTimeMillis: 15_000,
      consumerTimeoutMillisWhenSuspend: 30_000,
    });
    expect(options.allocateMessageQueueStrategy.name).toBe('AVG');
    expect(() => checkPushConsumerOptions(options)).not.toThrow();
  });

  it('are checked as Java\'s checkConfig does', () => {
    const check = (given: Record<string, unknown>): (() => void) => () => checkPushConsumerOptions(resolvePushConsumerOptions({ consumerGroup: 'G', ...given }));
    expect(check({ consumerGroup: 'DEFAULT_CONSUMER' })).toThrow(/can not equal DEFAULT_CONSUMER/);
    expect(check({ consumeThreadMin: 0 })).toThrow(/consumeThreadMin Out of range \[1, 1000\]/);
    expect(check({ consumeThreadMin: 30 })).toThrow(/is larger than consumeThreadMax/);
    expect(check({ pullThresholdForQueue: 70_000 })).toThrow(/pullThresholdForQueue Out of range/);
    expect(check({ pullThresholdSizeForQueue: 2000 })).toThrow(/pullThresholdSizeForQueue Out of range/);
    expect(check({ pullBatchSize: 2000 })).toThrow(/pullBatchSize Out of range/);
    expect(check({ consumeMessageBatchMaxSize: 0 })).toThrow(/consumeMessageBatchMaxSize Out of range/);
    expect(check({ consumeTimestamp: '2024' })).toThrow(/consumeTimestamp is invalid/);
    expect(check({ brokerSuspendMaxTimeMillis: 40_000 })).toThrow(/consumerTimeoutMillisWhenSuspend must greater/);
    expect(check({ pullThresholdForTopic: 10 })).not.toThrow();
  });
});
