/**
 * The lite pull consumer against an embedded broker: subscribe (queues shared by the
 * group through rebalance) or assign (given queues), poll returning buffered batches in
 * queue order, seek / seekToBegin / seekToEnd, commitSync and auto-commit, pause and
 * resume, and the bounded buffer.
 */
import { describe, expect, it } from 'vitest';
import { LitePullConsumer } from '../../src/client/consumer/lite-pull-consumer.js';
import type { LitePullConsumerOptions } from '../../src/client/consumer/lite-pull-consumer-options.js';
import type { MessageExt } from '../../src/client/message/message-ext.js';
import type { MessageQueue } from '../../src/protocol/bodies/message-queue.js';
import { eventually } from './support/cluster.js';
import { useClientTestBed } from './support/test-bed.js';
import { sendNumbered, sleep } from './support/consumers.js';

const bed = useClientTestBed({ memoryStore: true }, 'PG_LITE');

function lite(options: Partial<LitePullConsumerOptions> & { consumerGroup: string }): LitePullConsumer {
  const consumer = new LitePullConsumer({
    namesrvAddr: bed.cluster.namesrvAddr,
    rebalanceInterval: 500,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    brokerSuspendMaxTimeMillis: 1000,
    consumerTimeoutMillisWhenSuspend: 3000,
    pullTimeDelayMillsWhenException: 200,
    ...options,
  });
  return bed.track(consumer);
}

/** Polls until `count` messages came (or 10 s passed). */
async function pollAll(consumer: LitePullConsumer, count: number): Promise<MessageExt[]> {
  const got: MessageExt[] = [];
  const deadline = Date.now() + 10_000;
  while (got.length < count && Date.now() < deadline) got.push(...(await consumer.poll(200)));
  return got;
}

const queue = (topic: string, queueId: number): MessageQueue => ({ topic, brokerName: bed.cluster.brokerName, queueId });
const bodies = (msgs: readonly MessageExt[]): string[] => msgs.map((msg) => msg.body.toString());

