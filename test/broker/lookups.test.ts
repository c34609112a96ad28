/**
 * The broker's look-up and admin codes against a real broker (in-process, real sockets and
 * store files): offsets, VIEW_MESSAGE_BY_ID, QUERY_MESSAGE, runtime info, topic stats,
 * broker config, topics, heartbeats.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { parseProperties } from '../../src/common/properties-file.js';
import { decodeKVTable } from '../../src/protocol/bodies/kv-table.js';
import { decodeTopicConfigSerializeWrapper } from '../../src/protocol/bodies/topic-config-serialize-wrapper.js';
import { decodeTopicList } from '../../src/protocol/bodies/topic-list.js';
import { decodeTopicStatsTable } from '../../src/protocol/bodies/topic-stats-table.js';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { loadManifest } from '../support/fixtures.js';
import { Harness, createTopic, sendV2 } from './support/harness.js';

const harness = new Harness();
let broker: Broker;
const sent: { msgId: string; queueOffset: number; body: string }[] = [];
let firstSendAt = 0;

beforeAll(async () => {
  broker = await harness.broker();
  await createTopic(harness, broker.address, 'LookTopic', 2);
  firstSendAt = Date.now();
  for (let i = 0; i < 4; i++) {
    const response = await sendV2(harness, broker.address, 'LookTopic', `look ${i}`, {
      queueId: 0,
      properties: { KEYS: `key-${i} shared`, UNIQ_KEY: `UNIQ${i}`, TAGS: 'TagL' },
    });
    sent.push({ msgId: response.extFields?.['msgId'] ?? '', queueOffset: Number(response.extFields?.['queueOffset']), body: `look ${i}` });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
});
afterAll(() => harness.cleanup());

const at = (code: number, extFields: Record<string, string> | null = null, body: Buffer | null = null) => harness.invoke(broker.address, code, extFields, body);

describe('offsets', () => {
  it('GET_MAX_OFFSET / GET_MIN_OFFSET answer the queue bounds, 0 for unknown queues', async () => {
    expect((await at(RequestCode.GET_MAX_OFFSET, { topic: 'LookTopic', queueId: '0' })).extFields).toEqual({ offset: '4' });
    expect((await at(RequestCode.GET_MIN_OFFSET, { topic: 'LookTopic', queueId: '0' })).extFields).toEqual({ offset: '0' });
    expect((await at(RequestCode.GET_MAX_OFFSET, { topic: 'LookTopic', queueId: '1' })).extFields).toEqual({ offset: '0' });
    expect((await at(RequestCode.GET_MAX_OFFSET, { topic: 'Nope', queueId: '0' })).extFields).toEqual({ offset: '0' });
  });

  it('SEARCH_OFFSET_BY_TIMESTAMP and GET_EARLIEST_MSG_STORETIME', async () => {
    expect((await at(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { topic: 'LookTopic', queueId: '0', timestamp: '0' })).extFields).toEqual({ offset: '0' });
    expect((await at(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { topic: 'LookTopic', queueId: '0', timestamp: String(Date.now() + 60_000) })).extFields).toEqual({ offset: '3' });
    const earliest = Number((await at(RequestCode.GET_EARLIEST_MSG_STORETIME, { topic: 'LookTopic', queueId: '0' })).extFields?.['timestamp']);
    expect(earliest).toBeGreaterThanOrEqual(firstSendAt);
    expect((await at(RequestCode.GET_EARLIEST_MSG_STORETIME, { topic: 'Nope', queueId: '0' })).extFields).toEqual({ timestamp: '-1' });
  });

  it('refuse a request without its required header field with code 1 naming it', async () => {
    const response = await at(RequestCode.GET_MAX_OFFSET, { topic: 'LookTopic' });
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toContain('the custom field <queueId> is null');
  });
});

describe('VIEW_MESSAGE_BY_ID', () => {
  it('answers the stored record for the offset of an offset message id', async () => {
    const first = sent[0];
    if (!first) throw new Error('nothing sent');
    const response = await at(RequestCode.VIEW_MESSAGE_BY_ID, { offset: String(parseOffsetMessageId(first.msgId).commitLogOffset) });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const [record] = decodeMessageRecords(response.body ?? Buffer.alloc(0));
    expect(record?.body.toString()).toBe('look 0');
  });

  it('answers 1 `can not find message by the offset, <o>` for an offset holding no record', async () => {
    for (const offset of ['3', '999999999']) {
      const response = await at(RequestCode.VIEW_MESSAGE_BY_ID, { offset });
      expect(response).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: `can not find message by the offset, ${offset}` });
    }
  });
});

describe('QUERY_MESSAGE', () => {
  const query = (key: string, extra: Record<string, string> = {}) =>
    at(RequestCode.QUERY_MESSAGE, { topic: 'LookTopic', key, maxNum: '64', beginTimestamp: '0', endTimestamp: '9223372036854775807', ...extra });

  it('finds records by business key, every key of KEYS indexed', async () => {
    const one = await query('key-2', { _UNIQUE_KEY_QUERY: 'false' });
    expect(one.code).toBe(ResponseCode.SUCCESS);
    expect(decodeMessageRecords(one.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['look 2']);
    expect(Object.keys(one.extFields ?? {})).toEqual(['indexLastUpdateTimestamp', 'indexLastUpdatePhyoffset']);
    const shared = await query('shared');
    expect(decodeMessageRecords(shared.body ?? Buffer.alloc(0))).toHaveLength(4);
  });

  it('finds a record by unique key when _UNIQUE_KEY_QUERY=true', async () => {
    const response = await query('UNIQ3', { _UNIQUE_KEY_QUERY: 'true', maxNum: '1' });
    expect(decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => record.properties['UNIQ_KEY'])).toEqual(['UNIQ3']);
  });

  it('honours maxNum and the time range; nothing found → 22 with the index header', async () => {
    expect(decodeMessageRecords((await query('shared', { maxNum: '2' })).body ?? Buffer.alloc(0))).toHaveLength(2);
    const future = await query('shared', { beginTimestamp: String(Date.now() + 60_000) });
    expect(future).toMatchObject({ code: ResponseCode.QUERY_NOT_FOUND, remark: 'can not find message, maybe time range not correct' });
    expect(Object.keys(future.extFields ?? {})).toEqual(['indexLastUpdateTimestamp', 'indexLastUpdatePhyoffset']);
    expect((await query('no-such-key')).code).toBe(ResponseCode.QUERY_NOT_FOUND);
  });
});

describe('GET_BROKER_RUNTIME_INFO', () => {
  it('answers every key mqadmin brokerStatus prints, with real counts and offsets', async () => {
    const response = await at(RequestCode.GET_BROKER_RUNTIME_INFO);
    const table = decodeKVTable(response.body ?? Buffer.alloc(0)).table;
    const captured = loadManifest('mqadmin-brokerStatus').frames[3]?.bodyJson as { table: Record<string, string> };
    const expectedKeys = Object.keys(captured.table)
      .filter((key) => !key.startsWith('scheduleMessageOffset_'))
      .map((key) => (key.startsWith('commitLogDiskRatio_') ? `commitLogDiskRatio_${broker.context.config.storePathRootDir}/commitlog` : key));
    for (const key of expectedKeys) expect(table.has(key), key).toBe(true);
    expect(table.get('brokerVersionDesc')).toBe('V4_9_8');
    expect(table.get('brokerVersion')).toBe('409');
    expect(Number(table.get('msgPutTotalTodayNow'))).toBeGreaterThanOrEqual(4);
    expect(Number(table.get('commitLogMaxOffset'))).toBeGreaterThan(0);
    expect(table.get('runtime')).toMatch(/^\[ 0 days, 0 hours, \d+ minutes, \d+ seconds \]$/);
    expect(table.get('commitLogDirCapacity')).toMatch(/^Total : [\d.]+ \w+, Free : [\d.]+ \w+\.$/);
  });
});

describe('GET_TOPIC_STATS_INFO', () => {
  it('answers min, max and last store time per write queue', async () => {
    const response = await at(RequestCode.GET_TOPIC_STATS_INFO, { topic: 'LookTopic' });
    const stats = decodeTopicStatsTable(response.body ?? Buffer.alloc(0)).offsetTable;
    expect(stats.get('{"brokerName":"broker-a","queueId":0,"topic":"LookTopic"}')).toMatchObject({ minOffset: 0, maxOffset: 4 });
    expect(stats.get('{"brokerName":"broker-a","queueId":0,"topic":"LookTopic"}')?.lastUpdateTimestamp).toBeGreaterThanOrEqual(firstSendAt);
    expect(stats.get('{"brokerName":"broker-a","queueId":1,"topic":"LookTopic"}')).toEqual({ minOffset: 0, maxOffset: 0, lastUpdateTimestamp: 0 });
  });

  it('answers 17 for an unknown topic', async () => {
    expect(await at(RequestCode.GET_TOPIC_STATS_INFO, { topic: 'Nope' })).toMatchObject({ code: ResponseCode.TOPIC_NOT_EXIST, remark: 'topic[Nope] not exist' });
  });
});

describe('broker config', () => {
  it('GET_BROKER_CONFIG answers properties text and the configuration version', async () => {
    const response = await at(RequestCode.GET_BROKER_CONFIG);
    const properties = parseProperties(response.body?.toString() ?? '');
    expect(properties.get('brokerName')).toBe('broker-a');
    expect(properties.get('listenPort')).toBe(String(broker.port));
    expect(JSON.parse(response.extFields?.['version'] ?? '')).toMatchObject({ counter: 0 });
  });

  it('UPDATE_BROKER_CONFIG changes settings at once and persists them; black-listed keys are refused with 16', async () => {
    const update = await at(RequestCode.UPDATE_BROKER_CONFIG, null, Buffer.from('maxMessageSize=2048000\ncustomKey=1\n'));
    expect(update.code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.config.maxMessageSize).toBe(2048000);
    const file = broker.context.config.brokerConfigPath;
    expect(existsSync(file)).toBe(true);
    expect(parseProperties(readFileSync(file, 'utf8')).get('maxMessageSize')).toBe('2048000');
    const version = JSON.parse((await at(RequestCode.GET_BROKER_CONFIG)).extFields?.['version'] ?? '{}') as { counter: number };
    expect(version.counter).toBe(1);
    const refused = await at(RequestCode.UPDATE_BROKER_CONFIG, null, Buffer.from('brokerConfigPath=/tmp/elsewhere\n'));
    expect(refused.code).toBe(ResponseCode.NO_PERMISSION);
    expect(refused.remark).toContain('Can not update config in black list.');
    const invalid = await at(RequestCode.UPDATE_BROKER_CONFIG, null, Buffer.from('listenPort=abc\n'));
    expect(invalid).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: 'invalid settings: listenPort: "abc" is not a valid int' });
  });
});

describe('topics', () => {
  it('GET_ALL_TOPIC_CONFIG answers the table with its version', async () => {
    const wrapper = decodeTopicConfigSerializeWrapper((await at(RequestCode.GET_ALL_TOPIC_CONFIG)).body ?? Buffer.alloc(0));
    expect(wrapper.topicConfigTable.get('LookTopic')).toMatchObject({ readQueueNums: 2, writeQueueNums: 2, perm: 6 });
    expect(wrapper.topicConfigTable.get('TBW102')?.perm).toBe(7);
    expect(wrapper.dataVersion).toEqual(broker.context.topics.dataVersion);
  });

  it('GET_SYSTEM_TOPIC_LIST_FROM_BROKER lists the system topics', async () => {
    const list = decodeTopicList((await at(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER)).body ?? Buffer.alloc(0));
    expect(list.topicList).toEqual(expect.arrayContaining(['TBW102', 'SCHEDULE_TOPIC_XXXX', 'DefaultCluster', 'broker-a', 'DefaultCluster_REPLY_TOPIC']));
  });

  it('UPDATE_AND_CREATE_TOPIC creates and updates; system topics and bad names are refused', async () => {
    expect((await createTopic(harness, broker.address, 'Made', 3)).code).toBe(ResponseCode.SUCCESS);
    expect((await createTopic(harness, broker.address, 'Made', 5, 4)).code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.topics.select('Made')).toMatchObject({ readQueueNums: 5, writeQueueNums: 5, perm: 4 });
    expect(await createTopic(harness, broker.address, 'SCHEDULE_TOPIC_XXXX')).toMatchObject({
      code: ResponseCode.SYSTEM_ERROR,
      remark: 'The topic[SCHEDULE_TOPIC_XXXX] is conflict with system topic.',
    });
    expect((await createTopic(harness, broker.address, 'broker-a')).code).toBe(ResponseCode.SYSTEM_ERROR);
    expect((await createTopic(harness, broker.address, 'bad topic')).remark).toBe('The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$');
  });

  it('DELETE_TOPIC_IN_BROKER removes the topic and its queues from the store', async () => {
    await createTopic(harness, broker.address, 'Doomed', 1);
    await sendV2(harness, broker.address, 'Doomed', 'bye', { queueId: 0 });
    expect(broker.context.store.getMaxOffsetInQueue('Doomed', 0)).toBe(1);
    expect((await at(RequestCode.DELETE_TOPIC_IN_BROKER, { topic: 'Doomed' })).code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.topics.select('Doomed')).toBeUndefined();
    expect(broker.context.store.queuesOf('Doomed')).toEqual([]);
    expect(broker.context.store.getMaxOffsetInQueue('Doomed', 0)).toBe(0);
    expect((await at(RequestCode.DELETE_TOPIC_IN_BROKER, { topic: 'TBW102' })).code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(broker.context.store.getMaxOffsetInQueue('LookTopic', 0)).toBe(4);
  });
});

describe('clients', () => {
  it('HEART_BEAT records producer groups and answers 0 without a header; UNREGISTER_CLIENT forgets them', async () => {
    const heartbeat = JSON.stringify({ clientID: '127.0.0.1@test', producerDataSet: [{ groupName: 'PG_HB' }, { groupName: 'CLIENT_INNER_PRODUCER' }], consumerDataSet: [] });
    const response = await at(RequestCode.HEART_BEAT, null, Buffer.from(heartbeat));
    expect(response).toMatchObject({ code: ResponseCode.SUCCESS, extFields: null, remark: null });
    expect(broker.context.producers.channelsOf('PG_HB').map((channel) => channel.clientId)).toEqual(['127.0.0.1@test']);
    const unregister = await at(RequestCode.UNREGISTER_CLIENT, { clientID: '127.0.0.1@test', producerGroup: 'PG_HB' });
    expect(unregister).toMatchObject({ code: ResponseCode.SUCCESS, extFields: {} });
    expect(broker.context.producers.channelsOf('PG_HB')).toEqual([]);
  });
});
