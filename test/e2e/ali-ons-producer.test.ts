/**
 * The npm client `ali-ons` (3.12) publishes through real `mqnamesrv` and `mqbroker` child
 * processes: routes from the name server, SEND_MESSAGE_V2 with JSON headers of raw numbers
 * and booleans, tags, keys and a compressed body. (ali-ons cannot publish to a topic its
 * name server does not know: it has no TBW102 fallback.) Every message it sent is then
 * found by VIEW_MESSAGE_BY_ID (its msgId is the offset id) and by QUERY_MESSAGE (its keys),
 * with the right body and properties.
 */
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { decodeMessageRecords, type MessageRecord } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { NamesrvProcess, temporaryDirectory } from '../namesrv/support/namesrv-process.js';
import { BrokerProcess } from './support/broker-process.js';
import { Message, Producer, type AliProducer, type SendResult } from './support/ali-ons.js';

const tmp = temporaryDirectory('ali-ons-producer-');
const client = new RemotingClient();
let nameServer: NamesrvProcess;
let broker: BrokerProcess;
let producer: AliProducer;

beforeAll(async () => {
  nameServer = await NamesrvProcess.start(join(tmp.dir, 'namesrv.conf'), { listenPort: 0, kvConfigPath: join(tmp.dir, 'kv.json') });
  broker = await BrokerProcess.start(join(tmp.dir, 'broker.conf'), { brokerName: 'broker-ali', listenPort: 0, storePathRootDir: join(tmp.dir, 'store'), mappedFileSizeCommitLog: 8 * 1024 * 1024 }, nameServer.address);
  const extFields = { topic: 'AliTopic', defaultTopic: 'TBW102', readQueueNums: '4', writeQueueNums: '4', perm: '6', topicFilterType: 'SINGLE_TAG', topicSysFlag: '0', order: 'false' };
  expect((await client.invoke(broker.address, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }))).code).toBe(0);
  producer = new Producer({
    nameSrv: nameServer.address,
    producerGroup: 'ALI_PG',
    instanceName: 'ali-ons-e2e',
    httpclient: { request: () => Promise.reject(new Error('not used: nameSrv is given')) },
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });
  await producer.ready();
}, 60_000);

afterAll(async () => {
  await producer?.close();
  await client.shutdown();
  await broker?.stop();
  await nameServer?.stop();
  tmp.remove();
});

async function view(msgId: string): Promise<MessageRecord> {
  const { commitLogOffset, storeHost } = parseOffsetMessageId(msgId);
  expect(`${storeHost.host}:${storeHost.port}`).toBe(broker.address);
  const response = await client.invoke(broker.address, createRequest(RequestCode.VIEW_MESSAGE_BY_ID, { extFields: { offset: String(commitLogOffset) } }));
  expect(response.code).toBe(ResponseCode.SUCCESS);
  const [record] = decodeMessageRecords(response.body ?? Buffer.alloc(0));
  if (!record) throw new Error('no record');
  return record;
}

async function query(topic: string, key: string): Promise<MessageRecord[]> {
  const extFields = { topic, key, maxNum: '32', beginTimestamp: '0', endTimestamp: String(Date.now() + 60_000) };
  const response = await client.invoke(broker.address, createRequest(RequestCode.QUERY_MESSAGE, { extFields }));
  expect(response.code).toBe(ResponseCode.SUCCESS);
  return decodeMessageRecords(response.body ?? Buffer.alloc(0));
}

describe('ali-ons producer', () => {
  it('sends messages with tags and keys; each is found by id and by key with its body and properties', async () => {
    const results: { result: SendResult; tags: string; key: string; body: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const tags = i % 2 === 0 ? 'TagEven' : 'TagOdd';
      const key = `ali-key-${i}`;
      const message = new Message('AliTopic', tags, Buffer.from(`ali-ons body ${i}`));
      message.keys = [key, 'ali-common'];
      results.push({ result: await producer.send(message), tags, key, body: `ali-ons body ${i}` });
    }
    for (const { result, tags, key, body } of results) {
      expect(result.sendStatus).toBe('SEND_OK');
      expect(result.msgId).toMatch(/^[0-9A-F]{32}$/);
      const record = await view(result.msgId);
      expect(record).toMatchObject({ topic: 'AliTopic', queueId: Number(result.messageQueue.queueId), queueOffset: result.queueOffset });
      expect(record.body.toString()).toBe(body);
      expect({ ...record.properties }).toEqual({ TAGS: tags, KEYS: `${key} ali-common`, CLUSTER: 'DefaultCluster' });
      const found = await query('AliTopic', key);
      expect(found.map((stored) => stored.body.toString())).toEqual([body]);
    }
    expect(await query('AliTopic', 'ali-common')).toHaveLength(6);
  });

  it('sends a large body compressed (sysFlag 1); the broker stores the compressed bytes', async () => {
    const text = 'compress me '.repeat(1000);
    const message = new Message('AliTopic', 'TagBig', Buffer.from(text));
    message.keys = ['ali-big'];
    const result = await producer.send(message);
    const record = await view(result.msgId);
    expect(record.sysFlag & 1).toBe(1);
    expect(inflateSync(record.body).toString()).toBe(text);
  });
});