describe('subscribe', () => {
  it('polls every message of the subscribed topic, filtered by tag, each queue in order; commitSync stores the offsets', async () => {
    await bed.cluster.createTopic('LiteSub', { queueNums: 2 });
    for (let n = 0; n < 20; n++) await bed.producer.send({ topic: 'LiteSub', body: `m${n}`, tags: n % 2 === 0 ? 'even' : 'odd' }, { queue: queue('LiteSub', n % 2) });
    const consumer = lite({ consumerGroup: 'LCG_SUB', pullBatchSize: 4 });
    consumer.subscribe('LiteSub', 'even');
    await consumer.start();
    const got = await pollAll(consumer, 10);
    expect(got.every((msg) => msg.tags === 'even')).toBe(true);
    expect(bodies(got).sort()).toEqual(['m0', 'm10', 'm12', 'm14', 'm16', 'm18', 'm2', 'm4', 'm6', 'm8']);
    for (const batch of [got]) expect(batch.filter((msg) => msg.queueId === 0).map((msg) => msg.queueOffset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(consumer.assignment().map((mq) => mq.queueId).sort()).toEqual([0, 1]);
    await consumer.commitSync();
    // Queue 0 holds the even messages; queue 1 had nothing to poll, so nothing was committed for it.
    await eventually(async () => {
      const stats = await bed.admin.examineConsumeStats('LCG_SUB', 'LiteSub');
      return [...stats.offsetTable.entries()].some(([key, wrapper]) => key.includes('"queueId":0') && wrapper.consumerOffset === 10);
    });
    expect(await consumer.committed(queue('LiteSub', 0))).toBe(10);
    await bed.stop(consumer);
  });

  it('two members of a group share the queues', async () => {
    await bed.cluster.createTopic('LiteShare', { queueNums: 4 });
    const one = lite({ consumerGroup: 'LCG_SHARE', instanceName: 'one' });
    const two = lite({ consumerGroup: 'LCG_SHARE', instanceName: 'two' });
    one.subscribe('LiteShare');
    two.subscribe('LiteShare');
    await one.start();
    await two.start();
    await eventually(() => one.assignment().length === 2 && two.assignment().length === 2);
    const all = [...one.assignment(), ...two.assignment()].map((mq) => mq.queueId).sort();
    expect(all).toEqual([0, 1, 2, 3]);
    await sendNumbered(bed.producer, 'LiteShare', 16, 's');
    const [a, b] = await Promise.all([pollAll(one, 8), pollAll(two, 8)]);
    expect([...bodies(a), ...bodies(b)].sort()).toEqual(Array.from({ length: 16 }, (_, n) => `s${n}`).sort());
    await bed.stop(one);
    await bed.stop(two);
  });
});

describe('assign', () => {
  it('reads exactly the assigned queues with the tag expression set for them; subscribe is then refused', async () => {
    await bed.cluster.createTopic('LiteAssign', { queueNums: 3 });
    for (let n = 0; n < 9; n++) await bed.producer.send({ topic: 'LiteAssign', body: `a${n}`, tags: n < 6 ? 'keep' : 'drop' }, { queue: queue('LiteAssign', n % 3) });
    const consumer = lite({ consumerGroup: 'LCG_ASSIGN' });
    consumer.setSubExpressionForAssign('LiteAssign', 'keep');
    consumer.assign([queue('LiteAssign', 0), queue('LiteAssign', 2)]);
    expect(() => consumer.subscribe('LiteAssign')).toThrow(/mutually exclusive/);
    await consumer.start();
    const got = await pollAll(consumer, 4);
    await sleep(200);
    got.push(...(await consumer.poll(100)));
    expect(bodies(got).sort()).toEqual(['a0', 'a2', 'a3', 'a5']);
    await bed.stop(consumer);
  });

  it('seek, seekToBegin and seekToEnd move where the next poll starts; an offset outside the queue is refused', async () => {
    await bed.cluster.createTopic('LiteSeek', { queueNums: 1 });
    await sendNumbered(bed.producer, 'LiteSeek', 10, 'k');
    const mq = queue('LiteSeek', 0);
    const consumer = lite({ consumerGroup: 'LCG_SEEK', pullBatchSize: 3 });
    consumer.assign([mq]);
    await consumer.start();
    expect(bodies(await pollAll(consumer, 10))).toEqual(Array.from({ length: 10 }, (_, n) => `k${n}`));
    await consumer.seek(mq, 7);
    expect(bodies(await pollAll(consumer, 3))).toEqual(['k7', 'k8', 'k9']);
    await consumer.seekToBegin(mq);
    expect(bodies(await pollAll(consumer, 3))[0]).toBe('k0');
    await consumer.seekToEnd(mq);
    await sleep(100);
    expect(await consumer.poll(300)).toEqual([]);
    await bed.producer.send({ topic: 'LiteSeek', body: 'k10' });
    expect(bodies(await pollAll(consumer, 1))).toEqual(['k10']);
    await expect(consumer.seek(mq, 99)).rejects.toThrow(/Seek offset illegal/);
    await expect(consumer.seek(queue('LiteSeek', 5), 0)).rejects.toThrow(/not in assigned list/);
    await bed.stop(consumer);
  });

  it('pause stops a queue\'s pulls; resume restarts them', async () => {
    await bed.cluster.createTopic('LitePause', { queueNums: 2 });
    const consumer = lite({ consumerGroup: 'LCG_PAUSE', brokerSuspendMaxTimeMillis: 200 });
    consumer.assign([queue('LitePause', 0), queue('LitePause', 1)]);
    await consumer.start();
    consumer.pause([queue('LitePause', 1)]);
    await sleep(400);
    for (let n = 0; n < 4; n++) await bed.producer.send({ topic: 'LitePause', body: `p${n}` }, { queue: queue('LitePause', n % 2) });
    const first = await pollAll(consumer, 2);
    await sleep(300);
    first.push(...(await consumer.poll(100)));
    expect(bodies(first)).toEqual(['p0', 'p2']);
    consumer.resume([queue('LitePause', 1)]);
    expect(bodies(await pollAll(consumer, 2))).toEqual(['p1', 'p3']);
    await bed.stop(consumer);
  });
});

describe('offsets and bounds', () => {
  it('auto-commit stores what was polled; a new consumer of the group goes on from there', async () => {
    await bed.cluster.createTopic('LiteAuto', { queueNums: 1 });
    await sendNumbered(bed.producer, 'LiteAuto', 6, 'x');
    const first = lite({ consumerGroup: 'LCG_AUTO', autoCommitIntervalMillis: 1000 });
    first.assign([queue('LiteAuto', 0)]);
    await first.start();
    expect(bodies(await pollAll(first, 6))).toHaveLength(6);
    await bed.stop(first);
    await sendNumbered(bed.producer, 'LiteAuto', 2, 'y');
    const second = lite({ consumerGroup: 'LCG_AUTO' });
    second.assign([queue('LiteAuto', 0)]);
    await second.start();
    expect(bodies(await pollAll(second, 2))).toEqual(['y0', 'y1']);
    await bed.stop(second);
  });

  it('the buffer stays within pullThresholdForAll while nobody polls', async () => {
    await bed.cluster.createTopic('LiteBound', { queueNums: 2 });
    await sendNumbered(bed.producer, 'LiteBound', 200, 'z');
    const consumer = lite({ consumerGroup: 'LCG_BOUND', pullBatchSize: 5, pullThresholdForAll: 20 });
    consumer.assign([queue('LiteBound', 0), queue('LiteBound', 1)]);
    await consumer.start();
    await sleep(500);
    // pulls stop once more than 20 messages wait: at most 20 + one batch per queue
    expect(consumer.buffer.size * 5).toBeLessThanOrEqual(20 + 2 * 5);
    expect(consumer.buffer.size).toBeGreaterThan(0);
    expect(await pollAll(consumer, 200)).toHaveLength(200);
    await bed.stop(consumer);
  });
});
