/**
 * Bad input to the send path and look-ups: each is answered with RocketMQ's response code
 * and a remark that says what is wrong, and leaves every message stored before intact.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import type { RemotingCommand } from '../../src/remoting/remoting-command.js';
import { Harness, createTopic, eventually, sendBatch, sendHeaderV2, sendV2 } from './support/harness.js';

const MAX_MESSAGE_SIZE = 64 * 1024;
const harness = new Harness();
let broker: Broker;
let diskUsed = 0.1;
const kept: { msgId: string; body: string }[] = [];

beforeAll(async () => {
  broker = await harness.broker(
    { maxMessageSize: MAX_MESSAGE_SIZE, cleanResourceInterval: 50, messageDelayLevel: '1s 5s' },
    { diskUsage: async () => diskUsed },
  );
  await createTopic(harness, broker.address, 'Good', 2);
  await createTopic(harness, broker.address, 'ReadOnly', 2, 4);
  for (let i = 0; i < 3; i++) {
    const response = await sendV2(harness, broker.address, 'Good', `kept ${i}`, { queueId: 0, properties: { KEYS: 'kept' } });
    kept.push({ msgId: response.extFields?.['msgId'] ?? '', body: `kept ${i}` });
  }
});
afterAll(() => harness.cleanup());

/** Every message stored before is still there, unchanged, and the queue did not grow. */
afterEach(async () => {
  expect(broker.context.store.getMaxOffsetInQueue('Good', 0)).toBe(kept.length);
  for (const { msgId, body } of kept) {
    const offset = String(parseOffsetMessageId(msgId).commitLogOffset);
    const response = await harness.invoke(broker.address, RequestCode.VIEW_MESSAGE_BY_ID, { offset });
    expect(decodeMessageRecords(response.body ?? Buffer.alloc(0))[0]?.body.toString()).toBe(body);
  }
});

function expectRefusal(response: RemotingCommand, code: number, remark: string | RegExp): void {
  expect(response.code).toBe(code);
  if (typeof remark === 'string') expect(response.remark).toBe(remark);
  else expect(response.remark).toMatch(remark);
  expect(response.extFields).toMatchObject({ MSG_REGION: 'DefaultRegion', TRACE_ON: 'true' });
  expect(response.extFields?.['msgId']).toBeUndefined();
}

