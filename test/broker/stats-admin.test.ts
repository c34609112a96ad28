/**
 * The admin codes that report the broker's statistics, against a real broker (in-process,
 * real sockets and store files): VIEW_BROKER_STATS_DATA 315, GET_BROKER_CONSUME_STATS 317.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { decodeBrokerStatsData } from '../../src/protocol/bodies/broker-stats-data.js';
import { decodeConsumeStatsList } from '../../src/protocol/bodies/consume-stats-list.js';
import { messageQueueKey } from '../../src/protocol/bodies/message-queue.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { Harness, createTopic, sendBatch, sendV2 } from './support/harness.js';
import { TestConsumer, consumerData, tagSubscription } from './support/test-consumer.js';

const harness = new Harness();
let broker: Broker;
let consumer: TestConsumer;
let bytesSent = 0;

beforeAll(async () => {
  broker = await harness.broker({ brokerClusterName: 'StatsCluster' });
  await createTopic(harness, broker.address, 'StatsTopic', 2);
  for (let i = 0; i < 3; i++) {
    expect((await sendV2(harness, broker.address, 'StatsTopic', `stats ${i}`, { queueId: 0 })).code).toBe(ResponseCode.SUCCESS);
  }
  expect((await sendBatch(harness, broker.address, 'StatsTopic', [{ flag: 0, body: Buffer.from('b1'), properties: {} }, { flag: 0, body: Buffer.from('b2'), properties: {} }], { queueId: 1 })).code).toBe(
    ResponseCode.SUCCESS,
  );
  bytesSent = broker.context.store.stats().commitLogMaxOffset;
  consumer = new TestConsumer(broker.address, '127.0.0.1@stats');
  expect((await consumer.heartbeat([consumerData('StatsGroup', [tagSubscription('StatsTopic')])])).code).toBe(ResponseCode.SUCCESS);
  const pulled = await consumer.pull({ consumerGroup: 'StatsGroup', topic: 'StatsTopic', queueId: 0, queueOffset: 0 });
  expect(pulled.code).toBe(ResponseCode.SUCCESS);
});
afterAll(async () => {
  await consumer.close();
  await harness.cleanup();
});

const at = (code: number, extFields: Record<string, string> | null = null) => harness.invoke(broker.address, code, extFields);
const view = async (statsName: string, statsKey: string) => {
  const response = await at(RequestCode.VIEW_BROKER_STATS_DATA, { statsName, statsKey });
  expect(response.code).toBe(ResponseCode.SUCCESS);
  return decodeBrokerStatsData(response.body ?? Buffer.alloc(0));
};

describe('VIEW_BROKER_STATS_DATA', () => {
  it('answers zeros for a counted item before its windows are sampled', async () => {
    expect(await view('TOPIC_PUT_NUMS', 'StatsTopic')).toEqual({
      statsMinute: { sum: 0, tps: 0, avgpt: 0 },
      statsHour: { sum: 0, tps: 0, avgpt: 0 },
      statsDay: { sum: 0, tps: 0, avgpt: 0 },
    });
  });

  it('answers the minute, hour and day figures of the put, get and broker counters once sampled', async () => {
    for (const window of ['minute', 'hour', 'day'] as const) broker.context.stats.items.sample(window);
    const puts = await view('TOPIC_PUT_NUMS', 'StatsTopic');
    expect(puts.statsMinute).toEqual({ sum: 5, tps: 0.5, avgpt: 1.25 });
    expect(puts.statsHour).toEqual({ sum: 5, tps: 5 / 600, avgpt: 1.25 });
    expect(puts.statsDay).toEqual({ sum: 5, tps: 5 / 3600, avgpt: 1.25 });
    expect((await view('TOPIC_PUT_SIZE', 'StatsTopic')).statsMinute).toEqual({ sum: bytesSent, tps: bytesSent / 10, avgpt: bytesSent / 4 });
    expect((await view('BROKER_PUT_NUMS', 'StatsCluster')).statsMinute).toEqual({ sum: 5, tps: 0.5, avgpt: 0 });
    expect((await view('GROUP_GET_NUMS', 'StatsTopic@StatsGroup')).statsMinute).toEqual({ sum: 3, tps: 0.3, avgpt: 3 });
    expect((await view('GROUP_GET_SIZE', 'StatsTopic@StatsGroup')).statsMinute.sum).toBeGreaterThan(0);
    expect((await view('BROKER_GET_NUMS', 'StatsCluster')).statsMinute.sum).toBe(3);
  });

  it('answers 1 `The stats <name> <key> not exist` for an item never counted or a name not kept', async () => {
    expect(await at(RequestCode.VIEW_BROKER_STATS_DATA, { statsName: 'TOPIC_PUT_NUMS', statsKey: 'Nope' })).toMatchObject({
      code: ResponseCode.SYSTEM_ERROR,
      remark: 'The stats <TOPIC_PUT_NUMS> <Nope> not exist',
      body: null,
    });
    expect((await at(RequestCode.VIEW_BROKER_STATS_DATA, { statsName: 'NO_SUCH_STATS', statsKey: 'StatsTopic' })).remark).toBe(
      'The stats <NO_SUCH_STATS> <StatsTopic> not exist',
    );
    expect((await at(RequestCode.VIEW_BROKER_STATS_DATA, { statsName: 'TOPIC_PUT_NUMS' })).remark).toContain('the custom field <statsKey> is null');
  });
});

describe('GET_BROKER_CONSUME_STATS', () => {
  const q = (queueId: number, topic = 'StatsTopic') => messageQueueKey({ topic, brokerName: 'broker-a', queueId });

  it('answers every subscription group with the ConsumeStats of each topic it has offsets on, and the total lag', async () => {
    broker.context.consumerOffsets.commitOffset('StatsGroup', 'StatsTopic', 0, 2);
    broker.context.consumerOffsets.commitOffset('StatsGroup', 'StatsTopic', 1, 0);
    const response = await at(RequestCode.GET_BROKER_CONSUME_STATS, { isOrder: 'false' });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const list = decodeConsumeStatsList(response.body ?? Buffer.alloc(0));
    expect(list.brokerAddr).toBe(broker.address);
    expect(list.totalDiff).toBe(3);
    const groups = list.consumeStatsList.map((entry) => [...entry.keys()]);
    expect(groups.every((keys) => keys.length === 1)).toBe(true);
    expect(groups.flat().sort()).toEqual([...broker.context.subscriptionGroups.all().keys()].sort());
    const ofGroup = list.consumeStatsList.find((entry) => entry.has('StatsGroup'))?.get('StatsGroup');
    expect(ofGroup).toHaveLength(1);
    const stats = ofGroup?.[0];
    expect(stats?.offsetTable.get(q(0))).toMatchObject({ brokerOffset: 3, consumerOffset: 2 });
    expect(stats?.offsetTable.get(q(0))?.lastTimestamp).toBeGreaterThan(0);
    expect(stats?.offsetTable.get(q(1))).toEqual({ brokerOffset: 2, consumerOffset: 0, lastTimestamp: 0 });
    expect(stats?.consumeTps).toBeGreaterThan(0);
    expect(list.consumeStatsList.find((entry) => entry.has('TOOLS_CONSUMER'))?.get('TOOLS_CONSUMER')).toEqual([]);
  });

  it('with isOrder lists only ordered topics; topics the live members do not subscribe are skipped', async () => {
    const ordered = decodeConsumeStatsList((await at(RequestCode.GET_BROKER_CONSUME_STATS, { isOrder: 'true' })).body ?? Buffer.alloc(0));
    expect(ordered.totalDiff).toBe(0);
    expect(ordered.consumeStatsList.find((entry) => entry.has('StatsGroup'))?.get('StatsGroup')).toEqual([]);

    await createTopic(harness, broker.address, 'Unsubscribed', 1);
    await sendV2(harness, broker.address, 'Unsubscribed', 'x', { queueId: 0 });
    broker.context.consumerOffsets.commitOffset('StatsGroup', 'Unsubscribed', 0, 0);
    const all = decodeConsumeStatsList((await at(RequestCode.GET_BROKER_CONSUME_STATS, { isOrder: 'false' })).body ?? Buffer.alloc(0));
    const topics = all.consumeStatsList
      .find((entry) => entry.has('StatsGroup'))
      ?.get('StatsGroup')
      ?.flatMap((stats) => [...stats.offsetTable.keys()]);
    expect(topics).toEqual([q(0), q(1)]);
    expect(all.totalDiff).toBe(3);
  });

  it('refuses a request without isOrder with code 1 naming the field', async () => {
    expect((await at(RequestCode.GET_BROKER_CONSUME_STATS)).remark).toContain('the custom field <isOrder> is null');
  });
});
