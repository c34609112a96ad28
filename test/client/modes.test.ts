/**
 * Every mode docs/client.md shows, end to end, checked on content, order and counts: sync,
 * async and oneway sends, batches, ordered sends, delayed messages, tag filters,
 * broadcasting, the pull consumer, the lite pull consumer, and push consumers concurrently
 * and orderly. Runs against `mqnamesrv` and `mqbroker` child processes, or against the
 * running cluster (such as Apache RocketMQ 4.9) that ROCKETMQ_TS_TEST_NAMESRV names: see
 * support/target.ts.
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
import { eventually } from './support/cluster.js';
import { FAST, Received, sleep } from './support/consumers.js';
import { startClientTestTarget, type ClientTestTarget } from './support/target.js';

let target: ClientTestTarget;
let producer: Producer;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  target = await startClientTestTarget('processes');
  producer = new Producer({ producerGroup: 'PG_MODES', namesrvAddr: target.namesrvAddr });
  await producer.start();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await producer?.shutdown();
  await target?.stop();
});

/** A started push consumer (concurrently) of `topic` that records what it gets. */
async function collect(group: string, topic: string, expression = '*', extra: Partial<ConstructorParameters<typeof PushConsumer>[0]> = {}): Promise<Received> {
  const received = new Received();
  const consumer = new PushConsumer({ consumerGroup: group, namesrvAddr: target.namesrvAddr, ...FAST, ...extra });
  consumer.subscribe(topic, expression);
  consumer.registerMessageListener({ consumeConcurrently: (msgs) => (received.add(msgs), ConsumeConcurrentlyStatus.CONSUME_SUCCESS) });
  await consumer.start();
  closers.push(() => consumer.shutdown());
  return received;
}

const byOffset = (msgs: readonly MessageExt[]): string[] => [...msgs].sort((a, b) => a.queueId - b.queueId || a.queueOffset - b.queueOffset).map((msg) => msg.body.toString());

