/**
 * The npm client `ali-ons` (3.12) consumes from real `mqnamesrv` and `mqbroker` child
 * processes: a push consumer receives every message sent with its tags (the broker filters
 * by tag code), two consumers of one group split the queues between them and together
 * receive everything, and a consumer that fails a message gets it again from
 * %RETRY%<group> with the reconsume count going up, until it lands in %DLQ%<group>
 * (maxReconsumeTimes 2, a broker with 100 ms delay steps). Orderly consumers' queue locks
 * hold against another client until released or expired.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLockBatchResponseBody, encodeLockBatchRequestBody } from '../../src/protocol/bodies/lock-batch-body.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { NamesrvProcess, temporaryDirectory } from '../namesrv/support/namesrv-process.js';
import { BrokerProcess } from './support/broker-process.js';
import {
  Consumer,
  Message,
  Producer,
  closeInnerProducer,
  noHttp,
  quietLogger,
  type AliConsumer,
  type AliProducer,
  type ConsumerOptions,
  type ReceivedMessage,
} from './support/ali-ons.js';

const SHORT_LEVELS = Array.from({ length: 18 }, (_, i) => `${(i + 1) * 100}ms`).join(' ');
const tmp = temporaryDirectory('ali-ons-consumer-');
const admin = new RemotingClient({ requestTimeoutMs: 10_000 });
const consumers: AliConsumer[] = [];
/** What the consumers report (a %RETRY% route missing until the first heartbeat created it, …); not asserted. */
const errors: Error[] = [];
let nameServer: NamesrvProcess;
let broker: BrokerProcess;
let producer: AliProducer;

beforeAll(async () => {
  nameServer = await NamesrvProcess.start(join(tmp.dir, 'namesrv.conf'), { listenPort: 0, kvConfigPath: join(tmp.dir, 'kv.json') });
  broker = await BrokerProcess.start(
    join(tmp.dir, 'broker.conf'),
    { brokerName: 'broker-ali', listenPort: 0, storePathRootDir: join(tmp.dir, 'store'), mappedFileSizeCommitLog: 8 * 1024 * 1024, messageDelayLevel: SHORT_LEVELS, rebalanceLockMaxLiveTime: 1000 },
    nameServer.address,
  );
  for (const [topic, queues] of [['TagTopic', 4], ['SplitTopic', 4], ['FailTopic', 2]] as const) {
    const extFields = { topic, defaultTopic: 'TBW102', readQueueNums: String(queues), writeQueueNums: String(queues), perm: '6', topicFilterType: 'SINGLE_TAG', topicSysFlag: '0', order: 'false' };
    expect((await admin.invoke(broker.address, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }))).code).toBe(0);
  }
  producer = new Producer({ nameSrv: nameServer.address, producerGroup: 'ALI_CONSUME_PG', instanceName: 'producer', httpclient: noHttp, logger: quietLogger });
  await producer.ready();
}, 60_000);

afterAll(async () => {
  for (const consumer of consumers) await consumer.close().catch(() => undefined);
  await producer?.close();
  await closeInnerProducer();
  await admin.shutdown();
  await broker?.stop();
  await nameServer?.stop();
  tmp.remove();
});

async function startConsumer(options: Omit<ConsumerOptions, 'nameSrv' | 'httpclient'>, topic: string, expression: string, handler: (message: ReceivedMessage) => Promise<void>): Promise<AliConsumer> {
  const consumer = new Consumer({
    nameSrv: nameServer.address,
    httpclient: noHttp,
    logger: quietLogger,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    rebalanceInterval: 1000,
    pollNameServerInteval: 1000,
    persistConsumerOffsetInterval: 1000,
    ...options,
  });
  consumer.on('error', (error) => errors.push(error));
  consumers.push(consumer);
  consumer.subscribe(topic, expression, handler);
  await consumer.ready();
  return consumer;
}

async function send(topic: string, tags: string, body: string): Promise<void> {
  const result = await producer.send(new Message(topic, tags, Buffer.from(body)));
  expect(result.sendStatus).toBe('SEND_OK');
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function groupSize(group: string): Promise<number> {
  const answer = await admin.invoke(broker.address, createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields: { consumerGroup: group } }));
  return answer.code === ResponseCode.SUCCESS ? (JSON.parse(answer.body?.toString() ?? '{}') as { consumerIdList: string[] }).consumerIdList.length : 0;
}

