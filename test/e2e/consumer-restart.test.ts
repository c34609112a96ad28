/**
 * What consumers depend on survives the broker process: committed offsets
 * (consumerOffset.json) and delayed messages waiting in SCHEDULE_TOPIC_XXXX with their
 * cursors (delayOffset.json) — across a clean stop (SIGTERM) and across SIGKILL of a
 * SYNC_FLUSH broker (offsets written every 200 ms here). A delayed message is still
 * delivered after the restart, and not before it is due.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessageRecords, type MessageRecord } from '../../src/protocol/message/message-record.js';
import { encodeProperties } from '../../src/protocol/message/properties.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest, type ExtFields } from '../../src/remoting/remoting-command.js';
import { temporaryDirectory } from '../namesrv/support/namesrv-process.js';
import { BrokerProcess } from './support/broker-process.js';

const tmp = temporaryDirectory('consumer-restart-');
const settings = {
  brokerName: 'broker-restart',
  listenPort: 0,
  storePathRootDir: join(tmp.dir, 'store'),
  mappedFileSizeCommitLog: 8 * 1024 * 1024,
  flushDiskType: 'SYNC_FLUSH',
  flushConsumerOffsetInterval: 200,
  flushDelayOffsetInterval: 200,
  messageDelayLevel: '1s 2s 3s 4s 5s 6s 7s 8s 9s 10s 11s 12s 13s 14s 15s 16s 17s 18s',
};
let client = new RemotingClient({ requestTimeoutMs: 10_000 });
let broker: BrokerProcess;

async function start(): Promise<void> {
  broker = await BrokerProcess.start(join(tmp.dir, 'broker.conf'), settings, null);
  await client.shutdown();
  client = new RemotingClient({ requestTimeoutMs: 10_000 });
}

const invoke = (code: number, extFields: ExtFields, body: Buffer | null = null) => client.invoke(broker.address, createRequest(code, { extFields, body }));

beforeAll(async () => {
  await start();
  const extFields = { topic: 'RestartTopic', defaultTopic: 'TBW102', readQueueNums: '1', writeQueueNums: '1', perm: '6', topicFilterType: 'SINGLE_TAG', topicSysFlag: '0', order: 'false' };
  expect((await invoke(RequestCode.UPDATE_AND_CREATE_TOPIC, extFields)).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await client.shutdown();
  await broker?.stop();
  tmp.remove();
});

async function sendDelayed(body: string, level: number): Promise<void> {
  const header = { a: 'RESTART_PG', b: 'RestartTopic', c: 'TBW102', d: '4', e: '0', f: '0', g: String(Date.now()), h: '0', i: encodeProperties({ DELAY: String(level), WAIT: 'true' }), j: '0', k: 'false', m: 'false' };
  expect((await invoke(RequestCode.SEND_MESSAGE_V2, header, Buffer.from(body))).code).toBe(ResponseCode.SUCCESS);
}

async function delivered(): Promise<MessageRecord[]> {
  const extFields = { consumerGroup: 'READER', topic: 'RestartTopic', queueId: '0', queueOffset: '0', maxMsgNums: '32', sysFlag: '4', commitOffset: '0', suspendTimeoutMillis: '0', subscription: '*', subVersion: '0' };
  const answer = await invoke(RequestCode.PULL_MESSAGE, extFields);
  return answer.code === ResponseCode.SUCCESS ? decodeMessageRecords(answer.body ?? Buffer.alloc(0)) : [];
}

async function waitDelivered(count: number): Promise<MessageRecord[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const records = await delivered();
    if (records.length >= count || Date.now() > deadline) return records;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const commit = (queueId: number, offset: number) =>
  invoke(RequestCode.UPDATE_CONSUMER_OFFSET, { consumerGroup: 'RESTART_G', topic: 'RestartTopic', queueId: String(queueId), commitOffset: String(offset) });
const committed = async (queueId: number) =>
  (await invoke(RequestCode.QUERY_CONSUMER_OFFSET, { consumerGroup: 'RESTART_G', topic: 'RestartTopic', queueId: String(queueId), setZeroIfNotFound: 'false' })).extFields?.['offset'];

describe('a broker restart', () => {
  it('keeps offsets and delivers a waiting delayed message after a clean stop', async () => {
    expect((await commit(0, 7)).code).toBe(0);
    await sendDelayed('delayed across a stop', 3);
    const sentAt = Date.now();
    expect(await broker.stop()).toBe(0);
    await start();
    expect(await committed(0)).toBe('7');
    const [record] = await waitDelivered(1);
    expect(record?.body.toString()).toBe('delayed across a stop');
    expect(record!.storeTimestamp - sentAt).toBeGreaterThanOrEqual(2900);
    expect(record?.properties).toMatchObject({ DELAY: '3', REAL_TOPIC: 'RestartTopic', REAL_QID: '0' });
  }, 30_000);

  it('keeps offsets written before a SIGKILL and delivers a delayed message acknowledged just before it', async () => {
    expect((await commit(0, 11)).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await sendDelayed('delayed across a crash', 2);
    const sentAt = Date.now();
    await broker.kill();
    await start();
    expect(await committed(0)).toBe('11');
    const records = await waitDelivered(2);
    const record = records.find((candidate) => candidate.body.toString() === 'delayed across a crash');
    expect(record).toBeDefined();
    expect(record!.storeTimestamp - sentAt).toBeGreaterThanOrEqual(1900);
    expect(records.filter((candidate) => candidate.body.toString() === 'delayed across a stop')).toHaveLength(1);
  }, 30_000);
});
