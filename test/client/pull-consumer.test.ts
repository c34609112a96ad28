/**
 * The pull consumer against a real name server and broker: pulls find what the producer
 * sent (filtered by tag on the broker and again on the client), answer NO_NEW_MSG when
 * caught up and OFFSET_ILLEGAL beyond the queue, a blocking pull returns when a message
 * arrives, and offsets are committed to the broker (CLUSTERING) or to the local file
 * (BROADCASTING).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../src/client/admin/mq-admin.js';
import { PullConsumer } from '../../src/client/consumer/pull-consumer.js';
import { Producer } from '../../src/client/producer/producer.js';
import type { MessageQueue } from '../../src/protocol/bodies/message-queue.js';
import { messageQueueKey } from '../../src/protocol/bodies/message-queue.js';
import { eventually, startCluster, type Cluster } from './support/cluster.js';

const TOPIC = 'ClientPullTopic';
let cluster: Cluster;
let producer: Producer;
let consumer: PullConsumer;
let admin: MQAdmin;
let queues: MessageQueue[];
const queue = (queueId: number): MessageQueue => ({ topic: TOPIC, brokerName: 'broker-a', queueId });

beforeAll(async () => {
  cluster = await startCluster(['broker-a']);
  admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
  await admin.start();
  await admin.createTopic('DefaultCluster', { topic: TOPIC, readQueueNums: 2, writeQueueNums: 2 });
  producer = new Producer({ producerGroup: 'PG_PULL', namesrvAddr: cluster.namesrvAddr });
  await producer.start();
  for (let n = 0; n < 6; n++) await producer.send({ topic: TOPIC, body: `m${n}`, tags: n % 2 === 0 ? 'TagA' : 'TagB' }, { queue: queue(0) });
  await producer.send({ topic: TOPIC, body: Buffer.from('big '.repeat(2000)), tags: 'TagA' }, { queue: queue(1) });
  consumer = new PullConsumer({ consumerGroup: 'CG_PULL', namesrvAddr: cluster.namesrvAddr });
  await consumer.start();
  queues = await consumer.fetchSubscribeMessageQueues(TOPIC);
});

afterAll(async () => {
  await consumer?.shutdown();
  await producer?.shutdown();
  await admin?.shutdown();
  await cluster?.cleanup();
});

describe('pulls', () => {
  it('the subscribe queues are the readable queues of the topic', () => {
    expect(queues).toEqual([queue(0), queue(1)]);
  });

  it('a pull from 0 finds every message in order, with the queue\'s offsets', async () => {
    const result = await consumer.pull(queue(0), '*', 0, 32);
    expect(result.pullStatus).toBe('FOUND');
    expect(result.msgFoundList.map((m) => m.body.toString())).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(result.msgFoundList.map((m) => m.queueOffset)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result).toMatchObject({ nextBeginOffset: 6, minOffset: 0, maxOffset: 6 });
    expect(result.msgFoundList[0]?.properties).toMatchObject({ MIN_OFFSET: '0', MAX_OFFSET: '6' });
    expect(result.msgFoundList[0]?.brokerName).toBe('broker-a');
  });

  it('maxNums bounds a pull', async () => {
    const result = await consumer.pull(queue(0), '*', 2, 3);
    expect(result.msgFoundList.map((m) => m.queueOffset)).toEqual([2, 3, 4]);
    expect(result.nextBeginOffset).toBe(5);
  });

  it('a tag expression keeps only those tags', async () => {
    const result = await consumer.pull(queue(0), 'TagB', 0, 32);
    expect(result.msgFoundList.map((m) => m.body.toString())).toEqual(['m1', 'm3', 'm5']);
    expect(result.msgFoundList.every((m) => m.tags === 'TagB')).toBe(true);
  });

  it('a compressed message arrives decompressed', async () => {
    const result = await consumer.pull(queue(1), 'TagA', 0, 32);
    expect(result.msgFoundList[0]?.body.toString()).toBe('big '.repeat(2000));
  });

  it('caught up: NO_NEW_MSG; beyond the queue: OFFSET_ILLEGAL with the offset to use', async () => {
    expect(await consumer.pull(queue(0), '*', 6, 32)).toMatchObject({ pullStatus: 'NO_NEW_MSG', nextBeginOffset: 6, msgFoundList: [] });
    expect(await consumer.pull(queue(0), '*', 100, 32)).toMatchObject({ pullStatus: 'OFFSET_ILLEGAL', nextBeginOffset: 6 });
  });

  it('a blocking pull returns as soon as a message arrives', async () => {
    const started = Date.now();
    const pulling = consumer.pullBlockIfNotFound(queue(1), '*', 1, 32);
    setTimeout(() => void producer.send({ topic: TOPIC, body: 'wake up' }, { queue: queue(1) }), 300);
    const result = await pulling;
    expect(result.pullStatus).toBe('FOUND');
    expect(result.msgFoundList.map((m) => m.body.toString())).toEqual(['wake up']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a negative offset and a non-positive maxNums', async () => {
    await expect(consumer.pull(queue(0), '*', -1, 32)).rejects.toThrow(/offset -1 < 0/);
    await expect(consumer.pull(queue(0), '*', 0, 0)).rejects.toThrow(/maxNums 0 <= 0/);
  });

  it('min, max and search offsets of a queue', async () => {
    expect(await consumer.minOffset(queue(0))).toBe(0);
    expect(await consumer.maxOffset(queue(0))).toBe(6);
    expect(await consumer.searchOffset(queue(0), 0)).toBe(0);
  });
});

describe('offsets', () => {
  it('CLUSTERING: an updated offset is committed to the broker and read back from it', async () => {
    consumer.updateConsumeOffset(queue(0), 4);
    expect(await consumer.fetchConsumeOffset(queue(0), false)).toBe(4);
    await consumer.persistConsumerOffset();
    const reader = new PullConsumer({ consumerGroup: 'CG_PULL', namesrvAddr: cluster.namesrvAddr, instanceName: 'reader' });
    await reader.start();
    try {
      let stored = -1;
      for (let attempt = 0; attempt < 50 && stored !== 4; attempt++) {
        stored = await reader.fetchConsumeOffset(queue(0), true);
        if (stored !== 4) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(stored).toBe(4);
    } finally {
      await reader.shutdown();
    }
  });

  it('the admin sees the group\'s progress once a heartbeat made the broker create the group\'s retry topic', async () => {
    await consumer.instance.sendHeartbeatToAllBrokers();
    await eventually(async () => (await admin.fetchAllTopicList()).includes('%RETRY%CG_PULL'));
    const stats = await admin.examineConsumeStats('CG_PULL', TOPIC);
    expect(stats.offsetTable.get(messageQueueKey(queue(0)))).toMatchObject({ brokerOffset: 6, consumerOffset: 4 });
  });

  it('the admin resets the group to a time: the broker answers each queue\'s new offset', async () => {
    consumer.updateConsumeOffset(queue(1), 2);
    await consumer.persistConsumerOffset();
    await eventually(async () => (await admin.examineConsumeStats('CG_PULL', TOPIC)).offsetTable.get(messageQueueKey(queue(1)))?.consumerOffset === 2);
    const offsets = await admin.resetOffsetByTimestamp(TOPIC, 'CG_PULL', 0, true);
    expect(offsets).toEqual(new Map([[messageQueueKey(queue(0)), 0], [messageQueueKey(queue(1)), 0]]));
  });

  it('BROADCASTING: offsets go to the local file and a new consumer of the same client reads them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pull-offsets-'));
    try {
      const options = { consumerGroup: 'CG_BROADCAST', namesrvAddr: cluster.namesrvAddr, messageModel: 'BROADCASTING' as const, localOffsetStoreDir: dir, instanceName: 'bc' };
      const first = new PullConsumer(options);
      await first.start();
      first.updateConsumeOffset(queue(1), 1);
      await first.shutdown();
      const second = new PullConsumer(options);
      await second.start();
      expect(await second.fetchConsumeOffset(queue(1), true)).toBe(1);
      await second.shutdown();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
