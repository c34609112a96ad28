/**
 * Long polling over real sockets: a pull that finds nothing is parked and answered when a
 * matching message arrives (within 100 ms of the send), at its own suspendTimeoutMillis,
 * after shortPollingTimeMills when long polling is off, or at once when the broker stops;
 * it never holds up other requests on its connection; it leaves nothing behind when its
 * connection closes; ten thousand of them park and leave again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { createRequest, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { Harness, createTopic, eventually, sendHeaderV2, sendV2 } from './support/harness.js';
import { TestConsumer, type PullFields } from './support/test-consumer.js';

const harness = new Harness();
let broker: Broker;
const consumers: TestConsumer[] = [];
/** SUSPEND | SUBSCRIPTION, as ali-ons pulls. */
const PARKABLE = 6;

beforeAll(async () => {
  broker = await harness.broker();
  for (const topic of ['LpTopic', 'LpOther', 'LpTags', 'LpMany']) expect((await createTopic(harness, broker.address, topic, 8)).code).toBe(0);
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.close();
  await harness.cleanup();
});

function newConsumer(name: string, target = broker): TestConsumer {
  const consumer = new TestConsumer(target.address, `127.0.0.1@${name}`);
  consumers.push(consumer);
  return consumer;
}

function parked(fields: Partial<PullFields> & { topic: string }): PullFields {
  return { consumerGroup: 'LP_G', sysFlag: PARKABLE, subscription: '*', suspendTimeoutMillis: 20_000, ...fields };
}

async function parkedCount(count: number, target = broker): Promise<void> {
  await eventually(() => target.context.pulls.hold.size === count, 10_000);
}

