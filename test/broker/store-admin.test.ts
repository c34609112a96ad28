/**
 * The admin codes that look into or clean the store's consume queues, against a real
 * broker (in-process, real sockets and store files): CLEAN_EXPIRED_CONSUMEQUEUE 306,
 * CLEAN_UNUSED_TOPIC 316, QUERY_CONSUME_QUEUE 321, QUERY_CONSUME_TIME_SPAN 303.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { decodeQueryConsumeQueueResponseBody } from '../../src/protocol/bodies/query-consume-queue-response-body.js';
import { decodeQueryConsumeTimeSpanBody } from '../../src/protocol/bodies/query-consume-time-span-body.js';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { tagsCodeOf } from '../../src/protocol/message/tag-hash.js';
import type { FileMessageStore } from '../../src/store/file-message-store.js';
import { Harness, createTopic, eventually, sendV2 } from './support/harness.js';
import { TestConsumer, consumerData, tagSubscription } from './support/test-consumer.js';

const harness = new Harness();
let broker: Broker;

beforeAll(async () => {
  broker = await harness.broker({ mappedFileSizeCommitLog: 64 * 1024, fileReservedTime: 0, deleteWhen: '99', cleanResourceInterval: 20 });
});
afterAll(async () => {
  await consumer?.close();
  await harness.cleanup();
});
let consumer: TestConsumer | undefined;

const at = (code: number, extFields: Record<string, string> | null = null) => harness.invoke(broker.address, code, extFields);
const queueDir = (topic: string) => join(broker.context.config.storePathRootDir, 'consumequeue', topic);

describe('CLEAN_UNUSED_TOPIC', () => {
  it('removes the consume queues of topics missing from the topic table and keeps the rest', async () => {
    await createTopic(harness, broker.address, 'Stays', 1);
    await createTopic(harness, broker.address, 'Forgotten', 2);
    expect((await sendV2(harness, broker.address, 'Stays', 'kept', { queueId: 0 })).code).toBe(ResponseCode.SUCCESS);
    expect((await sendV2(harness, broker.address, 'Forgotten', 'dropped', { queueId: 1 })).code).toBe(ResponseCode.SUCCESS);
    broker.context.topics.deleteTopicConfig('Forgotten');
    expect(broker.context.store.queuesOf('Forgotten')).toEqual([1]);

    const response = await at(RequestCode.CLEAN_UNUSED_TOPIC);
    expect(response).toMatchObject({ code: ResponseCode.SUCCESS, remark: null });
    expect(broker.context.store.queuesOf('Forgotten')).toEqual([]);
    expect(existsSync(queueDir('Forgotten'))).toBe(false);
    expect(broker.context.store.getMaxOffsetInQueue('Stays', 0)).toBe(1);
    expect(broker.context.store.queuesOf('Stays')).toEqual([0]);
  });
});

describe('CLEAN_EXPIRED_CONSUMEQUEUE', () => {
  it('removes the queues whose messages are all in deleted commit-log files; others stay', async () => {
    await createTopic(harness, broker.address, 'Expiring', 1);
    await createTopic(harness, broker.address, 'Filler', 1);
    expect((await sendV2(harness, broker.address, 'Expiring', 'old', { queueId: 0 })).code).toBe(ResponseCode.SUCCESS);
    expect((await at(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE)).code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.store.queuesOf('Expiring')).toEqual([0]);

    const body = 'x'.repeat(2000);
    for (let i = 0; i < 100; i++) expect((await sendV2(harness, broker.address, 'Filler', body, { queueId: 0 })).code).toBe(ResponseCode.SUCCESS);
    (broker.context.store as FileMessageStore).requestFileDeletion();
    await eventually(() => broker.context.store.stats().commitLogMinOffset > 0);

    const response = await at(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE);
    expect(response).toMatchObject({ code: ResponseCode.SUCCESS, remark: null });
    expect(broker.context.store.queuesOf('Expiring')).toEqual([]);
    expect(existsSync(queueDir('Expiring'))).toBe(false);
    expect(broker.context.store.queuesOf('Filler')).toEqual([0]);
    expect(broker.context.store.getMaxOffsetInQueue('Filler', 0)).toBe(100);
    expect((await sendV2(harness, broker.address, 'Expiring', 'new', { queueId: 0 })).extFields?.['queueOffset']).toBe('0');
  });
});

describe('QUERY_CONSUME_QUEUE', () => {
  const sent: { physicOffset: number; physicSize: number }[] = [];
  const query = (fields: Record<string, string>) => at(RequestCode.QUERY_CONSUME_QUEUE, fields);

  beforeAll(async () => {
    await createTopic(harness, broker.address, 'CqTopic', 2);
    for (let i = 0; i < 3; i++) {
      const response = await sendV2(harness, broker.address, 'CqTopic', `cq ${i}`, { queueId: 0, properties: { TAGS: 'TagC', WAIT: 'true' } });
      const offset = parseOffsetMessageId(response.extFields?.['msgId'] ?? '').commitLogOffset;
      const record = await broker.context.store.selectRecordByOffset(offset);
      sent.push({ physicOffset: offset, physicSize: record?.length ?? 0 });
    }
  });

  it('answers the queue bounds and the units from the index, at most count', async () => {
    const response = await query({ topic: 'CqTopic', queueId: '0', index: '1', count: '10' });
    expect(response).toMatchObject({ code: ResponseCode.SUCCESS, remark: null });
    const body = decodeQueryConsumeQueueResponseBody(response.body ?? Buffer.alloc(0));
    expect(body).toEqual({
      maxQueueIndex: 3,
      minQueueIndex: 0,
      queueData: sent.slice(1).map((unit) => ({ ...unit, tagsCode: tagsCodeOf('TagC'), eval: false })),
    });
    const one = decodeQueryConsumeQueueResponseBody((await query({ topic: 'CqTopic', queueId: '0', index: '0', count: '1' })).body ?? Buffer.alloc(0));
    expect(one.queueData).toEqual([{ ...sent[0], tagsCode: tagsCodeOf('TagC'), eval: false }]);
    expect(JSON.parse(response.body?.toString() ?? '{}')).not.toHaveProperty('subscriptionData');
  });

  it("with a consumer group: its subscription and filterData, or `<group>@<topic> is not online!`", async () => {
    const offline = decodeQueryConsumeQueueResponseBody((await query({ topic: 'CqTopic', queueId: '0', index: '0', count: '1', consumerGroup: 'CqGroup' })).body ?? Buffer.alloc(0));
    expect(offline.subscriptionData).toBeUndefined();
    expect(offline.filterData).toBe('CqGroup@CqTopic is not online!');

    consumer = new TestConsumer(broker.address, '127.0.0.1@cq');
    expect((await consumer.heartbeat([consumerData('CqGroup', [tagSubscription('CqTopic', 'TagC')])])).code).toBe(ResponseCode.SUCCESS);
    const online = decodeQueryConsumeQueueResponseBody((await query({ topic: 'CqTopic', queueId: '0', index: '0', count: '1', consumerGroup: 'CqGroup' })).body ?? Buffer.alloc(0));
    expect(online.subscriptionData).toMatchObject({ topic: 'CqTopic', subString: 'TagC', tagsSet: ['TagC'] });
    expect(online.filterData).toBe('null');
    expect(online.queueData).toHaveLength(1);
  });

  it('answers 0 without a body and `Index … is not exist!` outside [min, max)', async () => {
    for (const index of ['3', '-1']) {
      const response = await query({ topic: 'CqTopic', queueId: '0', index, count: '10' });
      expect(response).toMatchObject({ code: ResponseCode.SUCCESS, remark: `Index ${index} of 0@CqTopic is not exist!`, body: null });
    }
  });

  it('answers 1 `<queueId>@<topic> is not exist!` for a queue the store does not have', async () => {
    expect(await query({ topic: 'CqTopic', queueId: '1', index: '0', count: '10' })).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: '1@CqTopic is not exist!' });
    expect(await query({ topic: 'NoTopic', queueId: '0', index: '0' })).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: '0@NoTopic is not exist!' });
  });
});

describe('QUERY_CONSUME_TIME_SPAN', () => {
  it('answers per write queue the first, last and consumed store times and the delay', async () => {
    await createTopic(harness, broker.address, 'SpanTopic', 2);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await sendV2(harness, broker.address, 'SpanTopic', `span ${i}`, { queueId: 0 });
      const record = await broker.context.store.lookMessageByOffset(parseOffsetMessageId(response.extFields?.['msgId'] ?? '').commitLogOffset);
      times.push(record?.storeTimestamp ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    broker.context.consumerOffsets.commitOffset('SpanGroup', 'SpanTopic', 0, 1);
    const before = Date.now();
    const response = await at(RequestCode.QUERY_CONSUME_TIME_SPAN, { topic: 'SpanTopic', group: 'SpanGroup' });
    const after = Date.now();
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const [q0, q1, ...rest] = decodeQueryConsumeTimeSpanBody(response.body ?? Buffer.alloc(0)).consumeTimeSpanSet;
    expect(rest).toEqual([]);
    expect(q0).toMatchObject({
      messageQueue: { topic: 'SpanTopic', brokerName: 'broker-a', queueId: 0 },
      minTimeStamp: times[0],
      maxTimeStamp: times[2],
      consumeTimeStamp: times[0],
    });
    expect(q0?.delayTime).toBeGreaterThanOrEqual(before - (times[1] ?? 0));
    expect(q0?.delayTime).toBeLessThanOrEqual(after - (times[1] ?? 0));
    expect(q1).toMatchObject({ messageQueue: { queueId: 1 }, minTimeStamp: -1, maxTimeStamp: -1, consumeTimeStamp: -1 });
    expect(q1?.delayTime).toBeGreaterThan(before);

    broker.context.consumerOffsets.commitOffset('SpanGroup', 'SpanTopic', 0, 3);
    const caughtUp = decodeQueryConsumeTimeSpanBody((await at(RequestCode.QUERY_CONSUME_TIME_SPAN, { topic: 'SpanTopic', group: 'SpanGroup' })).body ?? Buffer.alloc(0));
    expect(caughtUp.consumeTimeSpanSet[0]).toMatchObject({ consumeTimeStamp: times[2], delayTime: 0 });
  });

  it('answers 17 `topic[<t>] not exist` for an unknown topic', async () => {
    expect(await at(RequestCode.QUERY_CONSUME_TIME_SPAN, { topic: 'NoSpan', group: 'G' })).toMatchObject({ code: ResponseCode.TOPIC_NOT_EXIST, remark: 'topic[NoSpan] not exist' });
  });
});
