/**
 * Things going wrong around the client:
 * - a broker that loses the connection mid-send, before the request reached it: the send is
 *   retried on the other broker and every message is stored exactly once;
 * - a broker restarted (real mqbroker processes) while a producer keeps sending: the sends
 *   go on through the other broker, with at most a few failures, and nothing acknowledged
 *   is lost;
 * - the first name server is down: clients use the next one;
 * - shutdown while sends are in flight: each send settles; shutdown while the listener is
 *   busy: the call finishes and its offset is committed.
 * (Listeners that throw or never answer: push-consumer.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../src/client/admin/mq-admin.js';
import { ClientInstance } from '../../src/client/client-instance.js';
import { ConsumeConcurrentlyStatus } from '../../src/client/consumer/message-listener.js';
import { PushConsumer } from '../../src/client/consumer/push-consumer.js';
import { Producer } from '../../src/client/producer/producer.js';
import type { SendMessageContext, SendMessageHook } from '../../src/client/producer/send-hook.js';
import { startEmbeddedCluster } from '../../src/testing/index.js';
import { Cluster, eventually } from './support/cluster.js';
import { FAST, Received, pushConsumer, sendNumbered, sleep, startProducer } from './support/consumers.js';
import { TcpRelay } from './support/tcp-relay.js';
import { ProcessCluster } from '../support/process-cluster.js';

class AttemptLog implements SendMessageHook {
  readonly hookName = 'attempts';
  readonly attempts: { broker: string; failed: boolean }[] = [];
  sendMessageAfter(context: SendMessageContext): void {
    this.attempts.push({ broker: context.messageQueue.brokerName, failed: context.exception !== undefined });
  }
}

/** Consumes a whole topic from the start with a fresh group until `count` distinct bodies arrived. */
async function drain(namesrvAddr: string, topic: string, group: string, count: number): Promise<Received> {
  const received = new Received();
  const consumer = pushConsumer(namesrvAddr, { consumerGroup: group, subscription: { [topic]: '*' } }, {
    consumeConcurrently: (msgs) => (received.add(msgs), ConsumeConcurrentlyStatus.CONSUME_SUCCESS),
  });
  await consumer.start();
  try {
    await eventually(() => received.distinct >= count, 20_000);
    await sleep(300);
  } finally {
    await consumer.shutdown();
  }
  return received;
}

describe('a broker loses the connection mid-send', () => {
  const cluster = new Cluster();
  let proxy: TcpRelay;

  afterAll(async () => {
    await proxy?.close();
    await cluster.cleanup();
  });

  it('before the request reached it: the send is retried on the other broker and stored once', async () => {
    await cluster.startNameServer();
    await cluster.startBroker('broker-a');
    const b = await cluster.startBroker('broker-b', { brokerIP1: '127.0.0.2', bindAddress: '127.0.0.1' });
    proxy = new TcpRelay('127.0.0.1', b.port);
    await proxy.listen('127.0.0.2', b.port);
    const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await admin.start();
    await admin.createTopic('DefaultCluster', { topic: 'MidSend', readQueueNums: 2, writeQueueNums: 2 });
    await admin.shutdown();
    const log = new AttemptLog();
    const producer = new Producer({ producerGroup: 'PG_MIDSEND', namesrvAddr: cluster.namesrvAddr, sendMessageHooks: [log] });
    await producer.start();
    await sendNumbered(producer, 'MidSend', 10, 'before');
    proxy.dropRequests = true;
    const during = await sendNumbered(producer, 'MidSend', 20, 'during');
    proxy.dropRequests = false;
    expect(during.every((result) => result.sendStatus === 'SEND_OK' && result.messageQueue.brokerName === 'broker-a')).toBe(true);
    const failedOnB = log.attempts.filter((attempt) => attempt.broker === 'broker-b' && attempt.failed).length;
    expect(failedOnB).toBeGreaterThan(0);
    expect(proxy.dropped).toBeGreaterThan(0);
    await producer.shutdown();
    const received = await drain(cluster.namesrvAddr, 'MidSend', 'CG_MIDSEND', 30);
    expect(received.distinct).toBe(30);
    expect(received.duplicates()).toBe(0);
  });
});

