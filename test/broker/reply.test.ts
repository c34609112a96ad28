/**
 * Request/reply (SEND_REPLY_MESSAGE 324, SEND_REPLY_MESSAGE_V2 325) as RocketMQ 4.9.8's
 * ReplyMessageProcessor serves it: the replier's message is pushed as
 * PUSH_REPLY_MESSAGE_TO_CLIENT (326) to the producer connection whose clientId is its
 * REPLY_TO_CLIENT property, then stored in its topic (<cluster>_REPLY_TOPIC) unless
 * storeReplyMessageEnable is off; the answer's code follows the push.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { SendMessageRequestHeaderV2 } from '../../src/protocol/headers/send-message-request-header-v2.js';
import { SendMessageRequestHeader } from '../../src/protocol/headers/send-message-request-header.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { decodeProperties } from '../../src/protocol/message/properties.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { createResponse, type ExtFields, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { Harness, eventually, sendHeaderV2 } from './support/harness.js';
import { TestConsumer } from './support/test-consumer.js';

const REPLY_TOPIC = 'DefaultCluster_REPLY_TOPIC';
const harness = new Harness();
let broker: Broker;
let requester: TestConsumer;
let pushes: RemotingCommand[];
/** How the requester answers a push (0 unless a test says otherwise). */
let pushAnswer: number;

function replyProperties(clientId: string | undefined, correlationId: string): Record<string, string> {
  const properties: Record<string, string> = { CLUSTER: 'DefaultCluster', CORRELATION_ID: correlationId, MSG_TYPE: 'reply', TTL: '3000', UNIQ_KEY: `U-${correlationId}` };
  if (clientId !== undefined) properties['REPLY_TO_CLIENT'] = clientId;
  return properties;
}

function sendReply(extFields: ExtFields, body: string, code: number = RequestCode.SEND_REPLY_MESSAGE_V2): Promise<RemotingCommand> {
  return harness.invoke(broker.address, code, extFields, Buffer.from(body));
}

function replyHeader(clientId: string | undefined, correlationId: string, topic = REPLY_TOPIC, queueId = 0): ExtFields {
  return sendHeaderV2(topic, { producerGroup: 'REPLIER_PG', queueId, properties: replyProperties(clientId, correlationId), flag: 7, reconsumeTimes: 0 });
}

async function maxOffset(): Promise<number> {
  const answer = await harness.invoke(broker.address, RequestCode.GET_MAX_OFFSET, { topic: REPLY_TOPIC, queueId: '0' });
  return Number(answer.extFields?.['offset']);
}

async function pullReplies(offset: number): Promise<ReturnType<typeof decodeMessageRecords>> {
  const answer = await requester.pull({ consumerGroup: 'REPLY_READER', topic: REPLY_TOPIC, queueOffset: offset, sysFlag: 4, subscription: '*', suspendTimeoutMillis: 0 });
  expect(answer.code).toBe(ResponseCode.SUCCESS);
  return decodeMessageRecords(answer.body ?? Buffer.alloc(0));
}

beforeAll(async () => {
  broker = await harness.broker();
  pushes = [];
  pushAnswer = ResponseCode.SUCCESS;
  requester = new TestConsumer(broker.address, '127.0.0.1@requester');
  requester.remoting.registerHandler(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, (request) => {
    pushes.push(request);
    return createResponse(request, pushAnswer, { remark: pushAnswer === ResponseCode.SUCCESS ? null : 'process reply message fail' });
  });
  expect((await requester.heartbeat([], ['REQUEST_PG'])).code).toBe(ResponseCode.SUCCESS);
});

afterAll(async () => {
  await requester.close();
  await harness.cleanup();
});

