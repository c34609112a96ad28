/**
 * The send path against a real broker (in-process, real sockets and store files): what is
 * stored for SEND_MESSAGE, SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE, and what is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { decodeTopicRouteData } from '../../src/protocol/bodies/topic-route-data.js';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { decodeMessageRecord } from '../../src/protocol/message/message-record.js';
import { encodeProperties } from '../../src/protocol/message/properties.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { SerializeType } from '../../src/protocol/serialize-type.js';
import type { NameServer } from '../../src/namesrv/namesrv.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { Harness, createTopic, eventually, sendBatch, sendV2 } from './support/harness.js';

const harness = new Harness();
let nameServer: NameServer;
let broker: Broker;

beforeAll(async () => {
  nameServer = await harness.nameServer();
  broker = await harness.broker({ namesrvAddr: nameServer.address, messageDelayLevel: '1s 5s 10s' });
  await createTopic(harness, broker.address, 'SendTopic', 4);
});
afterAll(() => harness.cleanup());

async function stored(msgId: string) {
  const { commitLogOffset } = parseOffsetMessageId(msgId);
  const response = await harness.invoke(broker.address, RequestCode.VIEW_MESSAGE_BY_ID, { offset: String(commitLogOffset) });
  expect(response.code).toBe(ResponseCode.SUCCESS);
  return decodeMessageRecord(response.body ?? Buffer.alloc(0)).record;
}

describe('SEND_MESSAGE_V2', () => {
  it('stores the message with CLUSTER added and WAIT=true dropped, and answers msgId, queueId, queueOffset, MSG_REGION, TRACE_ON', async () => {
    const response = await sendV2(harness, broker.address, 'SendTopic', 'hello', {
      queueId: 2,
      properties: { KEYS: 'k1 k2', UNIQ_KEY: '7F0000012F915FFD2B277A2084330000', WAIT: 'true', TAGS: 'TagA', custom: 'v' },
      flag: 7,
    });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(response.remark).toBeNull();
    const ext = response.extFields ?? {};
    expect(Object.keys(ext)).toEqual(['msgId', 'queueId', 'queueOffset', 'MSG_REGION', 'TRACE_ON']);
    expect(ext).toMatchObject({ queueId: '2', queueOffset: '0', MSG_REGION: 'DefaultRegion', TRACE_ON: 'true' });
    expect(ext['msgId']).toMatch(/^7F000001[0-9A-F]{24}$/);
    const record = await stored(ext['msgId'] ?? '');
    expect(record).toMatchObject({ topic: 'SendTopic', queueId: 2, queueOffset: 0, flag: 7, reconsumeTimes: 0 });
    expect(record.body.toString()).toBe('hello');
    expect({ ...record.properties }).toEqual({ KEYS: 'k1 k2', UNIQ_KEY: '7F0000012F915FFD2B277A2084330000', TAGS: 'TagA', custom: 'v', CLUSTER: 'DefaultCluster' });
    expect(record.storeHost).toEqual({ host: '127.0.0.1', port: broker.port });
    expect(record.bornHost.host).toBe('127.0.0.1');
    expect(record.bornHost.port).toBeGreaterThan(0);
  });

  it('picks a random write queue for a negative queueId and answers which', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const response = await sendV2(harness, broker.address, 'SendTopic', `r${i}`, { queueId: -1 });
      expect(response.code).toBe(ResponseCode.SUCCESS);
      seen.add(response.extFields?.['queueId'] ?? '');
    }
    for (const queueId of seen) expect(['0', '1', '2', '3']).toContain(queueId);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('answers in the serialization of the request (ROCKETMQ binary headers)', async () => {
    const response = await sendV2(harness, broker.address, 'SendTopic', 'binary', { serializeType: SerializeType.ROCKETMQ });
    expect(response.serializeType).toBe(SerializeType.ROCKETMQ);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(Object.keys(response.extFields ?? {})).toEqual(['msgId', 'queueId', 'queueOffset', 'MSG_REGION', 'TRACE_ON']);
  });

  it('stores a compressed body as it came, with its sysFlag', async () => {
    const compressed = Buffer.from('789c4b4cc4060044a70e39', 'hex');
    const response = await sendV2(harness, broker.address, 'SendTopic', compressed, { sysFlag: 0x301 });
    const record = await stored(response.extFields?.['msgId'] ?? '');
    expect(record.sysFlag).toBe(0x301);
    expect(record.body.equals(compressed)).toBe(true);
  });

  it('auto-creates an unknown topic from TBW102 and registers it with the name server at once', async () => {
    const response = await sendV2(harness, broker.address, 'AutoTopic', 'auto', { defaultTopicQueueNums: 3, queueId: 1 });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.topics.select('AutoTopic')).toMatchObject({ readQueueNums: 3, writeQueueNums: 3, perm: 6 });
    await eventually(async () => (await harness.invoke(nameServer.address, RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'AutoTopic' })).code === 0);
    const route = await harness.invoke(nameServer.address, RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'AutoTopic' });
    expect(decodeTopicRouteData(route.body ?? Buffer.alloc(0)).queueDatas[0]).toMatchObject({ readQueueNums: 3, writeQueueNums: 3, perm: 6 });
  });

  it('stores a delayed message in SCHEDULE_TOPIC_XXXX queue level-1 with REAL_TOPIC / REAL_QID, answering its own queue', async () => {
    const response = await sendV2(harness, broker.address, 'SendTopic', 'later', { queueId: 3, properties: { DELAY: '2', TAGS: 'T' } });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(response.extFields?.['queueId']).toBe('3');
    const record = await stored(response.extFields?.['msgId'] ?? '');
    expect(record).toMatchObject({ topic: 'SCHEDULE_TOPIC_XXXX', queueId: 1 });
    expect(record.properties).toMatchObject({ DELAY: '2', REAL_TOPIC: 'SendTopic', REAL_QID: '3' });
    const clamped = await sendV2(harness, broker.address, 'SendTopic', 'much later', { properties: { DELAY: '99' } });
    expect((await stored(clamped.extFields?.['msgId'] ?? '')).queueId).toBe(2);
  });

  it('stores a transactional half message in RMQ_SYS_TRANS_HALF_TOPIC with its type reset, unseen in its topic', async () => {
    const before = broker.context.store.getMaxOffsetInQueue('SendTopic', 0);
    const response = await sendV2(harness, broker.address, 'SendTopic', 'half', { sysFlag: 0x4, properties: { TRAN_MSG: 'true', PGROUP: 'TPG' } });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const record = await stored(response.extFields?.['msgId'] ?? '');
    expect(record).toMatchObject({ topic: 'RMQ_SYS_TRANS_HALF_TOPIC', queueId: 0, sysFlag: 0 });
    expect(record.properties).toMatchObject({ REAL_TOPIC: 'SendTopic', REAL_QID: '0', TRAN_MSG: 'true', PGROUP: 'TPG' });
    expect(broker.context.store.getMaxOffsetInQueue('SendTopic', 0)).toBe(before);
  });

  it('sends a %RETRY% message past its retry limit to %DLQ%<group>', async () => {
    const retry = await sendV2(harness, broker.address, '%RETRY%G1', 'again', { reconsumeTimes: 1, maxReconsumeTimes: 3 });
    expect((await stored(retry.extFields?.['msgId'] ?? '')).topic).toBe('%RETRY%G1');
    const dead = await sendV2(harness, broker.address, '%RETRY%G1', 'dead', { reconsumeTimes: 3, maxReconsumeTimes: 3, properties: { DELAY: '1' } });
    const record = await stored(dead.extFields?.['msgId'] ?? '');
    expect(record).toMatchObject({ topic: '%DLQ%G1', queueId: 0, reconsumeTimes: 3 });
    expect(record.properties['DELAY']).toBeUndefined();
    expect(broker.context.topics.select('%DLQ%G1')).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
  });

  it('stores oneway sends without answering them', async () => {
    const before = broker.context.store.getMaxOffsetInQueue('SendTopic', 1);
    const connection = await harness.client.connection(broker.address);
    connection.invokeOneway(
      createRequest(RequestCode.SEND_MESSAGE_V2, {
        extFields: { a: 'PG', b: 'SendTopic', c: 'TBW102', d: '4', e: '1', f: '0', g: String(Date.now()), h: '0', i: 'TAGS\u0001One' },
        body: Buffer.from('oneway'),
      }),
    );
    await eventually(() => broker.context.store.getMaxOffsetInQueue('SendTopic', 1) === before + 1);
  });
});

describe('SEND_MESSAGE (long keys)', () => {
  it('stores like V2', async () => {
    const response = await harness.invoke(
      broker.address,
      RequestCode.SEND_MESSAGE,
      {
        producerGroup: 'PG',
        topic: 'SendTopic',
        defaultTopic: 'TBW102',
        defaultTopicQueueNums: '4',
        queueId: '0',
        sysFlag: '0',
        bornTimestamp: String(Date.now()),
        flag: '0',
        properties: encodeProperties({ TAGS: 'V1', KEYS: 'v1key' }),
      },
      Buffer.from('v1 body'),
    );
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const record = await stored(response.extFields?.['msgId'] ?? '');
    expect(record.body.toString()).toBe('v1 body');
    expect(record.properties['TAGS']).toBe('V1');
  });
});

describe('SEND_BATCH_MESSAGE', () => {
  it('stores each entry as its own record with consecutive offsets, entry then batch properties, ids joined by commas', async () => {
    const queueId = 2;
    const before = broker.context.store.getMaxOffsetInQueue('SendTopic', queueId);
    const response = await sendBatch(
      harness,
      broker.address,
      'SendTopic',
      [0, 1, 2].map((i) => ({ flag: i, body: Buffer.from(`batch ${i}`), properties: { KEYS: `bk${i}`, UNIQ_KEY: `U${i}`, WAIT: 'true', TAGS: 'TagBatch' } })),
      { queueId, properties: { WAIT: 'true' } },
    );
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const ids = (response.extFields?.['msgId'] ?? '').split(',');
    expect(ids).toHaveLength(3);
    expect(response.extFields).toMatchObject({ queueId: String(queueId), queueOffset: String(before) });
    for (const [i, id] of ids.entries()) {
      const record = await stored(id);
      expect(record).toMatchObject({ topic: 'SendTopic', queueId, queueOffset: before + i, flag: i });
      expect(record.body.toString()).toBe(`batch ${i}`);
      expect(Object.entries(record.properties)).toEqual([
        ['KEYS', `bk${i}`],
        ['UNIQ_KEY', `U${i}`],
        ['WAIT', 'true'],
        ['TAGS', 'TagBatch'],
        ['CLUSTER', 'DefaultCluster'],
      ]);
    }
  });
});