describe('a broker restarts while a producer sends (mqnamesrv + two mqbroker processes)', () => {
  let cluster: ProcessCluster | undefined;

  afterAll(async () => {
    await cluster?.stop();
  });

  it('sends go on through the other broker with bounded failures, and nothing acknowledged is lost', async () => {
    cluster = await ProcessCluster.start();
    const namesrv = cluster.namesrv;
    const a = await cluster.startBroker('broker-a');
    await cluster.startBroker('broker-b');
    const admin = new MQAdmin({ namesrvAddr: namesrv.address });
    await admin.start();
    await admin.createTopic('DefaultCluster', { topic: 'Restart', readQueueNums: 2, writeQueueNums: 2 });
    await admin.shutdown();

    const producer = await startProducer(namesrv.address, 'PG_RESTART');
    const acknowledged: string[] = [];
    let failures = 0;
    let sending = true;
    const loop = (async () => {
      for (let n = 0; sending; n++) {
        try {
          await producer.send({ topic: 'Restart', body: `r${n}` });
          acknowledged.push(`r${n}`);
        } catch {
          failures++;
        }
        await sleep(2);
      }
    })();
    try {
      await eventually(() => acknowledged.length > 50);
      await a.stop();
      const beforeRestart = acknowledged.length;
      await eventually(() => acknowledged.length > beforeRestart + 50);
      await cluster.startBroker('broker-a', a.port);
      const afterRestart = acknowledged.length;
      await eventually(() => acknowledged.length > afterRestart + 100);
    } finally {
      sending = false;
      await loop;
    }
    await producer.shutdown();
    expect(failures).toBeLessThanOrEqual(2);
    const received = await drain(namesrv.address, 'Restart', 'CG_RESTART', acknowledged.length);
    expect(acknowledged.filter((body) => !received.counts.has(body))).toEqual([]);
    console.log(`broker restart: ${acknowledged.length} acknowledged, ${failures} failed, ${received.distinct} stored`);
  }, 90_000);
});

describe('the first name server is down', () => {
  const cluster = new Cluster();

  afterAll(async () => cluster.cleanup());

  it('producers and consumers use the next one', async () => {
    const first = await cluster.startNameServer();
    await cluster.startNameServer();
    await cluster.startBroker('broker-a');
    const namesrvAddr = cluster.namesrvAddr;
    await first.shutdown();
    const instance = new ClientInstance({ namesrvAddr, ...FAST }, { nameServerStartIndex: 0 });
    const producer = new Producer({ producerGroup: 'PG_NS_DOWN', clientInstance: instance });
    const received = new Received();
    const consumer = new PushConsumer({ consumerGroup: 'CG_NS_DOWN', clientInstance: instance, ...FAST, subscription: { NsDown: '*' } });
    consumer.registerMessageListener({ consumeConcurrently: (msgs) => (received.add(msgs), ConsumeConcurrentlyStatus.CONSUME_SUCCESS) });
    instance.start();
    await producer.start();
    await sendNumbered(producer, 'NsDown', 5, 'n');
    await consumer.start();
    await eventually(() => received.distinct === 5);
    await consumer.shutdown();
    await producer.shutdown();
    await instance.shutdown();
  });
});

describe('shutdown', () => {
  it('with sends in flight: every send settles, and the ones a slow broker was working on succeed', async () => {
    const cluster = await startEmbeddedCluster({ memoryStore: true, broker: { brokerIP1: '127.0.0.2', bindAddress: '127.0.0.1' } });
    const proxy = new TcpRelay('127.0.0.1', cluster.broker.port);
    await proxy.listen('127.0.0.2', cluster.broker.port);
    try {
      await cluster.createTopic('Inflight', { queueNums: 2 });
      const producer = await startProducer(cluster.namesrvAddr, 'PG_INFLIGHT');
      await producer.send({ topic: 'Inflight', body: 'warm-up' });
      proxy.delayMs = 300;
      const sends = Array.from({ length: 50 }, (_, n) => producer.sendAsync({ topic: 'Inflight', body: `f${n}` }));
      await sleep(20);
      await producer.shutdown();
      const outcomes = await Promise.allSettled(sends);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(50);
      await expect(producer.sendAsync({ topic: 'Inflight', body: 'late' })).rejects.toMatchObject({ code: 'CLIENT_STATE' });
    } finally {
      await proxy.close();
      await cluster.stop();
    }
  });

  it('with the listener busy: the call finishes and its offset is committed, so the group does not see it again', async () => {
    const cluster = await startEmbeddedCluster({ memoryStore: true });
    try {
      await cluster.createTopic('Busy', { queueNums: 1 });
      const producer = await startProducer(cluster.namesrvAddr, 'PG_BUSY');
      await sendNumbered(producer, 'Busy', 3, 'b');
      const first = new Received();
      let busy = 0;
      const options = { consumerGroup: 'CG_BUSY', subscription: { Busy: '*' }, consumeThreadMax: 1, consumeThreadMin: 1, awaitTerminationMillisWhenShutdown: 450 };
      const consumer = pushConsumer(cluster.namesrvAddr, options, {
        consumeConcurrently: async (msgs) => {
          busy++;
          await sleep(300);
          first.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      });
      await consumer.start();
      await eventually(() => busy === 1);
      await consumer.shutdown();
      // b0 was under way and finished within the wait; b1 started and did not; b2 never started.
      const finished = first.bodies();
      expect(finished).toEqual(['b0']);
      const second = new Received();
      const next = pushConsumer(cluster.namesrvAddr, { consumerGroup: 'CG_BUSY', subscription: { Busy: '*' } }, {
        consumeConcurrently: (msgs) => (second.add(msgs), ConsumeConcurrentlyStatus.CONSUME_SUCCESS),
      });
      await next.start();
      await eventually(() => second.distinct >= 2);
      await sleep(200);
      await next.shutdown();
      await producer.shutdown();
      expect(second.bodies().sort()).toEqual(['b1', 'b2']);
    } finally {
      await cluster.stop();
    }
  });
});