describe('request/reply', () => {
  it('SEND_REPLY_MESSAGE_V2: pushed to the requester with the header fields and body, stored in <cluster>_REPLY_TOPIC', async () => {
    const before = await maxOffset();
    const sentAt = Date.now();
    const header = replyHeader('127.0.0.1@requester', 'corr-1');
    const answer = await sendReply(header, 'the reply');
    expect([answer.code, answer.remark]).toEqual([ResponseCode.SUCCESS, null]);
    expect(answer.extFields?.['msgId']).toMatch(/^[0-9A-F]{32}$/);
    expect(answer.extFields?.['queueId']).toBe('0');
    expect(answer.extFields?.['queueOffset']).toBe(String(before));
    expect([answer.extFields?.['MSG_REGION'], answer.extFields?.['TRACE_ON']]).toEqual(['DefaultRegion', 'true']);

    expect(pushes).toHaveLength(1);
    const push = pushes[0] as RemotingCommand;
    expect(push.code).toBe(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT);
    expect(push.body?.toString()).toBe('the reply');
    const fields = push.extFields ?? {};
    const replier = await harness.client.connection(broker.address);
    expect(fields).toMatchObject({
      producerGroup: 'REPLIER_PG',
      topic: REPLY_TOPIC,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: '4',
      queueId: '0',
      sysFlag: '0',
      bornTimestamp: header['g'],
      flag: '7',
      reconsumeTimes: '0',
      unitMode: 'false',
      bornHost: replier.localAddress,
      storeHost: broker.address,
    });
    expect(Number(fields['storeTimestamp'])).toBeGreaterThanOrEqual(sentAt);
    const pushed = decodeProperties(fields['properties'] ?? '');
    expect(pushed).toMatchObject(replyProperties('127.0.0.1@requester', 'corr-1'));
    expect(Number(pushed['PUSH_REPLY_TIME'])).toBeGreaterThanOrEqual(sentAt);

    const [stored] = await pullReplies(before);
    expect(stored?.body.toString()).toBe('the reply');
    expect(stored?.properties).toEqual(replyProperties('127.0.0.1@requester', 'corr-1'));
    expect([stored?.sysFlag, stored?.flag, stored?.queueOffset]).toEqual([0, 7, before]);
    expect(`${stored?.bornHost.host}:${stored?.bornHost.port}`).toBe(replier.localAddress);
  });

  it('SEND_REPLY_MESSAGE (324, long header keys) is served the same way', async () => {
    const v2 = SendMessageRequestHeaderV2.decode(replyHeader('127.0.0.1@requester', 'corr-324'));
    const answer = await sendReply(SendMessageRequestHeader.encode(v2), 'v1 reply', RequestCode.SEND_REPLY_MESSAGE);
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    const push = pushes.find((request) => decodeProperties(request.extFields?.['properties'] ?? '')['CORRELATION_ID'] === 'corr-324');
    expect(push?.body?.toString()).toBe('v1 reply');
  });

  it('storeReplyMessageEnable=false: pushed, not stored, answered 0 with msgId "0" and queueOffset 0', async () => {
    const before = await maxOffset();
    broker.context.config.storeReplyMessageEnable = false;
    try {
      const answer = await sendReply(replyHeader('127.0.0.1@requester', 'corr-nostore'), 'not kept');
      expect(answer.code).toBe(ResponseCode.SUCCESS);
      expect([answer.extFields?.['msgId'], answer.extFields?.['queueId'], answer.extFields?.['queueOffset']]).toEqual(['0', '0', '0']);
    } finally {
      broker.context.config.storeReplyMessageEnable = true;
    }
    expect(pushes.some((request) => request.body?.toString() === 'not kept')).toBe(true);
    expect(await maxOffset()).toBe(before);
  });

  it('requester not connected: 1 `push reply message fail, channel of <id> not found.`, the reply stored all the same', async () => {
    const gone = new TestConsumer(broker.address, '127.0.0.1@gone');
    expect((await gone.heartbeat([], ['GONE_PG'])).code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.producers.findConnection('127.0.0.1@gone')).toBeDefined();
    await gone.close();
    await eventually(() => broker.context.producers.findConnection('127.0.0.1@gone') === undefined);

    const before = await maxOffset();
    const answer = await sendReply(replyHeader('127.0.0.1@gone', 'corr-gone'), 'nobody listens');
    expect([answer.code, answer.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'push reply message fail, channel of <127.0.0.1@gone> not found.']);
    expect([answer.extFields?.['queueId'], answer.extFields?.['queueOffset']]).toEqual(['0', String(before)]);
    expect(answer.extFields?.['msgId']).toMatch(/^[0-9A-F]{32}$/);
    const [stored] = await pullReplies(before);
    expect(stored?.body.toString()).toBe('nobody listens');
  });

  it('requester gone and storing off: 1 without msgId, nothing stored', async () => {
    const before = await maxOffset();
    broker.context.config.storeReplyMessageEnable = false;
    try {
      const answer = await sendReply(replyHeader('127.0.0.1@never', 'corr-never'), 'lost');
      expect([answer.code, answer.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'push reply message fail, channel of <127.0.0.1@never> not found.']);
      expect(answer.extFields).toEqual({ MSG_REGION: 'DefaultRegion', TRACE_ON: 'true' });
    } finally {
      broker.context.config.storeReplyMessageEnable = true;
    }
    expect(await maxOffset()).toBe(before);
  });

  it('no REPLY_TO_CLIENT: 1 `reply message properties[REPLY_TO_CLIENT] is null`; the requester failing the push: 1 `push reply message to <id>fail.`', async () => {
    const missing = await sendReply(replyHeader(undefined, 'corr-none'), 'to whom');
    expect([missing.code, missing.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'reply message properties[REPLY_TO_CLIENT] is null']);

    pushAnswer = ResponseCode.SYSTEM_ERROR;
    try {
      const refused = await sendReply(replyHeader('127.0.0.1@requester', 'corr-refused'), 'refused by the requester');
      expect([refused.code, refused.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'push reply message to 127.0.0.1@requesterfail.']);
      expect(refused.extFields?.['msgId']).toMatch(/^[0-9A-F]{32}$/);
    } finally {
      pushAnswer = ResponseCode.SUCCESS;
    }
  });

  it('topic and queue checks as the send path: bad name 1, forbidden topic 16, unknown topic 17, queueId too big 1; nothing pushed', async () => {
    const pushedBefore = pushes.length;
    const badName = await sendReply(replyHeader('127.0.0.1@requester', 'c1', 'bad topic!'), 'x');
    expect([badName.code, badName.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$']);
    expect([badName.extFields?.['MSG_REGION'], badName.extFields?.['TRACE_ON']]).toEqual(['DefaultRegion', 'true']);

    const forbidden = await sendReply(replyHeader('127.0.0.1@requester', 'c2', 'SCHEDULE_TOPIC_XXXX'), 'x');
    expect([forbidden.code, forbidden.remark]).toEqual([ResponseCode.NO_PERMISSION, 'Sending message to topic[SCHEDULE_TOPIC_XXXX] is forbidden.']);

    const unknownHeader = replyHeader('127.0.0.1@requester', 'c3', 'NoSuchReplyTopic');
    unknownHeader['c'] = 'NO_SUCH_DEFAULT_TOPIC';
    const unknown = await sendReply(unknownHeader, 'x');
    expect(unknown.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect(unknown.remark).toMatch(/^topic\[NoSuchReplyTopic\] not exist, apply first please!/);

    const badQueue = await sendReply(replyHeader('127.0.0.1@requester', 'c4', REPLY_TOPIC, 1), 'x');
    expect(badQueue.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(badQueue.remark).toMatch(/^request queueId\[1\] is illegal, TopicConfig \[topicName=DefaultCluster_REPLY_TOPIC, .*\] Producer: 127\.0\.0\.1:\d+$/);
    expect(pushes.length).toBe(pushedBefore);
  });

  it('a negative queueId picks the reply topic queue; the push keeps the queueId as sent', async () => {
    const answer = await sendReply(replyHeader('127.0.0.1@requester', 'corr-neg', REPLY_TOPIC, -1), 'any queue');
    expect([answer.code, answer.extFields?.['queueId']]).toEqual([ResponseCode.SUCCESS, '0']);
    const push = pushes.find((request) => request.body?.toString() === 'any queue');
    expect(push?.extFields?.['queueId']).toBe('-1');
  });
});
