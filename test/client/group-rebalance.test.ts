/**
 * A consumer group under change, against an embedded broker: two members share a topic's
 * queues; a third joins and later one leaves while a producer keeps sending. After each
 * change the members' queues are disjoint and cover the topic; at the end every message
 * sent was consumed (duplicates are counted, and allowed: a queue changing hands may
 * deliver again what its old holder had not committed). A BROADCASTING group delivers
 * every message to every member and keeps its offsets in each member's local file.
 */
import { describe, expect, it } from 'vitest';
import { ConsumeConcurrentlyStatus } from '../../src/client/consumer/message-listener.js';
import type { PushConsumer } from '../../src/client/consumer/push-consumer.js';
import type { MessageExt } from '../../src/client/message/message-ext.js';
import { messageQueueKey, type MessageQueue } from '../../src/protocol/bodies/message-queue.js';
import { eventually } from './support/cluster.js';
import { useClientTestBed } from './support/test-bed.js';
import { Received, pushConsumer, sendNumbered, sleep } from './support/consumers.js';

const bed = useClientTestBed({ memoryStore: true }, 'PG_GROUP');

function recording(received: Received): { consumeConcurrently: (msgs: MessageExt[]) => Promise<ConsumeConcurrentlyStatus> } {
  return {
    consumeConcurrently: async (msgs) => {
      await sleep(1);
      received.add(msgs);
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    },
  };
}

async function member(group: string, name: string, topic: string, received: Received, extra: Record<string, unknown> = {}): Promise<PushConsumer> {
  const consumer = pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: group, instanceName: name, subscription: { [topic]: '*' }, ...extra }, recording(received));
  return bed.start(consumer);
}

function leave(consumer: PushConsumer): Promise<void> {
  return bed.stop(consumer);
}

/** True when the members' queues of `topic` are disjoint and cover all `queueNums`. */
function sharedExactly(members: readonly PushConsumer[], topic: string, queueNums: number): boolean {
  const held = members.flatMap((consumer) => consumer.assignment().filter((mq: MessageQueue) => mq.topic === topic).map(messageQueueKey));
  return held.length === queueNums && new Set(held).size === queueNums;
}

describe('a clustering group', () => {
  it('two members rebalance when a third joins and when one leaves; no message is lost', async () => {
    const topic = 'GroupRebalance';
    await bed.cluster.createTopic(topic, { queueNums: 8 });
    const received = new Received();
    const a = await member('CG_GROUP', 'a', topic, received);
    const b = await member('CG_GROUP', 'b', topic, received);
    await eventually(() => sharedExactly([a, b], topic, 8));
    expect(a.assignment().filter((mq) => mq.topic === topic)).toHaveLength(4);

    let sent = 0;
    let sending = true;
    const loop = (async () => {
      while (sending) {
        await bed.producer.send({ topic, body: `m${sent}` });
        sent++;
        if (sent % 20 === 0) await sleep(5);
      }
    })();
    const shares = (members: readonly PushConsumer[]): number[] => members.map((consumer) => consumer.assignment().filter((mq) => mq.topic === topic).length).sort();
    try {
      await eventually(() => received.distinct > 100);
      const c = await member('CG_GROUP', 'c', topic, received);
      await eventually(() => sharedExactly([a, b, c], topic, 8) && shares([a, b, c]).join() === '2,3,3');
      const beforeLeave = received.distinct;
      await eventually(() => received.distinct > beforeLeave + 100);

      await leave(a);
      await eventually(() => sharedExactly([b, c], topic, 8) && shares([b, c]).join() === '4,4');
      const afterLeave = received.distinct;
      await eventually(() => received.distinct > afterLeave + 100);
    } finally {
      sending = false;
      await loop;
    }
    await eventually(() => received.distinct === sent, 15_000);
    const missing = Array.from({ length: sent }, (_, n) => `m${n}`).filter((body) => !received.counts.has(body));
    expect(missing).toEqual([]);
    expect(received.duplicates()).toBeGreaterThanOrEqual(0);
    console.log(`group rebalance: ${sent} sent, ${received.deliveries.length} deliveries, ${received.duplicates()} duplicates`);
  });
});

describe('a broadcasting group', () => {
  it('delivers every message to every member, and each member continues from its local offsets', async () => {
    const topic = 'GroupBroadcast';
    await bed.cluster.createTopic(topic, { queueNums: 4 });
    const options = { messageModel: 'BROADCASTING' as const, localOffsetStoreDir: `${bed.cluster.dir}/offsets` };
    const members = ['x', 'y', 'z'].map((name) => ({ name, received: new Received() }));
    const consumers: PushConsumer[] = [];
    for (const { name, received } of members) consumers.push(await member('CG_BROADCAST', name, topic, received, options));
    await eventually(() => consumers.every((consumer) => consumer.assignment().filter((mq) => mq.topic === topic).length === 4));
    await sendNumbered(bed.producer, topic, 30, 'b');
    await eventually(() => members.every(({ received }) => received.distinct === 30));
    for (const { received } of members) expect(received.duplicates()).toBe(0);
    expect(consumers[0]?.consumerData().subscriptionDataSet.map((s) => s.topic)).toEqual([topic]);

    await leave(consumers[0] as PushConsumer);
    await sendNumbered(bed.producer, topic, 5, 'later');
    const again = new Received();
    const back = await member('CG_BROADCAST', 'x', topic, again, options);
    await eventually(() => again.distinct === 5);
    await sleep(200);
    expect(again.bodies().sort()).toEqual(['later0', 'later1', 'later2', 'later3', 'later4']);
    expect(back.assignment()).toHaveLength(4);
  });
});