describe('ali-ons push consumer', () => {
  it('receives every message sent with the tags it subscribes to, and none of the others', async () => {
    const received: ReceivedMessage[] = [];
    await startConsumer({ consumerGroup: 'ALI_TAG_G', instanceName: 'tag-consumer' }, 'TagTopic', 'TagA || TagB', async (message) => {
      received.push(message);
    });
    const expected: string[] = [];
    for (let i = 0; i < 30; i++) {
      const tags = ['TagA', 'TagB', 'TagC'][i % 3] as string;
      await send('TagTopic', tags, `tag message ${i}`);
      if (tags !== 'TagC') expected.push(`tag message ${i}`);
    }
    await until(() => received.length >= expected.length);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.map((message) => message.body.toString()).sort()).toEqual(expected.sort());
    expect(new Set(received.map((message) => message.tags))).toEqual(new Set(['TagA', 'TagB']));
    expect(new Set(received.map((message) => message.queueId)).size).toBeGreaterThan(1);
  });

  it('splits the queues of a topic between two consumers of one group, which together receive everything', async () => {
    const byConsumer = new Map<string, ReceivedMessage[]>([
      ['one', []],
      ['two', []],
    ]);
    for (const name of byConsumer.keys()) {
      await startConsumer({ consumerGroup: 'ALI_SPLIT_G', instanceName: `split-${name}` }, 'SplitTopic', '*', async (message) => {
        byConsumer.get(name)?.push(message);
      });
    }
    await until(async () => (await groupSize('ALI_SPLIT_G')) === 2);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const bodies = Array.from({ length: 40 }, (_, i) => `split message ${i}`);
    for (const body of bodies) await send('SplitTopic', 'TagS', body);
    const all = () => [...byConsumer.values()].flat();
    await until(() => all().length >= bodies.length);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(all().map((message) => message.body.toString()).sort()).toEqual([...bodies].sort());
    const queues = [...byConsumer.values()].map((messages) => new Set(messages.map((message) => message.queueId)));
    expect(queues.map((set) => set.size)).toEqual([2, 2]);
    expect(new Set([...(queues[0] ?? []), ...(queues[1] ?? [])]).size).toBe(4);
  });

  it('gets a failed message again from %RETRY% with a growing reconsume count, then it is in %DLQ%', async () => {
    const attempts: ReceivedMessage[] = [];
    const fine: string[] = [];
    await startConsumer({ consumerGroup: 'ALI_FAIL_G', instanceName: 'fail-consumer', maxReconsumeTimes: 2 }, 'FailTopic', '*', async (message) => {
      if (message.body.toString() !== 'fail me') {
        fine.push(message.body.toString());
        return;
      }
      attempts.push(message);
      throw new Error('consumer fails on purpose');
    });
    await send('FailTopic', 'TagF', 'fail me');
    await send('FailTopic', 'TagF', 'fine');
    await until(() => attempts.length >= 3, 30_000);
    expect(fine).toEqual(['fine']);
    expect(attempts.map((message) => message.reconsumeTimes)).toEqual([0, 1, 2]);
    for (const retried of attempts.slice(1)) {
      expect(retried.topic).toBe('FailTopic');
      expect(retried.properties).toMatchObject({ RETRY_TOPIC: 'FailTopic', REAL_TOPIC: '%RETRY%ALI_FAIL_G' });
    }
    const deadLetter = async () => {
      const extFields = { consumerGroup: 'DLQ_READER', topic: '%DLQ%ALI_FAIL_G', queueId: '0', queueOffset: '0', maxMsgNums: '32', sysFlag: '4', commitOffset: '0', suspendTimeoutMillis: '0', subscription: '*', subVersion: '0' };
      const answer = await admin.invoke(broker.address, createRequest(RequestCode.PULL_MESSAGE, { extFields }));
      return answer.code === ResponseCode.SUCCESS ? decodeMessageRecords(answer.body ?? Buffer.alloc(0)) : [];
    };
    let dead = await deadLetter();
    for (let tries = 0; dead.length === 0 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      dead = await deadLetter();
    }
    expect(dead.map((record) => [record.body.toString(), record.reconsumeTimes, record.properties['RETRY_TOPIC']])).toEqual([['fail me', 3, 'FailTopic']]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(attempts).toHaveLength(3);
  });
});

describe('orderly consumers queue locks (LOCK_BATCH_MQ / UNLOCK_BATCH_MQ)', () => {
  it('keep a queue from another client until released, or until the lock expires', async () => {
    const [first, second] = [new RemotingClient(), new RemotingClient()];
    const mqSet = [{ topic: 'SplitTopic', brokerName: 'broker-ali', queueId: 1 }];
    const lock = async (client: RemotingClient, clientId: string) => {
      const body = encodeLockBatchRequestBody({ consumerGroup: 'ORDER_G', clientId, mqSet });
      const answer = await client.invoke(broker.address, createRequest(RequestCode.LOCK_BATCH_MQ, { body }));
      return decodeLockBatchResponseBody(answer.body ?? Buffer.alloc(0)).lockOKMQSet.length === 1;
    };
    const unlock = (client: RemotingClient, clientId: string) =>
      client.invoke(broker.address, createRequest(RequestCode.UNLOCK_BATCH_MQ, { body: encodeLockBatchRequestBody({ consumerGroup: 'ORDER_G', clientId, mqSet }) }));
    try {
      expect(await lock(first, 'first')).toBe(true);
      expect(await lock(second, 'second')).toBe(false);
      expect((await unlock(first, 'first')).code).toBe(0);
      expect(await lock(second, 'second')).toBe(true);
      expect(await lock(first, 'first')).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await lock(first, 'first')).toBe(true);
    } finally {
      await first.shutdown();
      await second.shutdown();
    }
  });
});