describe('sending', () => {
  it('sync, async (promise and callback) and oneway sends all arrive, each once', async () => {
    const topic = await target.createTopic('ModeSends', { queueNums: 1 });
    const sync = await producer.send({ topic, body: 'sync', tags: 'S', keys: ['k-sync'] });
    const callback: SendResult[] = [];
    const asyncResult = await producer.sendAsync({ topic, body: 'async' }, { onSuccess: (result) => callback.push(result), onException: () => undefined });
    await producer.sendOneway({ topic, body: 'oneway' });
    expect(sync).toMatchObject({ sendStatus: 'SEND_OK', queueOffset: 0 });
    expect(asyncResult.queueOffset).toBe(1);
    expect(callback).toEqual([asyncResult]);
    const received = await collect('CG_MODE_SENDS', topic);
    await eventually(() => received.distinct === 3);
    expect(byOffset(received.deliveries)).toEqual(['sync', 'async', 'oneway']);
    expect(received.deliveries.find((msg) => msg.body.toString() === 'sync')).toMatchObject({ tags: 'S', keys: 'k-sync', msgId: sync.msgId });
  });

  it('a batch is stored as consecutive messages of one queue', async () => {
    const topic = await target.createTopic('ModeBatch', { queueNums: 2 });
    const result = await producer.sendBatch(Array.from({ length: 10 }, (_, n) => ({ topic, body: `b${n}` })));
    expect(result.msgId.split(',')).toHaveLength(10);
    const received = await collect('CG_MODE_BATCH', topic);
    await eventually(() => received.distinct === 10);
    expect(new Set(received.deliveries.map((msg) => msg.queueId)).size).toBe(1);
    expect(byOffset(received.deliveries)).toEqual(Array.from({ length: 10 }, (_, n) => `b${n}`));
  });

  it('ordered sends: one key, one queue, consumed in order by an orderly consumer', async () => {
    const topic = await target.createTopic('ModeOrdered', { queueNums: 4 });
    for (let step = 0; step < 5; step++) {
      for (const order of ['o-1', 'o-2', 'o-3']) await producer.send({ topic, body: `${order}:${step}` }, { selector: selectMessageQueueByHash, arg: order });
    }
    const received = new Received();
    const consumer = new PushConsumer({ consumerGroup: 'CG_MODE_ORDERED', namesrvAddr: target.namesrvAddr, ...FAST, subscription: { [topic]: '*' } });
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

  it('a delayed message arrives after its level\'s delay', async () => {
    const topic = await target.createTopic('ModeDelay', { queueNums: 1 });
    const received = await collect('CG_MODE_DELAY', topic, '*', { consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    await sleep(300);
    const sentAt = Date.now();
    await producer.send({ topic, body: 'later', delayTimeLevel: target.shortDelay.level });
    await producer.send({ topic, body: 'now' });
    await eventually(() => received.distinct === 2);
    const [first, second] = received.deliveries as [MessageExt, MessageExt];
    expect([first.body.toString(), second.body.toString()]).toEqual(['now', 'later']);
    expect(second.properties['DELAY']).toBe(String(target.shortDelay.level));
    expect(second.storeTimestamp - sentAt).toBeGreaterThanOrEqual(target.shortDelay.ms * 0.9);
  });
});

describe('consuming', () => {
  it('a tag filter delivers only the tags it names', async () => {
    const topic = await target.createTopic('ModeTags', { queueNums: 2 });
    for (let n = 0; n < 12; n++) await producer.send({ topic, body: `t${n}`, tags: `Tag${'ABC'[n % 3] ?? ''}` });
    const received = await collect('CG_MODE_TAGS', topic, 'TagA || TagB');
    await eventually(() => received.distinct === 8);
    await sleep(200);
    expect(received.deliveries.length).toBe(8);
    expect(received.deliveries.every((msg) => msg.tags !== 'TagC')).toBe(true);
  });

  it('broadcasting: every member gets every message', async () => {
    const topic = await target.createTopic('ModeBroadcast', { queueNums: 2 });
    const options = { messageModel: 'BROADCASTING' as const, localOffsetStoreDir: `${target.dir}/offsets` };
    const one = await collect('CG_MODE_BROADCAST', topic, '*', { ...options, instanceName: 'one' });
    const two = await collect('CG_MODE_BROADCAST', topic, '*', { ...options, instanceName: 'two' });
    await sleep(300);
    for (let n = 0; n < 6; n++) await producer.send({ topic, body: `x${n}` });
    await eventually(() => one.distinct === 6 && two.distinct === 6);
    expect(one.bodies().sort()).toEqual(two.bodies().sort());
  });

  it('the pull consumer reads a queue from an offset and commits where it got to', async () => {
    const topic = await target.createTopic('ModePull', { queueNums: 1 });
    for (let n = 0; n < 5; n++) await producer.send({ topic, body: `p${n}` });
    const consumer = new PullConsumer({ consumerGroup: 'CG_MODE_PULL', namesrvAddr: target.namesrvAddr });
    await consumer.start();
    closers.push(() => consumer.shutdown());
    const [mq] = await consumer.fetchSubscribeMessageQueues(topic);
    if (mq === undefined) throw new Error('no queue');
    const result = await consumer.pull(mq, '*', 1, 32);
    expect(result.msgFoundList.map((msg) => msg.body.toString())).toEqual(['p1', 'p2', 'p3', 'p4']);
    consumer.updateConsumeOffset(mq, result.nextBeginOffset);
    await consumer.persistConsumerOffset();
    await eventually(async () => (await consumer.fetchConsumeOffset(mq, true)) === 5);
  });

  it('the lite pull consumer polls what background pulls buffered', async () => {
    const topic = await target.createTopic('ModeLite', { queueNums: 2 });
    for (let n = 0; n < 8; n++) await producer.send({ topic, body: `l${n}` });
    const consumer = new LitePullConsumer({ consumerGroup: 'CG_MODE_LITE', namesrvAddr: target.namesrvAddr, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', rebalanceInterval: 500 });
    consumer.subscribe(topic, '*');
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
    const topic = await target.createTopic('ModePush', { queueNums: 4 });
    for (let n = 0; n < 40; n++) await producer.send({ topic, body: `c${n}` });
    const received = await collect('CG_MODE_PUSH', topic);
    await eventually(() => received.distinct === 40);
    await sleep(200);
    expect(received.deliveries).toHaveLength(40);
  });
});