describe('bad sends', () => {
  it('a body over maxMessageSize → 13 naming the limit and the size', async () => {
    expectRefusal(
      await sendV2(harness, broker.address, 'Good', Buffer.alloc(MAX_MESSAGE_SIZE + 1), { queueId: 0 }),
      ResponseCode.MESSAGE_ILLEGAL,
      `the message is illegal, maybe msg body or properties length not matched. msg body length limit ${MAX_MESSAGE_SIZE}B, msg properties length limit 32KB. (body of ${MAX_MESSAGE_SIZE + 1} bytes)`,
    );
  });

  it('a batch over maxMessageSize → 13', async () => {
    const entries = [0, 1].map(() => ({ flag: 0, body: Buffer.alloc(MAX_MESSAGE_SIZE / 2 + 10), properties: {} }));
    expectRefusal(await sendBatch(harness, broker.address, 'Good', entries, { queueId: 0 }), ResponseCode.MESSAGE_ILLEGAL, /^the batch is illegal: body of \d+ bytes exceeds maxMessageSize 65536$/);
  });

  it('properties over 32767 bytes → 13 with the store\'s reason', async () => {
    const response = await sendV2(harness, broker.address, 'Good', 'x', { queueId: 0, properties: { big: 'v'.repeat(40_000) } });
    expectRefusal(response, ResponseCode.MESSAGE_ILLEGAL, /msg properties length limit 32KB\. \(properties are \d+ bytes; at most 32767 are allowed\)$/);
  });

  it('illegal topic names → 1 with RocketMQ\'s texts', async () => {
    expectRefusal(await sendV2(harness, broker.address, 'bad topic!', 'x'), ResponseCode.SYSTEM_ERROR, 'The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$');
    expectRefusal(await sendV2(harness, broker.address, ' ', 'x'), ResponseCode.SYSTEM_ERROR, 'The specified topic is blank.');
    expectRefusal(await sendV2(harness, broker.address, 'T'.repeat(128), 'x'), ResponseCode.SYSTEM_ERROR, 'The specified topic is longer than topic max length.');
    expect(broker.context.topics.select('T'.repeat(128))).toBeUndefined();
  });

  it('sends to broker-only system topics → 16', async () => {
    for (const topic of ['SCHEDULE_TOPIC_XXXX', 'RMQ_SYS_TRANS_HALF_TOPIC', 'SELF_TEST_TOPIC']) {
      expectRefusal(await sendV2(harness, broker.address, topic, 'x'), ResponseCode.NO_PERMISSION, `Sending message to topic[${topic}] is forbidden.`);
    }
  });

  it('a topic without write permission → 16', async () => {
    expectRefusal(await sendV2(harness, broker.address, 'ReadOnly', 'x'), ResponseCode.NO_PERMISSION, 'the topic[ReadOnly] sending message is forbidden');
  });

  it('a queue id past the topic\'s queues → 1 naming the queue, the topic config and the producer', async () => {
    expectRefusal(
      await sendV2(harness, broker.address, 'Good', 'x', { queueId: 2 }),
      ResponseCode.SYSTEM_ERROR,
      /^request queueId\[2\] is illegal, TopicConfig \[topicName=Good, readQueueNums=2, writeQueueNums=2, perm=RW-, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false\] Producer: 127\.0\.0\.1:\d+$/,
    );
  });

  it('an unknown topic whose template cannot be inherited → 17 with the FAQ hint', async () => {
    expectRefusal(
      await sendV2(harness, broker.address, 'Unknown', 'x', { defaultTopic: 'SELF_TEST_TOPIC' }),
      ResponseCode.TOPIC_NOT_EXIST,
      'topic[Unknown] not exist, apply first please!\nSee http://rocketmq.apache.org/docs/faq/ for further details.',
    );
    expect(broker.context.topics.select('Unknown')).toBeUndefined();
  });

  it('a DELAY that is not a level → 13; delayed or transactional batches → 13; a batch body that does not decode → 13', async () => {
    expectRefusal(await sendV2(harness, broker.address, 'Good', 'x', { properties: { DELAY: 'soon' } }), ResponseCode.MESSAGE_ILLEGAL, 'the message is illegal: property DELAY "soon" is not a delay level');
    const entry = { flag: 0, body: Buffer.from('b'), properties: { TAGS: 't' } };
    expectRefusal(await sendBatch(harness, broker.address, 'Good', [entry], { properties: { DELAY: '1' } }), ResponseCode.MESSAGE_ILLEGAL, 'the batch is illegal: a batch cannot be delayed (DELAY)');
    expectRefusal(
      await sendBatch(harness, broker.address, 'Good', [entry, { ...entry, properties: { DELAY: '2' } }]),
      ResponseCode.MESSAGE_ILLEGAL,
      'the batch is illegal: message 1 has a DELAY level; delayed messages cannot be batched',
    );
    expectRefusal(await sendBatch(harness, broker.address, 'Good', [entry], { sysFlag: 0x4 }), ResponseCode.MESSAGE_ILLEGAL, 'the batch is illegal: a batch cannot hold transactional messages');
    const torn = await harness.invoke(broker.address, RequestCode.SEND_BATCH_MESSAGE, sendHeaderV2('Good', {}, true), Buffer.from([0, 0, 0, 99, 1, 2]));
    expectRefusal(torn, ResponseCode.MESSAGE_ILLEGAL, /^the batch is illegal: batch entry at offset 0/);
    expectRefusal(await sendBatch(harness, broker.address, 'Good', []), ResponseCode.MESSAGE_ILLEGAL, 'the batch is illegal: it holds no message');
  });

  it('a send header without a required field → 1 naming it', async () => {
    const header = sendHeaderV2('Good');
    delete header['b'];
    const response = await harness.invoke(broker.address, RequestCode.SEND_MESSAGE_V2, header, Buffer.from('x'));
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toBe('SendMessageRequestHeaderV2: the custom field <b> is null');
  });

  it('a full disk → 14 saying so; writes resume when space comes back', async () => {
    diskUsed = 0.97;
    await eventually(async () => (await sendV2(harness, `127.0.0.1:${broker.port}`, 'Good', 'probe', { queueId: 1 })).code === ResponseCode.SERVICE_NOT_AVAILABLE);
    expectRefusal(
      await sendV2(harness, broker.address, 'Good', 'x', { queueId: 0 }),
      ResponseCode.SERVICE_NOT_AVAILABLE,
      /^service not available now: disk of the commit log is 97% full; writes resume below 85%/,
    );
    diskUsed = 0.1;
    await eventually(async () => (await sendV2(harness, broker.address, 'Good', 'resumed', { queueId: 1 })).code === ResponseCode.SUCCESS);
  });

  it('sends before startAcceptSendRequestTimeStamp → 1; transactions while rejectTransactionMessage → 16', async () => {
    const until = Date.now() + 3_600_000;
    broker.context.config.startAcceptSendRequestTimeStamp = until;
    expectRefusal(await sendV2(harness, broker.address, 'Good', 'x'), ResponseCode.SYSTEM_ERROR, /^broker unable to service, until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}$/);
    broker.context.config.startAcceptSendRequestTimeStamp = 0;
    broker.context.config.rejectTransactionMessage = true;
    expectRefusal(
      await sendV2(harness, broker.address, 'Good', 'x', { sysFlag: 4, properties: { TRAN_MSG: 'true' } }),
      ResponseCode.NO_PERMISSION,
      'the broker[127.0.0.1] sending transaction message is forbidden',
    );
    broker.context.config.rejectTransactionMessage = false;
  });
});

describe('bad look-ups', () => {
  it('unknown topics, offsets and keys are answered, not failed', async () => {
    expect(await harness.invoke(broker.address, RequestCode.GET_TOPIC_STATS_INFO, { topic: 'NoSuchTopic' })).toMatchObject({ code: ResponseCode.TOPIC_NOT_EXIST, remark: 'topic[NoSuchTopic] not exist' });
    expect(await harness.invoke(broker.address, RequestCode.VIEW_MESSAGE_BY_ID, { offset: '-5' })).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: 'can not find message by the offset, -5' });
    const notNumber = await harness.invoke(broker.address, RequestCode.VIEW_MESSAGE_BY_ID, { offset: 'abc' });
    expect(notNumber).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: 'ViewMessageRequestHeader: the custom field <offset> is not a valid long: "abc"' });
    const query = await harness.invoke(broker.address, RequestCode.QUERY_MESSAGE, { topic: 'NoSuchTopic', key: 'k', maxNum: '1', beginTimestamp: '0', endTimestamp: '1' });
    expect(query.code).toBe(ResponseCode.QUERY_NOT_FOUND);
  });
});
