/**
 * Every mode docs/client.md shows, end to end against `startEmbeddedCluster`, checked on
 * content, order and counts: sync, async and oneway sends, batches, ordered sends, delayed
 * messages, tag filters, broadcasting, the pull consumer, the lite pull consumer, and push
 * consumers concurrently and orderly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsumeConcurrentlyStatus, ConsumeOrderlyStatus } from '../../src/client/consumer/message-listener.js';
import { LitePullConsumer } from '../../src/client/consumer/lite-pull-consumer.js';
import { PullConsumer } from '../../src/client/consumer/pull-consumer.js';
import { PushConsumer } from '../../src/client/consumer/push-consumer.js';
import type { MessageExt } from '../../src/client/message/message-ext.js';
import { selectMessageQueueByHash } from '../../src/client/producer/message-queue-selector.js';
import { Producer } from '../../src/client/producer/producer.js';
import type { SendResult } from '../../src/client/producer/send-result.js';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../src/testing/index.js';
import { eventually } from './support/cluster.js';
import { FAST, Received, sleep } from './support/consumers.js';

let cluster: EmbeddedCluster;
let producer: Producer;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  cluster = await startEmbeddedCluster({ fastDelayLevels: true });
  producer = new Producer({ producerGroup: 'PG_MODES', namesrvAddr: cluster.namesrvAddr });
  await producer.start();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await producer?.shutdown();
  await cluster?.stop();
});

/** A started push consumer (concurrently) of `topic` that records what it gets. */
async function collect(group: string, topic: string, expression = '*', extra: Partial<ConstructorParameters<typeof PushConsumer>[0]> = {}): Promise<Received> {
  const received = new Received();
  const consumer = new PushConsumer({ consumerGroup: group, namesrvAddr: cluster.namesrvAddr, ...FAST, ...extra });
  consumer.subscribe(topic, expression);
  consumer.registerMessageListener({ consumeConcurrently: (msgs) => (received.add(msgs), ConsumeConcurrentlyStatus.CONSUME_SUCCESS) });
  await consumer.start();
  closers.push(() => consumer.shutdown());
  return received;
}

const byOffset = (msgs: readonly MessageExt[]): string[] => [...msgs].sort((a, b) => a.queueId - b.queueId || a.queueOffset - b.queueOffset).map((msg) => msg.body.toString());

