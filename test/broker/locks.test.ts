/**
 * LOCK_BATCH_MQ (41) / UNLOCK_BATCH_MQ (42) over the wire: a queue locked by one client
 * cannot be locked by another until the holder releases it or its lock expires
 * (rebalanceLockMaxLiveTime); renewals keep it; the answers have RocketMQ's shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { decodeLockBatchResponseBody, encodeLockBatchRequestBody } from '../../src/protocol/bodies/lock-batch-body.js';
import type { MessageQueue } from '../../src/protocol/bodies/message-queue.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { Harness } from './support/harness.js';

const harness = new Harness();
let broker: Broker;
const queue = (queueId: number): MessageQueue => ({ topic: 'LockTopic', brokerName: 'broker-a', queueId });

beforeAll(async () => {
  broker = await harness.broker({ rebalanceLockMaxLiveTime: 300 });
});

afterAll(() => harness.cleanup());

async function lock(clientId: string, queues: MessageQueue[]): Promise<number[]> {
  const body = encodeLockBatchRequestBody({ consumerGroup: 'LOCK_G', clientId, mqSet: queues });
  const answer = await harness.invoke(broker.address, RequestCode.LOCK_BATCH_MQ, null, body);
  expect([answer.code, answer.extFields]).toEqual([ResponseCode.SUCCESS, null]);
  return decodeLockBatchResponseBody(answer.body ?? Buffer.alloc(0)).lockOKMQSet.map((mq) => mq.queueId);
}

async function unlock(clientId: string, queues: MessageQueue[]): Promise<void> {
  const body = encodeLockBatchRequestBody({ consumerGroup: 'LOCK_G', clientId, mqSet: queues });
  const answer = await harness.invoke(broker.address, RequestCode.UNLOCK_BATCH_MQ, null, body);
  expect([answer.code, answer.body]).toEqual([ResponseCode.SUCCESS, null]);
}

describe('queue locks of orderly consumers', () => {
  it('grants free queues, keeps them from others until released, and lets the holder renew', async () => {
    expect(await lock('client-a', [queue(0), queue(1)])).toEqual([0, 1]);
    expect(await lock('client-b', [queue(0), queue(1), queue(2)])).toEqual([2]);
    expect(await lock('client-a', [queue(0)])).toEqual([0]);
    await unlock('client-b', [queue(0)]);
    expect(await lock('client-b', [queue(0)])).toEqual([]);
    await unlock('client-a', [queue(0)]);
    expect(await lock('client-b', [queue(0)])).toEqual([0]);
  });

  it('hands a queue to another client once its lock expires', async () => {
    expect(await lock('client-c', [queue(5)])).toEqual([5]);
    expect(await lock('client-d', [queue(5)])).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await lock('client-d', [queue(5)])).toEqual([5]);
    expect(await lock('client-c', [queue(5)])).toEqual([]);
  });
});
