/**
 * Consumer groups whose members are separate processes (support/consumer-member.ts), against
 * `mqnamesrv` and `mqbroker` child processes, while this process produces:
 * - CLUSTERING: two members share a topic's queues, a third joins, then one leaves with a
 *   clean shutdown; after each change the live members' queues are disjoint and cover the
 *   topic, and in the end every message sent was consumed by someone (duplicates counted,
 *   and allowed: a queue that changes hands may deliver again what its old holder had not
 *   committed);
 * - orderly: a second member joins mid-stream; merged on the clock all processes share,
 *   the deliveries keep every key's order, and nothing is lost;
 * - BROADCASTING: every member gets every message once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Producer } from '../../src/client/producer/producer.js';
import { eventually } from './support/cluster.js';
import { orderViolations, sendKeyed, sleep, startProducer } from './support/consumers.js';
import type { MemberSettings } from './support/consumer-member.js';
import { MemberProcess, type Delivery } from './support/member-process.js';
import { startClientTestTarget, type ClientTestTarget } from './support/target.js';

let target: ClientTestTarget;
let producer: Producer;
const members: MemberProcess[] = [];

beforeAll(async () => {
  target = await startClientTestTarget('processes');
  producer = await startProducer(target.namesrvAddr, 'PG_GROUP_PROCESSES');
});

afterAll(async () => {
  await Promise.all(members.map((member) => member.stop()));
  await producer?.shutdown();
  await target?.stop();
});

async function member(settings: Omit<MemberSettings, 'namesrvAddr' | 'orderly' | 'messageModel'> & Partial<MemberSettings>): Promise<MemberProcess> {
  const started = await MemberProcess.start({ namesrvAddr: target.namesrvAddr, orderly: false, messageModel: 'CLUSTERING', ...settings });
  members.push(started);
  return started;
}

/** True when the members' queues are disjoint and cover all `queueNums`, in shares of `shares`. */
function sharedAs(live: readonly MemberProcess[], queueNums: number, shares: string): boolean {
  const held = live.flatMap((one) => one.queueIds);
  const sizes = live.map((one) => one.queueIds.length).sort().join();
  return held.length === queueNums && new Set(held).size === queueNums && sizes === shares;
}

function allDeliveries(of: readonly MemberProcess[]): Delivery[] {
  return of.flatMap((one) => one.deliveries).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function distinctBodies(of: readonly MemberProcess[]): number {
  return new Set(of.flatMap((one) => one.deliveries.map((delivery) => delivery.body))).size;
}

/** Sends `m0`, `m1`, … until `stop` is called; resolves with how many were sent. */
function keepSending(topic: string): { stop: () => Promise<number> } {
  let sending = true;
  let sent = 0;
  const loop = (async () => {
    while (sending) {
      await producer.send({ topic, body: `m${sent}` });
      sent++;
      if (sent % 20 === 0) await sleep(5);
    }
  })();
  return {
    stop: async () => {
      sending = false;
      await loop;
      return sent;
    },
  };
}

describe('a clustering group of member processes', () => {
  it('rebalances when a third member joins and when one leaves; no message is lost', async () => {
    const topic = await target.createTopic('GroupProcesses', { queueNums: 8 });
    const group = { consumerGroup: 'CG_GROUP_PROCESSES', topic, listenerDelayMs: 1 };
    const a = await member({ ...group, instanceName: 'a' });
    const b = await member({ ...group, instanceName: 'b' });
    await eventually(() => sharedAs([a, b], 8, '4,4'), 20_000);

    const everyone = [a, b];
    const sender = keepSending(topic);
    let sent: number;
    try {
      await eventually(() => distinctBodies([a, b]) > 100, 20_000);
      const c = await member({ ...group, instanceName: 'c' });
      everyone.push(c);
      await eventually(() => sharedAs([a, b, c], 8, '2,3,3'), 20_000);
      const beforeLeave = distinctBodies([a, b, c]);
      await eventually(() => distinctBodies([a, b, c]) > beforeLeave + 100, 20_000);

      await a.stop();
      await eventually(() => sharedAs([b, c], 8, '4,4'), 20_000);
      const afterLeave = distinctBodies([a, b, c]);
      await eventually(() => distinctBodies([a, b, c]) > afterLeave + 100, 20_000);
      expect(c.deliveries.length).toBeGreaterThan(0);
    } finally {
      sent = await sender.stop();
    }
    await eventually(() => distinctBodies(everyone) === sent, 20_000);
    const received = new Set(allDeliveries(everyone).map((delivery) => delivery.body));
    expect(Array.from({ length: sent }, (_, n) => `m${n}`).filter((body) => !received.has(body))).toEqual([]);
    const deliveries = allDeliveries(everyone).length;
    console.log(`group of processes: ${sent} sent, ${deliveries} deliveries, ${deliveries - sent} duplicates`);
  }, 120_000);
});

describe('an orderly group of member processes', () => {
  it('a member joining mid-stream takes queues over; no key\'s order breaks and nothing is lost', async () => {
    const topic = await target.createTopic('OrderlyProcesses', { queueNums: 4 });
    const group = { consumerGroup: 'CG_ORDERLY_PROCESSES', topic, orderly: true, listenerDelayMs: 4 };
    const keys = Array.from({ length: 8 }, (_, n) => `key-${n}`);
    const first = await member({ ...group, instanceName: 'first' });
    await eventually(() => first.queueIds.length === 4, 20_000);
    await sendKeyed(producer, topic, keys, 15);
    const sending = (async () => {
      for (let seq = 15; seq < 40; seq++) {
        await sendKeyed(producer, topic, keys, 1, seq);
        await sleep(10);
      }
    })();
    await eventually(() => distinctBodies([first]) > 60, 20_000);
    const second = await member({ ...group, instanceName: 'second' });
    await eventually(() => sharedAs([first, second], 4, '2,2'), 20_000);
    await sending;
    await sendKeyed(producer, topic, keys, 10, 40);
    await eventually(() => distinctBodies([first, second]) === keys.length * 50, 30_000);
    expect(orderViolations(allDeliveries([first, second]).map((delivery) => delivery.body))).toEqual([]);
    expect(second.deliveries.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('a broadcasting group of member processes', () => {
  it('delivers every message to every member, once', async () => {
    const topic = await target.createTopic('BroadcastProcesses', { queueNums: 4 });
    const group = { consumerGroup: 'CG_BROADCAST_PROCESSES', topic, messageModel: 'BROADCASTING' as const, localOffsetStoreDir: `${target.dir}/offsets` };
    const three = [await member({ ...group, instanceName: 'x' }), await member({ ...group, instanceName: 'y' }), await member({ ...group, instanceName: 'z' })];
    await eventually(() => three.every((one) => one.queueIds.length === 4), 20_000);
    for (let n = 0; n < 30; n++) await producer.send({ topic, body: `b${n}` });
    await eventually(() => three.every((one) => distinctBodies([one]) === 30), 20_000);
    await sleep(300);
    for (const one of three) expect(one.deliveries.map((delivery) => delivery.body).sort()).toEqual(Array.from({ length: 30 }, (_, n) => `b${n}`).sort());
  }, 60_000);
});