describe('sending', () => {
  it('sync, async (promise and callback) and oneway sends all arrive, each once', async () => {
    await cluster.createTopic('ModeSends', { queueNums: 1 });
    const sync = await producer.send({ topic: 'ModeSends', body: 'sync', tags: 'S', keys: ['k-sync'] });
    const callback: SendResult[] = [];
    const asyncResult = await producer.sendAsync({ topic: 'ModeSends', body: 'async' }, { onSuccess: (result) => callback.push(result), onException: () => undefined });
    await producer.sendOneway({ topic: 'ModeSends', body: 'oneway' });
    expect(sync).toMatchObject({ sendStatus: 'SEND_OK', queueOffset: 0 });
    expect(asyncResult.queueOffset).toBe(1);
    expect(callback).toEqual([asyncResult]);
    const received = await collect('CG_MODE_SENDS', 'ModeSends');
    await eventually(() => received.distinct === 3);
    expect(byOffset(received.deliveries)).toEqual(['sync', 'async', 'oneway']);
    expect(received.deliveries.find((msg) => msg.body.toString() === 'sync')).toMatchObject({ tags: 'S', keys: 'k-sync', msgId: sync.msgId });
  });

  it('a batch is stored as consecutive messages of one queue', async () => {
    await cluster.createTopic('ModeBatch', { queueNums: 2 });
    const result = await producer.sendBatch(Array.from({ length: 10 }, (_, n) => ({ topic: 'ModeBatch', body: `b${n}` })));
    expect(result.msgId.split(',')).toHaveLength(10);
    const received = await collect('CG_MODE_BATCH', 'ModeBatch');
    await eventually(() => received.distinct === 10);
    expect(new Set(received.deliveries.map((msg) => msg.queueId)).size).toBe(1);
    expect(byOffset(received.deliveries)).toEqual(Array.from({ length: 10 }, (_, n) => `b${n}`));
  });

  it('ordered sends: one key, one queue, consumed in order by an orderly consumer', async () => {
    await cluster.createTopic('ModeOrdered', { queueNums: 4 });
    for (let step = 0; step < 5; step++) {
      for (const order of ['o-1', 'o-2', 'o-3']) await producer.send({ topic: 'ModeOrdered', body: `${order}:${step}` }, { selector: selectMessageQueueByHash, arg: order });
    }
    const received = new Received();
    const consumer = new PushConsumer({ consumerGroup: 'CG_MODE_ORDERED', namesrvAddr: cluster.namesrvAddr, ...FAST, subscription: { ModeOrdered: '*' } });
    consumer.registerMessageListener({ consumeOrderly: (msgs) => (received.add(msgs), ConsumeOrderlyStatus.SUCCESS) });
    await consumer.start();
    closers.push(() => consumer.shutdown());
    await eventually(() => received.distinct === 15);
    for (const order of ['o-1', 'o-2', 'o-3']) {
      const mine = received.deliveries.filter((msg) => msg.body.toString().startsWith(order));
      expect(mine.map((msg) => msg.body.toString())).toEqual([0, 1, 2, 3, 4].map((step) => `${order}:${step}`));
      expect(new Set(mine.map((msg) => msg.queueId)).size).toBe(1);
    }
  });

  it('a delayed message arrives after its level (levels of 10 ms … 180 ms in this cluster)', async () => {
    await cluster.createTopic('ModeDelay', { queueNums: 1 });
    const received = await collect('CG_MODE_DELAY', 'ModeDelay', '*', { consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    await sleep(300);
    const sentAt = Date.now();
    await producer.send({ topic: 'ModeDelay', body: 'later', delayTimeLevel: 10 });
    await producer.send({ topic: 'ModeDelay', body: 'now' });
    await eventually(() => received.distinct === 2);
    const [first, second] = received.deliveries as [MessageExt, MessageExt];
    expect([first.body.toString(), second.body.toString()]).toEqual(['now', 'later']);
    expect(second.properties['DELAY']).toBe('10');
    expect(second.storeTimestamp - sentAt).toBeGreaterThanOrEqual(90);
  });
});

describe('consuming', () => {
  it('a tag filter delivers only the tags it names', async () => {
    await cluster.createTopic('ModeTags', { queueNums: 2 });
    for (let n = 0; n < 12; n++) await producer.send({ topic: 'ModeTags', body: `t${n}`, tags: `Tag${'ABC'[n % 3] ?? ''}` });
    const received = await collect('CG_MODE_TAGS', 'ModeTags', 'TagA || TagB');
    await eventually(() => received.distinct === 8);
    await sleep(200);
    expect(received.deliveries.length).toBe(8);
    expect(received.deliveries.every((msg) => msg.tags !== 'TagC')).toBe(true);
  });

  it('broadcasting: every member gets every message', async () => {
    await cluster.createTopic('ModeBroadcast', { queueNums: 2 });
    const options = { messageModel: 'BROADCASTING' as const, localOffsetStoreDir: `${cluster.dir}/offsets` };
    const one = await collect('CG_MODE_BROADCAST', 'ModeBroadcast', '*', { ...options, instanceName: 'one' });
    const two = await collect('CG_MODE_BROADCAST', 'ModeBroadcast', '*', { ...options, instanceName: 'two' });
    await sleep(300);
    for (let n = 0; n < 6; n++) await producer.send({ topic: 'ModeBroadcast', body: `x${n}` });
    await eventually(() => one.distinct === 6 && two.distinct === 6);
    expect(one.bodies().sort()).toEqual(two.bodies().sort());
  });

  it('the pull consumer reads a queue from an offset and commits where it got to', async () => {
    await cluster.createTopic('ModePull', { queueNums: 1 });
    for (let n = 0; n < 5; n++) await producer.send({ topic: 'ModePull', body: `p${n}` });
    const consumer = new PullConsumer({ consumerGroup: 'CG_MODE_PULL', namesrvAddr: cluster.namesrvAddr });
    await consumer.start();
    closers.push(() => consumer.shutdown());
    const [mq] = await consumer.fetchSubscribeMessageQueues('ModePull');
    if (mq === undefined) throw new Error('no queue');
    const result = await consumer.pull(mq, '*', 1, 32);
    expect(result.msgFoundList.map((msg) => msg.body.toString())).toEqual(['p1', 'p2', 'p3', 'p4']);
    consumer.updateConsumeOffset(mq, result.nextBeginOffset);
    await consumer.persistConsumerOffset();
    await eventually(async () => (await consumer.fetchConsumeOffset(mq, true)) === 5);
  });

  it('the lite pull consumer polls what background pulls buffered', async () => {
    await cluster.createTopic('ModeLite', { queueNums: 2 });
    for (let n = 0; n < 8; n++) await producer.send({ topic: 'ModeLite', body: `l${n}` });
    const consumer = new LitePullConsumer({ consumerGroup: 'CG_MODE_LITE', namesrvAddr: cluster.namesrvAddr, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', rebalanceInterval: 500 });
    consumer.subscribe('ModeLite', '*');
    await consumer.start();
    closers.push(() => consumer.shutdown());
    const got: MessageExt[] = [];
    const deadline = Date.now() + 10_000;
    while (got.length < 8 && Date.now() < deadline) got.push(...(await consumer.poll(200)));
    expect(byOffset(got).sort()).toEqual(Array.from({ length: 8 }, (_, n) => `l${n}`).sort());
    for (const queueId of [0, 1]) {
      const offsets = got.filter((msg) => msg.queueId === queueId).map((msg) => msg.queueOffset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
    await consumer.commitSync();
  });

  it('a concurrently push consumer gets every message once', async () => {
    await cluster.createTopic('ModePush', { queueNums: 4 });
    for (let n = 0; n < 40; n++) await producer.send({ topic: 'ModePush', body: `c${n}` });
    const received = await collect('CG_MODE_PUSH', 'ModePush');
    await eventually(() => received.distinct === 40);
    await sleep(200);
    expect(received.deliveries).toHaveLength(40);
  });
});
