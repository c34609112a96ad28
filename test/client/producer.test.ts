/**
 * The producer against a real name server and broker: every kind of send lands in the
 * store, as the admin's look-ups (view by offset id, query by key and unique key, max
 * offset) show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../src/client/admin/mq-admin.js';
import { Producer } from '../../src/client/producer/producer.js';
import { selectMessageQueueByHash } from '../../src/client/producer/message-queue-selector.js';
import type { SendResult } from '../../src/client/producer/send-result.js';
import { MessageSysFlag, hasSysFlag } from '../../src/protocol/message/sys-flag.js';
import { eventually, startCluster, type Cluster } from './support/cluster.js';

let cluster: Cluster;
let producer: Producer;
let admin: MQAdmin;
const TOPIC = 'ClientProducerTopic';

beforeAll(async () => {
  cluster = await startCluster(['broker-a']);
  admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
  await admin.start();
  await admin.createTopic('DefaultCluster', { topic: TOPIC, readQueueNums: 4, writeQueueNums: 4 });
  producer = new Producer({ producerGroup: 'PG_CLIENT_TEST', namesrvAddr: cluster.namesrvAddr });
  await producer.start();
});

afterAll(async () => {
  await producer?.shutdown();
  await admin?.shutdown();
  await cluster?.cleanup();
});

async function expectStored(result: SendResult, body: string | Buffer): Promise<void> {
  const stored = await admin.viewMessageByOffsetId(result.offsetMsgId);
  expect(stored.body).toEqual(typeof body === 'string' ? Buffer.from(body) : body);
  expect(stored.msgId).toBe(result.msgId);
  expect(stored.queueId).toBe(result.messageQueue.queueId);
  expect(stored.queueOffset).toBe(result.queueOffset);
}

describe('producer sends land in the broker', () => {
  it('a sync send is stored with its tags, keys, user properties and unique key', async () => {
    const result = await producer.send({ topic: TOPIC, body: 'hello sync', tags: 'TagA', keys: ['order-1', 'user-7'], properties: { region: 'eu' } });
    expect(result.sendStatus).toBe('SEND_OK');
    expect(result.msgId).toMatch(/^[0-9A-F]{32}$/);
    expect(result.offsetMsgId).toMatch(/^[0-9A-F]{32}$/);
    expect(result.messageQueue).toMatchObject({ topic: TOPIC, brokerName: 'broker-a' });
    await expectStored(result, 'hello sync');
    const stored = await admin.viewMessageByOffsetId(result.offsetMsgId);
    expect(stored).toMatchObject({ topic: TOPIC, tags: 'TagA', keys: 'order-1 user-7' });
    expect(stored.properties['region']).toBe('eu');
    expect(stored.properties['CLUSTER']).toBe('DefaultCluster');
    expect(await admin.maxOffset(result.messageQueue)).toBe(result.queueOffset + 1);
  });

  it('query by key and by unique key find the message', async () => {
    const result = await producer.send({ topic: TOPIC, body: 'find me', keys: 'lookup-key-1' });
    await eventually(async () => (await admin.queryMessage(TOPIC, 'lookup-key-1', 32, 0, Date.now() + 60_000)).messageList.length === 1);
    const byKey = await admin.queryMessage(TOPIC, 'lookup-key-1', 32, 0, Date.now() + 60_000);
    expect(byKey.messageList[0]?.msgId).toBe(result.msgId);
    const byUniqueKey = await admin.queryMessageByUniqKey(TOPIC, result.msgId);
    expect(byUniqueKey.offsetMsgId).toBe(result.offsetMsgId);
    expect((await admin.viewMessage(TOPIC, result.msgId)).body.toString()).toBe('find me');
    expect((await admin.viewMessage(TOPIC, result.offsetMsgId)).body.toString()).toBe('find me');
    expect((await admin.queryMessage(TOPIC, 'no-such-key', 32, 0, Date.now() + 60_000)).messageList).toEqual([]);
  });

  it('an async send resolves with its result and calls its callback', async () => {
    let called: SendResult | undefined;
    const result = await producer.sendAsync({ topic: TOPIC, body: 'hello async' }, { onSuccess: (r) => (called = r), onException: () => undefined });
    expect(result.sendStatus).toBe('SEND_OK');
    expect(called).toEqual(result);
    await expectStored(result, 'hello async');
  });

  it('a oneway send is stored although no answer is awaited', async () => {
    await producer.sendOneway({ topic: TOPIC, body: 'hello oneway', keys: 'oneway-key' });
    await eventually(async () => (await admin.queryMessage(TOPIC, 'oneway-key', 32, 0, Date.now() + 60_000)).messageList.length === 1);
  });

  it('a batch is stored as consecutive messages of one queue, each with its own unique key', async () => {
    const result = await producer.sendBatch([1, 2, 3].map((n) => ({ topic: TOPIC, body: `batch-${n}`, keys: `batch-key-${n}` })));
    const uniqueKeys = result.msgId.split(',');
    const offsetIds = result.offsetMsgId.split(',');
    expect(uniqueKeys).toHaveLength(3);
    expect(offsetIds).toHaveLength(3);
    for (const [index, offsetId] of offsetIds.entries()) {
      const stored = await admin.viewMessageByOffsetId(offsetId);
      expect(stored.body.toString()).toBe(`batch-${index + 1}`);
      expect(stored.msgId).toBe(uniqueKeys[index]);
      expect(stored.queueOffset).toBe(result.queueOffset + index);
      expect(stored.queueId).toBe(result.messageQueue.queueId);
    }
  });

  it('ordered sends with the same key go to one queue, in order', async () => {
    const results: SendResult[] = [];
    for (let n = 0; n < 5; n++) results.push(await producer.send({ topic: TOPIC, body: `ordered-${n}` }, { selector: selectMessageQueueByHash, arg: 'order-4242' }));
    expect(new Set(results.map((r) => r.messageQueue.queueId)).size).toBe(1);
    expect(results.map((r) => r.queueOffset - (results[0]?.queueOffset ?? 0))).toEqual([0, 1, 2, 3, 4]);
  });

  it('a send to a given queue lands in that queue', async () => {
    const queue = { topic: TOPIC, brokerName: 'broker-a', queueId: 3 };
    const result = await producer.send({ topic: TOPIC, body: 'to queue 3' }, { queue });
    expect(result.messageQueue).toEqual(queue);
  });

  it('a large body travels compressed (sysFlag 0x301) and reads back whole', async () => {
    const body = Buffer.from('compressible '.repeat(1000));
    const result = await producer.send({ topic: TOPIC, body });
    const stored = await admin.viewMessageByOffsetId(result.offsetMsgId);
    expect(hasSysFlag(stored.sysFlag, MessageSysFlag.COMPRESSED)).toBe(true);
    expect(stored.storeSize).toBeLessThan(body.length);
    expect(stored.body).toEqual(body);
  });

  it('a body under the threshold is stored uncompressed', async () => {
    const result = await producer.send({ topic: TOPIC, body: Buffer.alloc(4095, 'x') });
    const stored = await admin.viewMessageByOffsetId(result.offsetMsgId);
    expect(hasSysFlag(stored.sysFlag, MessageSysFlag.COMPRESSED)).toBe(false);
  });

  it('WAIT=false and a flag travel with the message', async () => {
    const result = await producer.send({ topic: TOPIC, body: 'no wait', waitStoreMsgOK: false, flag: 42 });
    const stored = await admin.viewMessageByOffsetId(result.offsetMsgId);
    expect(stored.flag).toBe(42);
    expect(result.sendStatus).toBe('SEND_OK');
  });

  it('a delay level travels as DELAY: the broker parks the message, then delivers it to its topic after the delay', async () => {
    const sent = Date.now();
    const result = await producer.send({ topic: TOPIC, body: 'later', keys: 'delayed-key', delayTimeLevel: 1 });
    const parked = await admin.viewMessageByOffsetId(result.offsetMsgId);
    expect(parked.topic).toBe('SCHEDULE_TOPIC_XXXX');
    expect(parked.queueId).toBe(0);
    expect(parked.properties).toMatchObject({ DELAY: '1', REAL_TOPIC: TOPIC, REAL_QID: String(result.messageQueue.queueId) });
    await eventually(async () => (await admin.queryMessage(TOPIC, 'delayed-key', 32, 0, Date.now() + 60_000)).messageList.length === 1, 10_000);
    const [delivered] = (await admin.queryMessage(TOPIC, 'delayed-key', 32, 0, Date.now() + 60_000)).messageList;
    expect(delivered?.msgId).toBe(result.msgId);
    expect(delivered?.body.toString()).toBe('later');
    expect((delivered?.storeTimestamp ?? 0) - sent).toBeGreaterThanOrEqual(900);
  });
});

describe('heartbeats', () => {
  it('announce the producer group (and CLIENT_INNER_PRODUCER) under the client id; shutdown unregisters the group', async () => {
    const other = new Producer({ producerGroup: 'PG_HEARTBEAT', namesrvAddr: cluster.namesrvAddr });
    await other.start();
    await other.send({ topic: TOPIC, body: 'hb' });
    await other.instance.sendHeartbeatToAllBrokers();
    const producers = cluster.broker('broker-a').context.producers;
    expect(producers.groupNames()).toEqual(expect.arrayContaining(['PG_HEARTBEAT', 'CLIENT_INNER_PRODUCER']));
    expect(producers.channelsOf('PG_HEARTBEAT').map((channel) => channel.clientId)).toEqual([other.instance.clientId]);
    expect(other.instance.clientId).toMatch(/^[0-9a-f.:]+@\d+#\d+$/);
    await other.shutdown();
    await eventually(() => producers.channelsOf('PG_HEARTBEAT').length === 0);
  });
});

describe('topics that do not exist yet', () => {
  it('are created by the broker from the TBW102 route, with defaultTopicQueueNums queues', async () => {
    const topic = 'ClientAutoCreated';
    const result = await producer.send({ topic, body: 'first' });
    expect(result.sendStatus).toBe('SEND_OK');
    expect(result.messageQueue.queueId).toBeLessThan(4);
    await eventually(async () => {
      const route = await admin.examineTopicRouteInfo(topic).catch(() => undefined);
      return route?.queueDatas[0]?.writeQueueNums === 4;
    });
    await expectStored(result, 'first');
    expect((await producer.fetchPublishMessageQueues(topic)).length).toBe(4);
  });
});

describe('refusals', () => {
  it('nothing goes on the wire for an invalid message', async () => {
    await expect(producer.send({ topic: TOPIC, body: Buffer.alloc(4 * 1024 * 1024 + 1) })).rejects.toMatchObject({ code: 'CLIENT_MESSAGE_ILLEGAL', responseCode: 13 });
    await expect(producer.send({ topic: 'bad topic', body: 'x' })).rejects.toMatchObject({ code: 'CLIENT_ILLEGAL_ARGUMENT' });
    await expect(producer.send({ topic: 'SCHEDULE_TOPIC_XXXX', body: 'x' })).rejects.toThrow(/forbidden/);
  });

  it('a producer that is not started refuses to send, and a group is registered once per client instance', async () => {
    const idle = new Producer({ producerGroup: 'PG_IDLE', namesrvAddr: cluster.namesrvAddr });
    await expect(idle.send({ topic: TOPIC, body: 'x' })).rejects.toMatchObject({ code: 'CLIENT_STATE' });
    const twin = new Producer({ producerGroup: 'PG_CLIENT_TEST', namesrvAddr: cluster.namesrvAddr, clientInstance: producer.instance });
    await expect(twin.start()).rejects.toThrow(/has been created before/);
  });
});

describe('without a name server or a route', () => {
  it('a producer with no name server fails with NO_NAME_SERVER', async () => {
    const lost = new Producer({ producerGroup: 'PG_LOST', namesrvAddr: '' });
    await lost.start();
    await expect(lost.send({ topic: TOPIC, body: 'x' })).rejects.toMatchObject({ code: 'CLIENT_NO_NAME_SERVER', responseCode: 10004 });
    await lost.shutdown();
  });

  it('a topic without a route, on a cluster that does not auto-create, fails with NOT_FOUND_TOPIC', async () => {
    const strict = await startCluster(['broker-s'], { autoCreateTopicEnable: false });
    const strictProducer = new Producer({ producerGroup: 'PG_STRICT', namesrvAddr: strict.namesrvAddr });
    try {
      await strictProducer.start();
      await expect(strictProducer.send({ topic: 'NeverCreated', body: 'x' })).rejects.toMatchObject({ code: 'CLIENT_TOPIC_ROUTE_NOT_FOUND', responseCode: 10005 });
    } finally {
      await strictProducer.shutdown();
      await strict.cleanup();
    }
  });
});
