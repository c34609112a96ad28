/**
 * A BROADCASTING group against an embedded broker: every member gets every message, and a
 * member that leaves and comes back continues from the offsets in its local file. (Groups
 * under change, with members in their own processes: group-processes.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { ConsumeConcurrentlyStatus } from '../../src/client/consumer/message-listener.js';
import type { PushConsumer } from '../../src/client/consumer/push-consumer.js';
import type { MessageExt } from '../../src/client/message/message-ext.js';
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
