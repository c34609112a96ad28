/**
 * PULL_MESSAGE over the wire against a real broker and store: every answer of §6.3 with
 * its code, remark and the four header fields; records returned as stored; tag filters;
 * the checks of §6.2 in order; subscriptions from heartbeats (24 / 25); the piggy-backed
 * commit offset; LITE_PULL_MESSAGE; the VIP channel refusing pulls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { Harness, createTopic, sendV2 } from './support/harness.js';
import { TestConsumer, consumerData, pullHeader, tagSubscription } from './support/test-consumer.js';

const harness = new Harness();
let broker: Broker;
let consumer: TestConsumer;
/** SUBSCRIPTION, no SUSPEND: answered at once. */
const PULL_NOW = 4;

beforeAll(async () => {
  broker = await harness.broker();
  consumer = new TestConsumer(broker.address, '127.0.0.1@puller');
  expect((await createTopic(harness, broker.address, 'PullTopic', 2)).code).toBe(ResponseCode.SUCCESS);
  for (let i = 0; i < 6; i++) {
    const tags = i % 3 === 0 ? 'TagA' : 'TagB';
    expect((await sendV2(harness, broker.address, 'PullTopic', `message ${i}`, { queueId: 0, properties: { TAGS: tags, KEYS: `k${i}` } })).code).toBe(0);
  }
  expect((await createTopic(harness, broker.address, 'ReadOnly', 1, 2)).code).toBe(ResponseCode.SUCCESS);
});

afterAll(async () => {
  await consumer.close();
  await harness.cleanup();
});

function header(response: RemotingCommand): Record<string, string> {
  return { ...response.extFields };
}

function offsets(next: number, min: number, max: number): Record<string, string> {
  return { suggestWhichBrokerId: '0', nextBeginOffset: String(next), minOffset: String(min), maxOffset: String(max) };
}