describe('a parked pull', () => {
  it('is answered within 100 ms of a send to its queue, with the message', async () => {
    const consumer = newConsumer('lp1');
    const pulling = consumer.pull(parked({ topic: 'LpTopic', queueId: 3 }));
    let answeredAt = 0;
    void pulling.then(() => (answeredAt = performance.now()));
    await parkedCount(1);
    const sentAt = performance.now();
    expect((await sendV2(harness, broker.address, 'LpTopic', 'wake up', { queueId: 3 })).code).toBe(0);
    const response = await pulling;
    expect(answeredAt - sentAt).toBeLessThan(100);
    expect([response.code, response.remark]).toEqual([ResponseCode.SUCCESS, 'FOUND']);
    expect(decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['wake up']);
    expect(response.extFields?.['nextBeginOffset']).toBe('1');
    expect(broker.context.pulls.hold.size).toBe(0);
  });

  it('does not delay a send on the same connection', async () => {
    const consumer = newConsumer('lp2');
    const pulling = consumer.pull(parked({ topic: 'LpOther', queueId: 0 }));
    await parkedCount(1);
    const started = performance.now();
    const send = await consumer.remoting.invoke(broker.address, createRequest(RequestCode.SEND_MESSAGE_V2, { extFields: sendHeaderV2('LpOther', { queueId: 1 }), body: Buffer.from('other queue') }));
    expect(send.code).toBe(0);
    expect(performance.now() - started).toBeLessThan(100);
    expect(broker.context.pulls.hold.size).toBe(1);
    await sendV2(harness, broker.address, 'LpOther', 'now queue 0', { queueId: 0 });
    expect((await pulling).code).toBe(ResponseCode.SUCCESS);
  });

  it('stays parked for messages its tags do not match', async () => {
    const consumer = newConsumer('lp3');
    const pulling = consumer.pull(parked({ topic: 'LpTags', queueId: 0, subscription: 'TagA' }));
    await parkedCount(1);
    await sendV2(harness, broker.address, 'LpTags', 'tag b', { queueId: 0, properties: { TAGS: 'TagB' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(broker.context.pulls.hold.size).toBe(1);
    await sendV2(harness, broker.address, 'LpTags', 'tag a', { queueId: 0, properties: { TAGS: 'TagA' } });
    const response = await pulling;
    expect(decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['tag a']);
    expect(response.extFields?.['nextBeginOffset']).toBe('2');
  });

  it('is answered 19 at its own suspendTimeoutMillis, having stored its commit offset when it came', async () => {
    const consumer = newConsumer('lp4');
    const started = performance.now();
    const response = await consumer.pull(parked({ topic: 'LpTopic', queueId: 5, suspendTimeoutMillis: 300, sysFlag: PARKABLE | 1, commitOffset: 0 }));
    const waited = performance.now() - started;
    expect([response.code, response.remark]).toEqual([ResponseCode.PULL_NOT_FOUND, 'NO_MESSAGE_IN_QUEUE']);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(1000);
    expect(broker.context.consumerOffsets.queryOffset('LP_G', 'LpTopic', 5)).toBe(0);
  });

  it('is held for shortPollingTimeMills when longPollingEnable is off (UPDATE_BROKER_CONFIG)', async () => {
    const update = (text: string) => harness.invoke(broker.address, RequestCode.UPDATE_BROKER_CONFIG, null, Buffer.from(text));
    expect((await update('longPollingEnable=false\nshortPollingTimeMills=200\n')).code).toBe(0);
    try {
      const consumer = newConsumer('lp5');
      const started = performance.now();
      const response = await consumer.pull(parked({ topic: 'LpTopic', queueId: 6 }));
      expect(response.code).toBe(ResponseCode.PULL_NOT_FOUND);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      expect((await update('longPollingEnable=true\n')).code).toBe(0);
    }
  });

  it('leaves nothing behind when its consumer vanishes mid-pull', async () => {
    const consumer = newConsumer('lp6');
    const pulling = consumer.pull(parked({ topic: 'LpTopic', queueId: 7 })).catch((error: unknown) => error);
    await parkedCount(1);
    await consumer.close();
    await parkedCount(0);
    expect(broker.context.pulls.hold.queueCount).toBe(0);
    expect(await pulling).toBeInstanceOf(Error);
    await sendV2(harness, broker.address, 'LpTopic', 'nobody waits', { queueId: 7 });
  });
});

describe('ten thousand parked pulls', () => {
  it('park, are all answered by arrivals, and leave nothing; parked again they go with their connections', async () => {
    const connections = Array.from({ length: 5 }, (_, i) => newConsumer(`many${i}`));
    const queueOf = (i: number) => i % 8;
    const round = (base: number) =>
      connections.flatMap((consumer, c) =>
        Array.from({ length: 2000 }, (_, i) => consumer.pull(parked({ topic: 'LpMany', queueId: queueOf(c * 2000 + i), queueOffset: base }), 60_000).catch((error: unknown) => error as Error)),
      );
    const first: Promise<RemotingCommand | Error>[] = round(0);
    await parkedCount(10_000);
    for (let queueId = 0; queueId < 8; queueId++) await sendV2(harness, broker.address, 'LpMany', `m${queueId}`, { queueId });
    const answers = await Promise.all(first);
    expect(answers.every((answer) => !(answer instanceof Error) && answer.code === ResponseCode.SUCCESS)).toBe(true);
    expect(broker.context.pulls.hold.size).toBe(0);
    expect(broker.context.pulls.hold.queueCount).toBe(0);

    const second = round(1);
    await parkedCount(10_000);
    for (const consumer of connections) await consumer.close();
    await parkedCount(0);
    expect(broker.context.pulls.hold.queueCount).toBe(0);
    expect((await Promise.all(second)).every((answer) => answer instanceof Error)).toBe(true);
  });
});

describe('stopping the broker', () => {
  it('answers parked pulls at once instead of letting them wait', async () => {
    const other = await harness.broker();
    expect((await createTopic(harness, other.address, 'StopTopic', 1)).code).toBe(0);
    const consumer = newConsumer('stop', other);
    const pulling = consumer.pull(parked({ topic: 'StopTopic' }));
    await parkedCount(1, other);
    const started = performance.now();
    await harness.stop(other);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await pulling).code).toBe(ResponseCode.PULL_NOT_FOUND);
  });
});
