/**
 * CONSUMER_SEND_MSG_BACK (36) against a real broker with short delay levels: the retry copy
 * (RETRY_TOPIC, ORIGIN_MESSAGE_ID, WAIT=false, reconsumeTimes + 1) waits in
 * SCHEDULE_TOPIC_XXXX for 3 + reconsumeTimes levels and reaches %RETRY%<group>; after
 * maxReconsumeTimes (the header's, or the group's retryMaxTimes for old clients) or with a
 * negative delay level it goes to %DLQ%<group>; the refusals; sends to a %RETRY% topic
 * follow the group's retryMaxTimes too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { subscriptionGroupConfig } from '../../src/protocol/bodies/subscription-group-config.js';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { decodeMessageRecords, type MessageRecord } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { Harness, createTopic, eventually, sendV2 } from './support/harness.js';

/** Level n is n × 50 ms. */
const SHORT_LEVELS = Array.from({ length: 18 }, (_, i) => `${(i + 1) * 50}ms`).join(' ');
const harness = new Harness();
let broker: Broker;

beforeAll(async () => {
  broker = await harness.broker({ messageDelayLevel: SHORT_LEVELS });
  expect((await createTopic(harness, broker.address, 'SbTopic', 1)).code).toBe(0);
});

afterAll(() => harness.cleanup());

let lastMsgId = '';

async function sendOriginal(body: string): Promise<number> {
  const answer = await sendV2(harness, broker.address, 'SbTopic', body, { properties: { TAGS: 'TagS', KEYS: body, UNIQ_KEY: `U-${body}` } });
  expect(answer.code).toBe(0);
  lastMsgId = answer.extFields?.['msgId'] ?? '';
  return parseOffsetMessageId(lastMsgId).commitLogOffset;
}

function sendBack(offset: number, group: string, fields: Record<string, string> = {}, version = 409) {
  const extFields = { offset: String(offset), group, delayLevel: '0', originTopic: 'SbTopic', maxReconsumeTimes: '2', unitMode: 'false', ...fields };
  return harness.client.invoke(broker.address, createRequest(RequestCode.CONSUMER_SEND_MSG_BACK, { extFields, version }));
}

async function recordsOf(topic: string, queueId = 0): Promise<MessageRecord[]> {
  const max = broker.context.store.getMaxOffsetInQueue(topic, queueId);
  if (max === 0) return [];
  const result = await broker.context.store.getMessage(topic, queueId, 0, 1000);
  return result.records.flatMap((bytes) => decodeMessageRecords(bytes));
}

