/**
 * The producer across two real brokers: when one stops, sends are retried on the other;
 * with sendLatencyFaultEnable, a broker that failed or answered slowly is avoided for a
 * while (a relay in front of one broker makes it slow).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../src/client/admin/mq-admin.js';
import { Producer } from '../../src/client/producer/producer.js';
import type { SendMessageContext, SendMessageHook } from '../../src/client/producer/send-hook.js';
import type { ProducerOptions } from '../../src/client/producer/producer-options.js';
import { Cluster, startCluster } from './support/cluster.js';
import { TcpRelay } from './support/tcp-relay.js';

const TOPIC = 'ClientTwoBrokers';

/** Records every attempt: broker and whether it failed. */
class AttemptLog implements SendMessageHook {
  readonly hookName = 'attempt-log';
  readonly attempts: { broker: string; failed: boolean }[] = [];
  sendMessageAfter(context: SendMessageContext): void {
    this.attempts.push({ broker: context.messageQueue.brokerName, failed: context.exception !== undefined });
  }
  on(broker: string, from = 0): number {
    return this.attempts.slice(from).filter((attempt) => attempt.broker === broker).length;
  }
}

function producerWith(cluster: Cluster, group: string, log: AttemptLog, options: ProducerOptions = {}): Producer {
  return new Producer({ producerGroup: group, namesrvAddr: cluster.namesrvAddr, sendMessageHooks: [log], ...options });
}

/** Sends until an attempt has gone to `broker` (at most `limit` sends); every send must succeed. */
async function sendUntilAttemptOn(producer: Producer, log: AttemptLog, broker: string, limit = 40): Promise<void> {
  for (let n = 0; n < limit && log.on(broker) === 0; n++) {
    const result = await producer.send({ topic: TOPIC, body: `probe-${n}` });
    expect(result.sendStatus).toBe('SEND_OK');
  }
  expect(log.on(broker)).toBeGreaterThan(0);
}

describe('one of two brokers stops', () => {
  let cluster: Cluster;
  const plainLog = new AttemptLog();
  const faultLog = new AttemptLog();
  let plain: Producer;
  let avoiding: Producer;

  beforeAll(async () => {
    cluster = await startCluster(['broker-a', 'broker-b']);
    const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await admin.start();
    expect(await admin.createTopic('DefaultCluster', { topic: TOPIC, readQueueNums: 4, writeQueueNums: 4 })).toHaveLength(2);
    await admin.shutdown();
    plain = producerWith(cluster, 'PG_PLAIN', plainLog);
    avoiding = producerWith(cluster, 'PG_AVOIDING', faultLog, { sendLatencyFaultEnable: true });
    for (const producer of [plain, avoiding]) {
      await producer.start();
      for (let n = 0; n < 8; n++) await producer.send({ topic: TOPIC, body: `warm-up-${n}` });
    }
    // Let the first scheduled route refresh (10 ms after start) pass while broker-b is still registered,
    // so that the producers' cached routes still list it when it stops (the next refresh is 30 s away).
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const producer of [plain, avoiding]) expect((await producer.fetchPublishMessageQueues(TOPIC)).map((q) => q.brokerName)).toContain('broker-b');
    plainLog.attempts.length = 0;
    faultLog.attempts.length = 0;
    await cluster.stopBroker('broker-b');
  });

  afterAll(async () => {
    await plain?.shutdown();
    await avoiding?.shutdown();
    await cluster?.cleanup();
  });

  it('every send still succeeds: an attempt on the stopped broker is retried on the other one', async () => {
    await sendUntilAttemptOn(plain, plainLog, 'broker-b');
    const failedOnB = plainLog.attempts.findIndex((attempt) => attempt.broker === 'broker-b');
    expect(plainLog.attempts[failedOnB]?.failed).toBe(true);
    expect(plainLog.attempts[failedOnB + 1]).toEqual({ broker: 'broker-a', failed: false });
  });

  it('without fault avoidance the round robin keeps coming back to the stopped broker', async () => {
    const from = plainLog.attempts.length;
    for (let n = 0; n < 20; n++) expect((await plain.send({ topic: TOPIC, body: `plain-${n}` })).messageQueue.brokerName).toBe('broker-a');
    expect(plainLog.on('broker-b', from)).toBeGreaterThan(0);
  });

  it('with sendLatencyFaultEnable the stopped broker is avoided after its first failure', async () => {
    await sendUntilAttemptOn(avoiding, faultLog, 'broker-b');
    const from = faultLog.attempts.length;
    for (let n = 0; n < 20; n++) expect((await avoiding.send({ topic: TOPIC, body: `avoiding-${n}` })).messageQueue.brokerName).toBe('broker-a');
    expect(faultLog.on('broker-b', from)).toBe(0);
    const item = avoiding.faultItems().find((fault) => fault.name === 'broker-b');
    expect(item?.startTimestamp).toBeGreaterThan(Date.now() + 500_000);
  });
});

describe('one of two brokers is slow', () => {
  let cluster: Cluster;
  let proxy: TcpRelay;
  const log = new AttemptLog();
  let producer: Producer;

  beforeAll(async () => {
    cluster = new Cluster();
    await cluster.startNameServer();
    await cluster.startBroker('broker-a');
    const slow = await cluster.startBroker('broker-b', { brokerIP1: '127.0.0.2', bindAddress: '127.0.0.1' });
    proxy = new TcpRelay('127.0.0.1', slow.port);
    await proxy.listen('127.0.0.2', slow.port);
    const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await admin.start();
    await admin.createTopic('DefaultCluster', { topic: TOPIC, readQueueNums: 2, writeQueueNums: 2 });
    await admin.shutdown();
    producer = producerWith(cluster, 'PG_SLOW', log, { sendLatencyFaultEnable: true, sendMsgTimeout: 5000 });
    await producer.start();
    proxy.delayMs = 700;
  });

  afterAll(async () => {
    await producer?.shutdown();
    await proxy?.close();
    await cluster?.cleanup();
  });

  it('after an answer slower than 550 ms the broker is avoided for 30 s, though it works', async () => {
    await sendUntilAttemptOn(producer, log, 'broker-b');
    const item = producer.faultItems().find((fault) => fault.name === 'broker-b');
    expect(item?.currentLatency).toBeGreaterThanOrEqual(650);
    expect(item?.startTimestamp).toBeGreaterThan(Date.now() + 25_000);
    expect(item?.startTimestamp).toBeLessThanOrEqual(Date.now() + 30_000);
    const from = log.attempts.length;
    for (let n = 0; n < 20; n++) expect((await producer.send({ topic: TOPIC, body: `fast-${n}` })).messageQueue.brokerName).toBe('broker-a');
    expect(log.on('broker-b', from)).toBe(0);
    expect(log.attempts.every((attempt) => !attempt.failed)).toBe(true);
  });
});
