/**
 * Consumer offsets over the wire: QUERY_CONSUMER_OFFSET (the 4.9.8 "0 while the queue
 * starts at 0" rule), UPDATE_CONSUMER_OFFSET (request and oneway), consumerOffset.json
 * across a restart, GET_ALL_CONSUMER_OFFSET, GET_CONSUME_STATS, CLONE_GROUP_OFFSET,
 * QUERY_CORRECTION_OFFSET, INVOKE_BROKER_TO_RESET_OFFSET (and the 220 its members get),
 * GET_ALL_DELAY_OFFSET.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { decodeConsumeStats } from '../../src/protocol/bodies/consume-stats.js';
import { decodeConsumerOffsetSerializeWrapper } from '../../src/protocol/bodies/consumer-offset-serialize-wrapper.js';
import { messageQueueKey } from '../../src/protocol/bodies/message-queue.js';
import { decodeResetOffsetBody, decodeResetOffsetBodyForC } from '../../src/protocol/bodies/reset-offset-body.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { Harness, createTopic, eventually, sendV2 } from './support/harness.js';
import { TestConsumer, consumerData, tagSubscription } from './support/test-consumer.js';

const harness = new Harness();
let broker: Broker;
let consumer: TestConsumer;
let storeDir: string;
const mq = (topic: string, queueId: number) => messageQueueKey({ topic, brokerName: 'broker-a', queueId });

beforeAll(async () => {
  storeDir = join(harness.dir, 'offsets-store');
  broker = await harness.broker({}, {}, storeDir);
  consumer = new TestConsumer(broker.address, '127.0.0.1@offsets');
  expect((await createTopic(harness, broker.address, 'OffTopic', 2)).code).toBe(0);
  for (let i = 0; i < 3; i++) await sendV2(harness, broker.address, 'OffTopic', `m${i}`, { queueId: 0 });
});

afterAll(async () => {
  await consumer.close();
  await harness.cleanup();
});

const query = (group: string, queueId: number, extra: Record<string, string> = {}) =>
  consumer.invoke(RequestCode.QUERY_CONSUMER_OFFSET, { consumerGroup: group, topic: 'OffTopic', queueId: String(queueId), ...extra });
const update = (group: string, queueId: number, offset: number) =>
  consumer.invoke(RequestCode.UPDATE_CONSUMER_OFFSET, { consumerGroup: group, topic: 'OffTopic', queueId: String(queueId), commitOffset: String(offset) });

describe('QUERY_CONSUMER_OFFSET and UPDATE_CONSUMER_OFFSET', () => {
  it('answers 0 for a group with no offset while the queue starts at 0 (and 22 with setZeroIfNotFound=false)', async () => {
    expect(await query('NEW_G', 0)).toMatchObject({ code: ResponseCode.SUCCESS, extFields: { offset: '0' } });
    expect(await query('NEW_G', 1)).toMatchObject({ code: ResponseCode.SUCCESS, extFields: { offset: '0' } });
    const notFound = await query('NEW_G', 0, { setZeroIfNotFound: 'false' });
    expect([notFound.code, notFound.remark]).toEqual([ResponseCode.QUERY_NOT_FOUND, 'Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first']);
  });

  it('stores what UPDATE_CONSUMER_OFFSET says, as a request (answered with an empty header) and oneway', async () => {
    const answer = await update('G1', 0, 2);
    expect([answer.code, answer.extFields]).toEqual([ResponseCode.SUCCESS, {}]);
    expect((await query('G1', 0)).extFields).toEqual({ offset: '2' });
    const connection = await consumer.connection();
    connection.invokeOneway(createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, { extFields: { consumerGroup: 'G1', topic: 'OffTopic', queueId: '1', commitOffset: '0' } }));
    await eventually(() => broker.context.consumerOffsets.queryOffset('G1', 'OffTopic', 1) === 0);
    await update('G1', 0, 1);
    expect((await query('G1', 0)).extFields).toEqual({ offset: '1' });
    await update('G1', 0, 3);
  });

  it('GET_ALL_CONSUMER_OFFSET answers the table keyed topic@group', async () => {
    const answer = await consumer.invoke(RequestCode.GET_ALL_CONSUMER_OFFSET);
    const table = decodeConsumerOffsetSerializeWrapper(answer.body ?? Buffer.alloc(0)).offsetTable;
    expect([...(table.get('OffTopic@G1') ?? [])]).toEqual([
      [0, 3],
      [1, 0],
    ]);
  });
});

describe('admin views of offsets', () => {
  it('GET_CONSUME_STATS: broker and consumer offsets and the last consumed store time, per read queue', async () => {
    const answer = await consumer.invoke(RequestCode.GET_CONSUME_STATS, { consumerGroup: 'G1' });
    expect([answer.code, answer.extFields]).toEqual([ResponseCode.SUCCESS, null]);
    const text = answer.body?.toString() ?? '';
    expect(text).toContain('"offsetTable":{"{\\"brokerName\\":\\"broker-a\\",\\"queueId\\":0,\\"topic\\":\\"OffTopic\\"}"');
    const stats = decodeConsumeStats(answer.body ?? Buffer.alloc(0));
    const queue0 = stats.offsetTable.get(mq('OffTopic', 0));
    expect(queue0).toMatchObject({ brokerOffset: 3, consumerOffset: 3 });
    expect(queue0?.lastTimestamp).toBeGreaterThan(Date.now() - 60_000);
    expect(stats.offsetTable.get(mq('OffTopic', 1))).toEqual({ brokerOffset: 0, consumerOffset: 0, lastTimestamp: 0 });
    expect(stats.consumeTps).toBe(0);
    const live = await consumer.heartbeat([consumerData('G1', [tagSubscription('OtherTopic')])]);
    expect(live.code).toBe(0);
    const skipped = decodeConsumeStats((await consumer.invoke(RequestCode.GET_CONSUME_STATS, { consumerGroup: 'G1' })).body ?? Buffer.alloc(0));
    expect(skipped.offsetTable.size).toBe(0);
    await consumer.invoke(RequestCode.UNREGISTER_CLIENT, { clientID: consumer.clientId, consumerGroup: 'G1' });
  });

  it('CLONE_GROUP_OFFSET copies a group offsets; QUERY_CORRECTION_OFFSET gives the slowest group per queue', async () => {
    expect((await consumer.invoke(RequestCode.CLONE_GROUP_OFFSET, { srcGroup: 'G1', destGroup: 'G_CLONE', offline: 'false' })).code).toBe(0);
    expect(broker.context.consumerOffsets.queryOffset('G_CLONE', 'OffTopic', 0)).toBe(3);
    await update('G_SLOW', 0, 1);
    const correction = await consumer.invoke(RequestCode.QUERY_CORRECTION_OFFSET, { topic: 'OffTopic', compareGroup: 'G1', filterGroups: 'G_CLONE' });
    expect(JSON.parse(correction.body?.toString() ?? '')).toEqual({ correctionOffsets: { '0': 1, '1': 0 } });
    const behind = await consumer.invoke(RequestCode.QUERY_CORRECTION_OFFSET, { topic: 'OffTopic', compareGroup: 'G_SLOW', filterGroups: 'G_CLONE,G_SLOW' });
    expect(behind.body?.toString()).toBe('{"correctionOffsets":{"0":9223372036854775807,"1":0}}');
  });

  it('GET_ALL_DELAY_OFFSET answers the schedule cursors', async () => {
    const answer = await consumer.invoke(RequestCode.GET_ALL_DELAY_OFFSET);
    expect(answer.code).toBe(0);
    expect(JSON.parse(answer.body?.toString() ?? '')).toEqual({ offsetTable: {} });
  });
});

describe('INVOKE_BROKER_TO_RESET_OFFSET', () => {
  it('sends the new offsets to every member (220) and answers them; a CPP admin gets the list form', async () => {
    const member = new TestConsumer(broker.address, '127.0.0.1@member');
    try {
      await member.heartbeat([consumerData('G1', [tagSubscription('OffTopic')])]);
      const answer = await consumer.invoke(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, { topic: 'OffTopic', group: 'G1', timestamp: '-1', isForce: 'true' });
      expect(answer.code).toBe(ResponseCode.SUCCESS);
      expect([...decodeResetOffsetBody(answer.body ?? Buffer.alloc(0)).offsetTable]).toEqual([
        [mq('OffTopic', 0), 3],
        [mq('OffTopic', 1), 0],
      ]);
      await eventually(() => member.notificationsOf(RequestCode.RESET_CONSUMER_CLIENT_OFFSET).length === 1);
      const reset = member.notificationsOf(RequestCode.RESET_CONSUMER_CLIENT_OFFSET)[0];
      expect(reset?.extFields).toEqual({ topic: 'OffTopic', group: 'G1', timestamp: '-1', isForce: 'false' });
      expect(decodeResetOffsetBody(reset?.body ?? Buffer.alloc(0)).offsetTable.get(mq('OffTopic', 0))).toBe(3);

      const cpp = await consumer.remoting.invoke(
        broker.address,
        createRequest(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, { language: 'CPP', extFields: { topic: 'OffTopic', group: 'G1', timestamp: '0', isForce: 'true' } }),
      );
      expect(cpp.code).toBe(0);
      await eventually(() => member.notificationsOf(RequestCode.RESET_CONSUMER_CLIENT_OFFSET).length === 2);
      const forC = decodeResetOffsetBodyForC(member.notificationsOf(RequestCode.RESET_CONSUMER_CLIENT_OFFSET)[1]?.body ?? Buffer.alloc(0));
      expect(forC.offsetTable).toEqual([
        { topic: 'OffTopic', brokerName: 'broker-a', queueId: 0, offset: 0 },
        { topic: 'OffTopic', brokerName: 'broker-a', queueId: 1, offset: 0 },
      ]);
    } finally {
      await member.close();
    }
  });

  it('refuses an unknown topic, a group without offsets and a group without members', async () => {
    const reset = (topic: string, group: string) => consumer.invoke(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, { topic, group, timestamp: '-1', isForce: 'false' });
    const noTopic = await reset('Nope', 'G1');
    expect([noTopic.code, noTopic.remark]).toEqual([ResponseCode.SYSTEM_ERROR, '[reset-offset] reset offset failed, no topic in this broker. topic=Nope']);
    const noOffsets = await reset('OffTopic', 'G_NONE');
    expect([noOffsets.code, noOffsets.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'THe consumer group <G_NONE> not exist']);
    await update('G_SLOW', 1, 0);
    const offline = await reset('OffTopic', 'G_SLOW');
    expect(offline.code).toBe(ResponseCode.CONSUMER_NOT_ONLINE);
    expect(offline.remark).toBe('Consumer not online, so can not reset offset, Group: G_SLOW Topic: OffTopic Timestamp: -1');
  });
});

describe('consumerOffset.json', () => {
  it('is written at stop and read at start', async () => {
    await update('G_PERSIST', 1, 42);
    await harness.stop(broker);
    const file = join(storeDir, 'config', 'consumerOffset.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).offsetTable['OffTopic@G_PERSIST']).toEqual({ '1': 42 });
    broker = await harness.broker({}, {}, storeDir);
    await consumer.close();
    consumer = new TestConsumer(broker.address, '127.0.0.1@offsets');
    expect((await query('G_PERSIST', 1)).extFields).toEqual({ offset: '42' });
  });

  it('is written every flushConsumerOffsetInterval while running', async () => {
    const dir = join(harness.dir, 'flush-store');
    const quick = await harness.broker({ flushConsumerOffsetInterval: 100 }, {}, dir);
    quick.context.consumerOffsets.commitOffset('G_TIMER', 'T', 0, 7);
    const file = join(dir, 'config', 'consumerOffset.json');
    await eventually(() => existsSync(file) && readFileSync(file, 'utf8').includes('T@G_TIMER'));
    await harness.stop(quick);
  });
});