describe('CONSUMER_SEND_MSG_BACK', () => {
  it('delays a retry copy by 3 + reconsumeTimes levels, then it is in %RETRY%<group>', async () => {
    const offset = await sendOriginal('retry-me');
    const started = Date.now();
    const answer = await sendBack(offset, 'SB_G');
    expect([answer.code, answer.remark, answer.extFields]).toEqual([ResponseCode.SUCCESS, null, null]);
    expect(broker.context.topics.select('%RETRY%SB_G')).toMatchObject({ readQueueNums: 1, perm: 6 });
    const scheduled = await recordsOf('SCHEDULE_TOPIC_XXXX', 2);
    expect(scheduled.map((record) => record.body.toString())).toEqual(['retry-me']);
    await eventually(async () => (await recordsOf('%RETRY%SB_G')).length === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const [retried] = await recordsOf('%RETRY%SB_G');
    expect(retried?.body.toString()).toBe('retry-me');
    expect(retried?.reconsumeTimes).toBe(1);
    expect(retried?.properties).toMatchObject({
      TAGS: 'TagS',
      KEYS: 'retry-me',
      UNIQ_KEY: 'U-retry-me',
      RETRY_TOPIC: 'SbTopic',
      REAL_TOPIC: '%RETRY%SB_G',
      REAL_QID: '0',
      DELAY: '3',
      WAIT: 'false',
      ORIGIN_MESSAGE_ID: lastMsgId,
    });
    const runtime = await harness.invoke(broker.address, RequestCode.GET_BROKER_RUNTIME_INFO);
    expect(JSON.parse(runtime.body?.toString() ?? '{}').table['scheduleMessageOffset_3']).toBe('1,1');
  });

  it('sends the copy of a copy on with the same origin, and to %DLQ%<group> at maxReconsumeTimes', async () => {
    const offset = await sendOriginal('fail-always');
    await sendBack(offset, 'DLQ_G');
    await eventually(async () => (await recordsOf('%RETRY%DLQ_G')).length === 1);
    const first = (await recordsOf('%RETRY%DLQ_G'))[0] as MessageRecord;
    await sendBack(first.commitLogOffset, 'DLQ_G');
    await eventually(async () => (await recordsOf('%RETRY%DLQ_G')).length === 2);
    const second = (await recordsOf('%RETRY%DLQ_G'))[1] as MessageRecord;
    expect([second.reconsumeTimes, second.properties['DELAY'], second.properties['ORIGIN_MESSAGE_ID']]).toEqual([2, '4', first.properties['ORIGIN_MESSAGE_ID']]);
    expect((await sendBack(second.commitLogOffset, 'DLQ_G')).code).toBe(ResponseCode.SUCCESS);
    const [dead] = await recordsOf('%DLQ%DLQ_G');
    expect([dead?.reconsumeTimes, dead?.properties['DELAY'], dead?.properties['RETRY_TOPIC'], dead?.body.toString()]).toEqual([3, '0', 'SbTopic', 'fail-always']);
    expect(broker.context.topics.select('%DLQ%DLQ_G')).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
  });

  it('goes straight to the DLQ with a negative delay level', async () => {
    const offset = await sendOriginal('no-retry');
    expect((await sendBack(offset, 'NEG_G', { delayLevel: '-1' })).code).toBe(0);
    expect((await recordsOf('%DLQ%NEG_G')).map((record) => record.reconsumeTimes)).toEqual([1]);
  });

  it('uses the group retryMaxTimes for clients older than V3_4_9 and when the header has none', async () => {
    await broker.context.subscriptionGroups.update({ ...subscriptionGroupConfig('OLD_G'), retryMaxTimes: 0 });
    const offset = await sendOriginal('old-client');
    expect((await sendBack(offset, 'OLD_G', {}, 100)).code).toBe(0);
    expect(await recordsOf('%DLQ%OLD_G')).toHaveLength(1);
    expect((await sendBack(offset, 'OLD_G', { maxReconsumeTimes: '5' }, 100)).code).toBe(0);
    expect(await recordsOf('%DLQ%OLD_G')).toHaveLength(2);
  });

  it('drops the message for a group with retryQueueNums 0, and refuses what it cannot do', async () => {
    await broker.context.subscriptionGroups.update({ ...subscriptionGroupConfig('NORETRY_G'), retryQueueNums: 0 });
    const offset = await sendOriginal('dropped');
    expect((await sendBack(offset, 'NORETRY_G')).code).toBe(0);
    expect(broker.context.topics.select('%RETRY%NORETRY_G')).toBeUndefined();
    const missing = await sendBack(123_456_789, 'SB_G');
    expect([missing.code, missing.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'look message by offset failed, 123456789']);
    broker.context.config.autoCreateSubscriptionGroup = false;
    try {
      const unknown = await sendBack(offset, 'UNKNOWN_SB_G');
      expect(unknown.code).toBe(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
      expect(unknown.remark).toMatch(/^subscription group not exist, UNKNOWN_SB_G \nSee http/);
    } finally {
      broker.context.config.autoCreateSubscriptionGroup = true;
    }
    broker.context.config.brokerPermission = 4;
    try {
      expect((await sendBack(offset, 'SB_G')).code).toBe(ResponseCode.NO_PERMISSION);
    } finally {
      broker.context.config.brokerPermission = 6;
    }
  });
});

describe('sends to %RETRY% topics', () => {
  it('go to the DLQ at the group retryMaxTimes when the client sends no maxReconsumeTimes', async () => {
    await broker.context.subscriptionGroups.update({ ...subscriptionGroupConfig('SEND_G'), retryMaxTimes: 1 });
    const answer = await sendV2(harness, broker.address, '%RETRY%SEND_G', 'resent', { queueId: 0, reconsumeTimes: 1, properties: { RETRY_TOPIC: 'SbTopic' } });
    expect(answer.code).toBe(0);
    expect((await recordsOf('%DLQ%SEND_G')).map((record) => record.body.toString())).toEqual(['resent']);
  });
});
