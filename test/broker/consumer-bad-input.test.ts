/**
 * Bad input to the consumer side: malformed heartbeat, lock, subscription-group and
 * check bodies, headers that miss or garble fields, absurd pull sizes and timeouts. Each
 * is answered (1 with a remark naming the problem, or the normal answer when RocketMQ
 * gives one), the connection stays usable, and nothing is registered or parked by it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { Harness, createTopic, sendV2 } from './support/harness.js';
import { TestConsumer, pullHeader } from './support/test-consumer.js';

const harness = new Harness();
let broker: Broker;
let consumer: TestConsumer;

beforeAll(async () => {
  broker = await harness.broker();
  consumer = new TestConsumer(broker.address, '127.0.0.1@bad');
  expect((await createTopic(harness, broker.address, 'BadTopic', 1)).code).toBe(0);
  for (let i = 0; i < 3; i++) await sendV2(harness, broker.address, 'BadTopic', `m${i}`);
});

afterAll(async () => {
  await consumer.close();
  await harness.cleanup();
});

async function stillServes(): Promise<void> {
  const answer = await consumer.invoke(RequestCode.QUERY_CONSUMER_OFFSET, { consumerGroup: 'BAD_G', topic: 'BadTopic', queueId: '0' });
  expect(answer.code).toBe(ResponseCode.SUCCESS);
}

describe('malformed bodies', () => {
  it.each([
    ['HEART_BEAT', RequestCode.HEART_BEAT, 'not json'],
    ['HEART_BEAT with a consumer without groupName', RequestCode.HEART_BEAT, '{"clientID":"x","consumerDataSet":[{"consumeType":"CONSUME_PASSIVELY"}],"producerDataSet":[]}'],
    ['LOCK_BATCH_MQ', RequestCode.LOCK_BATCH_MQ, '{"consumerGroup":"G","clientId":"c","mqSet":[{"topic":1}]}'],
    ['UNLOCK_BATCH_MQ', RequestCode.UNLOCK_BATCH_MQ, '['],
    ['UPDATE_AND_CREATE_SUBSCRIPTIONGROUP', RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, '{"retryMaxTimes":"many"}'],
    ['CHECK_CLIENT_CONFIG', RequestCode.CHECK_CLIENT_CONFIG, '{"clientId":3}'],
  ])('%s → 1 naming what is wrong; nothing registered', async (_name, code, body) => {
    const groups = broker.context.consumers.groupCount;
    const answer = await consumer.invoke(code, null, Buffer.from(body));
    expect(answer.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(answer.remark).toBeTruthy();
    expect(broker.context.consumers.groupCount).toBe(groups);
    expect(broker.context.rebalanceLocks.size).toBe(0);
    await stillServes();
  });
});

describe('malformed headers', () => {
  it.each([
    ['a pull whose queueOffset is not a number', RequestCode.PULL_MESSAGE, { ...pullHeader({ consumerGroup: 'BAD_G', topic: 'BadTopic' }), queueOffset: 'ten' }, /queueOffset/],
    ['a pull whose queueId overflows an int', RequestCode.PULL_MESSAGE, { ...pullHeader({ consumerGroup: 'BAD_G', topic: 'BadTopic' }), queueId: '99999999999' }, /queueId/],
    ['an offset update without commitOffset', RequestCode.UPDATE_CONSUMER_OFFSET, { consumerGroup: 'BAD_G', topic: 'BadTopic', queueId: '0' }, /commitOffset/],
    ['a send-back with a garbled offset', RequestCode.CONSUMER_SEND_MSG_BACK, { offset: '0x10', group: 'BAD_G', delayLevel: '0' }, /offset/],
    ['a consumer list without group', RequestCode.GET_CONSUMER_LIST_BY_GROUP, {}, /consumerGroup/],
    ['a reset without isForce', RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, { topic: 'BadTopic', group: 'BAD_G', timestamp: '-1' }, /isForce/],
  ])('%s → 1 naming the field', async (_name, code, extFields, field) => {
    const answer = await consumer.invoke(code, extFields);
    expect(answer.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(answer.remark).toMatch(field);
    await stillServes();
  });
});

describe('absurd values', () => {
  it('maxMsgNums 0 or negative still gets the first message; a huge maxMsgNums gets at most the in-memory batch', async () => {
    for (const maxMsgNums of [0, -5]) {
      const answer = await consumer.pull({ consumerGroup: 'BAD_G', topic: 'BadTopic', sysFlag: 4, subscription: '*', maxMsgNums });
      expect(decodeMessageRecords(answer.body ?? Buffer.alloc(0))).toHaveLength(1);
    }
    const many = await consumer.pull({ consumerGroup: 'BAD_G', topic: 'BadTopic', sysFlag: 4, subscription: '*', maxMsgNums: 2_000_000_000 });
    expect(decodeMessageRecords(many.body ?? Buffer.alloc(0))).toHaveLength(3);
  });

  it('a negative or absurd suspendTimeoutMillis is answered at once or within the clamp, never kept forever', async () => {
    const started = Date.now();
    const negative = await consumer.pull({ consumerGroup: 'BAD_G', topic: 'BadTopic', sysFlag: 6, subscription: '*', queueOffset: 3, suspendTimeoutMillis: -1 });
    expect(negative.code).toBe(ResponseCode.PULL_NOT_FOUND);
    expect(Date.now() - started).toBeLessThan(1000);
    const pending = consumer.pull({ consumerGroup: 'BAD_G', topic: 'BadTopic', sysFlag: 6, subscription: '*', queueOffset: 3, suspendTimeoutMillis: 9_000_000_000_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(broker.context.pulls.hold.size).toBe(1);
    await sendV2(harness, broker.address, 'BadTopic', 'wakes it');
    expect((await pending).code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.pulls.hold.size).toBe(0);
  });
});