describe('PULL_MESSAGE answers (§6.3)', () => {
  it('FOUND: code 0, the stored records as the body, nextBeginOffset after them', async () => {
    const response = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*' });
    expect([response.code, response.remark]).toEqual([ResponseCode.SUCCESS, 'FOUND']);
    expect(header(response)).toEqual(offsets(6, 0, 6));
    const records = decodeMessageRecords(response.body ?? Buffer.alloc(0));
    expect(records.map((record) => record.body.toString())).toEqual([0, 1, 2, 3, 4, 5].map((i) => `message ${i}`));
    expect(records.map((record) => record.queueOffset)).toEqual([0, 1, 2, 3, 4, 5]);
    const viewed = await harness.invoke(broker.address, RequestCode.VIEW_MESSAGE_BY_ID, { offset: String(records[2]?.commitLogOffset) });
    expect(viewed.body?.equals(decodeRecordBytes(response.body ?? Buffer.alloc(0), 2))).toBe(true);
  });

  it('maxMsgNums limits the batch; the tag filter skips messages but counts them in nextBeginOffset', async () => {
    const two = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*', queueOffset: 1, maxMsgNums: 2 });
    expect(header(two)).toEqual(offsets(3, 0, 6));
    expect(decodeMessageRecords(two.body ?? Buffer.alloc(0))).toHaveLength(2);
    const tagA = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: 'TagA' });
    expect(decodeMessageRecords(tagA.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['message 0', 'message 3']);
    expect(header(tagA).nextBeginOffset).toBe('6');
  });

  it('NO_MATCHED_MESSAGE: 20 with nextBeginOffset past the scanned entries', async () => {
    const response = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: 'TagC || TagD' });
    expect([response.code, response.remark, response.body]).toEqual([ResponseCode.PULL_RETRY_IMMEDIATELY, 'NO_MATCHED_MESSAGE', null]);
    expect(header(response)).toEqual(offsets(6, 0, 6));
  });

  it('OFFSET_OVERFLOW_ONE: 19 at the end of the queue (not parked without SUSPEND)', async () => {
    const response = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*', queueOffset: 6 });
    expect([response.code, response.remark]).toEqual([ResponseCode.PULL_NOT_FOUND, 'OFFSET_OVERFLOW_ONE']);
    expect(header(response)).toEqual(offsets(6, 0, 6));
  });

  it('offsets past the end or before the start: 21 with the offset to move to', async () => {
    const badly = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*', queueOffset: 1000 });
    expect([badly.code, badly.remark]).toEqual([ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_OVERFLOW_BADLY']);
    expect(header(badly)).toEqual(offsets(6, 0, 6));
    const negative = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*', queueOffset: -5 });
    expect([negative.code, negative.remark]).toEqual([ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_TOO_SMALL']);
    expect(header(negative)).toEqual(offsets(0, 0, 6));
  });

  it('an empty or missing queue: 19 at offset 0, 21 elsewhere, next 0', async () => {
    const empty = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', queueId: 1, sysFlag: PULL_NOW, subscription: '*' });
    expect([empty.code, empty.remark]).toEqual([ResponseCode.PULL_NOT_FOUND, 'NO_MESSAGE_IN_QUEUE']);
    expect(header(empty)).toEqual(offsets(0, 0, 0));
    const moved = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', queueId: 1, sysFlag: PULL_NOW, subscription: '*', queueOffset: 3 });
    expect([moved.code, moved.remark]).toEqual([ResponseCode.PULL_OFFSET_MOVED, 'NO_MESSAGE_IN_QUEUE']);
    expect(header(moved)).toEqual(offsets(0, 0, 0));
  });

  it('LITE_PULL_MESSAGE (361) is served like 11', async () => {
    const response = await consumer.invoke(RequestCode.LITE_PULL_MESSAGE, pullHeader({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW | 0x10, subscription: 'TagA' }));
    expect([response.code, header(response).nextBeginOffset]).toEqual([ResponseCode.SUCCESS, '6']);
  });
});

describe('PULL_MESSAGE checks (§6.2), in order', () => {
  it('a broker without read permission: 16', async () => {
    broker.context.config.brokerPermission = 2;
    try {
      const response = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*' });
      expect([response.code, response.remark]).toEqual([ResponseCode.NO_PERMISSION, 'the broker[127.0.0.1] pulling message is forbidden']);
      expect(response.extFields).toEqual({});
    } finally {
      broker.context.config.brokerPermission = 6;
    }
  });

  it('an unknown group with autoCreateSubscriptionGroup=false: 26; a group that may not consume: 16', async () => {
    broker.context.config.autoCreateSubscriptionGroup = false;
    try {
      const response = await consumer.pull({ consumerGroup: 'UNKNOWN_G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*' });
      expect(response.code).toBe(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
      expect(response.remark).toMatch(/^subscription group \[UNKNOWN_G\] does not exist, \nSee http/);
    } finally {
      broker.context.config.autoCreateSubscriptionGroup = true;
    }
    broker.context.subscriptionGroups.findOrCreate('DISABLED_G');
    broker.context.subscriptionGroups.disableConsume('DISABLED_G');
    const disabled = await consumer.pull({ consumerGroup: 'DISABLED_G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*' });
    expect([disabled.code, disabled.remark]).toEqual([ResponseCode.NO_PERMISSION, 'subscription group no permission, DISABLED_G']);
  });

  it('an unknown topic: 17; a topic without read permission: 16; a queue out of range: 1', async () => {
    const unknown = await consumer.pull({ consumerGroup: 'G', topic: 'NoSuchTopic', sysFlag: PULL_NOW, subscription: '*' });
    expect(unknown.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect(unknown.remark).toMatch(/^topic\[NoSuchTopic\] not exist, apply first please!/);
    const readOnly = await consumer.pull({ consumerGroup: 'G', topic: 'ReadOnly', sysFlag: PULL_NOW, subscription: '*' });
    expect([readOnly.code, readOnly.remark]).toEqual([ResponseCode.NO_PERMISSION, 'the topic[ReadOnly] pulling message is forbidden']);
    const queue = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', queueId: 2, sysFlag: PULL_NOW, subscription: '*' });
    expect(queue.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(queue.remark).toMatch(/^queueId\[2\] is illegal, topic:\[PullTopic\] topicConfig\.readQueueNums:\[2\] consumer:\[127\.0\.0\.1:\d+\]$/);
  });

  it('a header without a required field: 1 naming it', async () => {
    const fields = pullHeader({ consumerGroup: 'G', topic: 'PullTopic' });
    delete fields['queueOffset'];
    const response = await consumer.invoke(RequestCode.PULL_MESSAGE, fields);
    expect([response.code, response.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'PullMessageRequestHeader: the custom field <queueOffset> is null']);
  });

  it('without SUBSCRIPTION the heartbeat subscription is used: 24 without group or topic, 25 when older than the pull', async () => {
    const noGroup = await consumer.pull({ consumerGroup: 'HB_G', topic: 'PullTopic', sysFlag: 0 });
    expect(noGroup.code).toBe(ResponseCode.SUBSCRIPTION_NOT_EXIST);
    expect(noGroup.remark).toMatch(/^the consumer's group info not exist\nSee http/);
    await consumer.heartbeat([consumerData('HB_G', [tagSubscription('PullTopic', 'TagA', 100)])]);
    const noTopic = await consumer.pull({ consumerGroup: 'HB_G', topic: 'ReadOnlyOther', sysFlag: 0 });
    expect(noTopic.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    const otherTopic = await consumer.pull({ consumerGroup: 'HB_G', topic: '%RETRY%HB_G', sysFlag: 0 });
    expect(otherTopic.code).toBe(ResponseCode.SUBSCRIPTION_NOT_EXIST);
    expect(otherTopic.remark).toMatch(/^the consumer's subscription not exist\nSee http/);
    const stale = await consumer.pull({ consumerGroup: 'HB_G', topic: 'PullTopic', sysFlag: 0, subVersion: 101 });
    expect([stale.code, stale.remark, stale.extFields]).toEqual([ResponseCode.SUBSCRIPTION_NOT_LATEST, "the consumer's subscription not latest", {}]);
    const found = await consumer.pull({ consumerGroup: 'HB_G', topic: 'PullTopic', sysFlag: 0, subVersion: 100 });
    expect(decodeMessageRecords(found.body ?? Buffer.alloc(0)).map((record) => record.properties['TAGS'])).toEqual(['TagA', 'TagA']);
  });

  it('a BROADCASTING group whose config forbids broadcast: 16', async () => {
    await broker.context.subscriptionGroups.update({ ...broker.context.subscriptionGroups.all().get('TOOLS_CONSUMER')!, groupName: 'BC_G', consumeBroadcastEnable: false });
    await consumer.heartbeat([consumerData('BC_G', [tagSubscription('PullTopic')], 'BROADCASTING')]);
    const response = await consumer.pull({ consumerGroup: 'BC_G', topic: 'PullTopic', sysFlag: 0 });
    expect([response.code, response.remark]).toEqual([ResponseCode.NO_PERMISSION, 'the consumer group[BC_G] can not consume by broadcast way']);
  });

  it('SQL92: 1 as a broker without property filter; a blank SQL92 expression: 23', async () => {
    const sql = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: 'a > 1', expressionType: 'SQL92' });
    expect([sql.code, sql.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The broker does not support consumer to filter message by SQL92']);
    const blank = await consumer.pull({ consumerGroup: 'G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: ' ', expressionType: 'SQL92' });
    expect([blank.code, blank.remark]).toEqual([ResponseCode.SUBSCRIPTION_PARSE_FAILED, "parse the consumer's subscription failed"]);
  });
});

describe('PULL_MESSAGE side effects', () => {
  it('stores the piggy-backed commit offset (COMMIT_OFFSET bit) and counts the messages got', async () => {
    const before = broker.context.stats.snapshot().msgGetTotalTodayNow;
    await consumer.pull({ consumerGroup: 'COMMIT_G', topic: 'PullTopic', sysFlag: PULL_NOW | 1, subscription: '*', commitOffset: 4, queueOffset: 4 });
    expect(broker.context.consumerOffsets.queryOffset('COMMIT_G', 'PullTopic', 0)).toBe(4);
    expect(broker.context.stats.snapshot().msgGetTotalTodayNow - before).toBe(2);
    await consumer.pull({ consumerGroup: 'COMMIT_G', topic: 'PullTopic', sysFlag: PULL_NOW, subscription: '*', commitOffset: 5 });
    expect(broker.context.consumerOffsets.queryOffset('COMMIT_G', 'PullTopic', 0)).toBe(4);
  });

  it('the VIP channel does not serve pulls (3) but serves the rest', async () => {
    const vip = new RemotingClient();
    try {
      const address = `127.0.0.1:${broker.vipPort}`;
      const pull = await vip.invoke(address, createRequest(RequestCode.PULL_MESSAGE, { extFields: pullHeader({ consumerGroup: 'G', topic: 'PullTopic' }) }));
      expect(pull.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
      const offset = await vip.invoke(address, createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { extFields: { consumerGroup: 'COMMIT_G', topic: 'PullTopic', queueId: '0' } }));
      expect(offset.extFields).toEqual({ offset: '4' });
    } finally {
      await vip.shutdown();
    }
  });
});

/** The bytes of the `index`-th record of a pull body. */
function decodeRecordBytes(body: Buffer, index: number): Buffer {
  let position = 0;
  for (let i = 0; i < index; i++) position += body.readInt32BE(position);
  return body.subarray(position, position + body.readInt32BE(position));
}
