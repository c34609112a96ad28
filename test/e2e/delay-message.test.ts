/**
 * A delayed message through real `mqnamesrv` and `mqbroker` processes with RocketMQ's
 * default delay levels: an ali-ons producer sends with delayTimeLevel 2 (5 s); an ali-ons
 * consumer, already pulling (its pull parked on the empty queue), gets it no earlier than
 * 5 s after it was sent and no later than about 6 s, with REAL_TOPIC / REAL_QID / DELAY as
 * a 4.9.8 broker leaves them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestCode } from '../../src/protocol/request-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { NamesrvProcess, temporaryDirectory } from '../namesrv/support/namesrv-process.js';
import { BrokerProcess } from './support/broker-process.js';
import { Consumer, Message, Producer, closeInnerProducer, noHttp, quietLogger, type AliConsumer, type AliProducer, type ReceivedMessage } from './support/ali-ons.js';

const tmp = temporaryDirectory('delay-message-');
const admin = new RemotingClient();
let nameServer: NamesrvProcess;
let broker: BrokerProcess;
let producer: AliProducer;
let consumer: AliConsumer;
const received: { message: ReceivedMessage; at: number }[] = [];

beforeAll(async () => {
  nameServer = await NamesrvProcess.start(join(tmp.dir, 'namesrv.conf'), { listenPort: 0, kvConfigPath: join(tmp.dir, 'kv.json') });
  broker = await BrokerProcess.start(join(tmp.dir, 'broker.conf'), { brokerName: 'broker-delay', listenPort: 0, storePathRootDir: join(tmp.dir, 'store'), mappedFileSizeCommitLog: 8 * 1024 * 1024 }, nameServer.address);
  const extFields = { topic: 'DelayTopic', defaultTopic: 'TBW102', readQueueNums: '1', writeQueueNums: '1', perm: '6', topicFilterType: 'SINGLE_TAG', topicSysFlag: '0', order: 'false' };
  expect((await admin.invoke(broker.address, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }))).code).toBe(0);
  producer = new Producer({ nameSrv: nameServer.address, producerGroup: 'DELAY_PG', instanceName: 'delay-producer', httpclient: noHttp, logger: quietLogger });
  await producer.ready();
  consumer = new Consumer({ nameSrv: nameServer.address, consumerGroup: 'DELAY_G', instanceName: 'delay-consumer', httpclient: noHttp, logger: quietLogger, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
  consumer.on('error', () => undefined);
  consumer.subscribe('DelayTopic', '*', async (message) => {
    received.push({ message, at: Date.now() });
  });
  await consumer.ready();
}, 60_000);

afterAll(async () => {
  await consumer?.close();
  await producer?.close();
  await closeInnerProducer();
  await admin.shutdown();
  await broker?.stop();
  await nameServer?.stop();
  tmp.remove();
});

describe('delay level 2', () => {
  it('is delivered 5 s after it was sent, not before, and not much after', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const message = new Message('DelayTopic', 'TagD', Buffer.from('five seconds later'));
    message.delayTimeLevel = 2;
    const sentAt = Date.now();
    const result = await producer.send(message);
    const ackedAt = Date.now();
    expect(result.sendStatus).toBe('SEND_OK');
    while (received.length === 0 && Date.now() - sentAt < 10_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const [first] = received;
    expect(first).toBeDefined();
    expect(first!.at - sentAt).toBeGreaterThanOrEqual(5000);
    expect(first!.at - ackedAt).toBeLessThanOrEqual(6000);
    expect(first!.message.body.toString()).toBe('five seconds later');
    expect(first!.message.properties).toMatchObject({ DELAY: '2', REAL_TOPIC: 'DelayTopic', REAL_QID: '0' });
    expect(first!.message.storeTimestamp - first!.message.bornTimestamp).toBeGreaterThanOrEqual(4990);
  }, 20_000);
});
