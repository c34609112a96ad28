/**
 * Consumer groups over the wire: heartbeats register members and subscriptions, create
 * the subscription group and its retry topic, and make the broker notify every member
 * (NOTIFY_CONSUMER_IDS_CHANGED before the heartbeat's answer); GET_CONSUMER_LIST_BY_GROUP,
 * UNREGISTER_CLIENT, closed connections and the expiry scan; admin look-ups of groups.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { scanChannels } from '../../src/broker/housekeeping.js';
import { decodeConsumerConnection } from '../../src/protocol/bodies/consumer-connection.js';
import { decodeGetConsumerListByGroupResponseBody } from '../../src/protocol/bodies/consumer-list-by-group.js';
import { decodeGroupList } from '../../src/protocol/bodies/group-list.js';
import { decodeProducerConnection } from '../../src/protocol/bodies/producer-connection.js';
import { decodeSubscriptionGroupWrapper } from '../../src/protocol/bodies/subscription-group-wrapper.js';
import { encodeSubscriptionGroupConfig, subscriptionGroupConfig } from '../../src/protocol/bodies/subscription-group-config.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { Harness, eventually } from './support/harness.js';
import { TestConsumer, consumerData, tagSubscription } from './support/test-consumer.js';

let harness: Harness;
let broker: Broker;
const consumers: TestConsumer[] = [];

function consumer(clientId: string): TestConsumer {
  const created = new TestConsumer(broker.address, clientId);
  consumers.push(created);
  return created;
}

beforeEach(async () => {
  harness = new Harness();
  broker = await harness.broker();
});

afterEach(async () => {
  for (const created of consumers.splice(0)) await created.close();
  await harness.cleanup();
});

describe('HEART_BEAT of consumers', () => {
  it('registers the member, creates the subscription group and its retry topic, and notifies before answering', async () => {
    const c1 = consumer('127.0.0.1@c1');
    const order: string[] = [];
    c1.answers.set(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (request) => {
      order.push(`notify ${request.extFields?.['consumerGroup']}`);
      return null;
    });
    const answer = await c1.heartbeat([consumerData('CG1', [tagSubscription('T1', 'TagA || TagB')])], ['CLIENT_INNER_PRODUCER']);
    order.push('answer');
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    expect(answer.extFields).toBeNull();
    expect(order).toEqual(['notify CG1', 'answer']);
    expect(broker.context.topics.select('%RETRY%CG1')).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
    expect(broker.context.subscriptionGroups.find('CG1')).toMatchObject({ groupName: 'CG1', retryMaxTimes: 16 });
    expect(broker.context.consumers.findSubscription('CG1', 'T1')?.tagsSet).toEqual(['TagA', 'TagB']);
    expect(broker.context.producers.channelsOf('CLIENT_INNER_PRODUCER')).toHaveLength(1);
  });

  it('notifies every member when one joins, and nobody when a heartbeat changes nothing', async () => {
    const [c1, c2] = [consumer('127.0.0.1@c1'), consumer('127.0.0.1@c2')];
    const data = consumerData('CG1', [tagSubscription('T1')]);
    await c1.heartbeat([data]);
    await c2.heartbeat([data]);
    await eventually(() => c1.notificationsOf(40).length === 2);
    expect(c2.notificationsOf(40)).toHaveLength(1);
    await c1.heartbeat([data]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c1.notificationsOf(40)).toHaveLength(2);
    const list = await c1.invoke(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { consumerGroup: 'CG1' });
    expect(list.code).toBe(ResponseCode.SUCCESS);
    expect(list.extFields).toEqual({});
    expect(decodeGetConsumerListByGroupResponseBody(list.body ?? Buffer.alloc(0)).consumerIdList.sort()).toEqual(['127.0.0.1@c1', '127.0.0.1@c2']);
  });

  it('sends nothing with notifyConsumerIdsChangedEnable=false (broker) or on the group', async () => {
    broker.context.config.notifyConsumerIdsChangedEnable = false;
    const c1 = consumer('127.0.0.1@c1');
    await c1.heartbeat([consumerData('CG1', [tagSubscription('T1')])]);
    broker.context.config.notifyConsumerIdsChangedEnable = true;
    await broker.context.subscriptionGroups.update({ ...subscriptionGroupConfig('CG2'), notifyConsumerIdsChangedEnable: false });
    await c1.heartbeat([consumerData('CG2', [tagSubscription('T1')])]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c1.notificationsOf(40)).toEqual([]);
  });

  it('with autoCreateSubscriptionGroup=false registers the member of an unknown group but creates no retry topic', async () => {
    broker.context.config.autoCreateSubscriptionGroup = false;
    const c1 = consumer('127.0.0.1@c1');
    expect((await c1.heartbeat([consumerData('NEW_CG', [tagSubscription('T1')])])).code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.consumers.consumerIds('NEW_CG')).toEqual(['127.0.0.1@c1']);
    expect(broker.context.topics.select('%RETRY%NEW_CG')).toBeUndefined();
    expect(broker.context.subscriptionGroups.find('NEW_CG')).toBeUndefined();
  });
});

describe('leaving a group', () => {
  it('GET_CONSUMER_LIST_BY_GROUP of a group without members answers 1 with RocketMQ text', async () => {
    const c1 = consumer('127.0.0.1@c1');
    const answer = await c1.invoke(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { consumerGroup: 'NOBODY' });
    expect(answer.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(answer.remark).toBe('no consumer for this group, NOBODY');
  });

  it('UNREGISTER_CLIENT removes the member and notifies the others', async () => {
    const [c1, c2] = [consumer('127.0.0.1@c1'), consumer('127.0.0.1@c2')];
    const data = consumerData('CG1', [tagSubscription('T1')]);
    await c1.heartbeat([data]);
    await c2.heartbeat([data]);
    await eventually(() => c1.notificationsOf(40).length === 2);
    const answer = await c2.invoke(RequestCode.UNREGISTER_CLIENT, { clientID: '127.0.0.1@c2', consumerGroup: 'CG1' });
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    expect(answer.extFields).toEqual({});
    await eventually(() => c1.notificationsOf(40).length === 3);
    expect(broker.context.consumers.consumerIds('CG1')).toEqual(['127.0.0.1@c1']);
  });

  it('a closed connection leaves its groups and the others are notified', async () => {
    const [c1, c2] = [consumer('127.0.0.1@c1'), consumer('127.0.0.1@c2')];
    const data = consumerData('CG1', [tagSubscription('T1')]);
    await c1.heartbeat([data]);
    await c2.heartbeat([data]);
    await eventually(() => c1.notificationsOf(40).length === 2);
    await c2.close();
    await eventually(() => c1.notificationsOf(40).length === 3);
    expect(broker.context.consumers.consumerIds('CG1')).toEqual(['127.0.0.1@c1']);
  });

  it('a member silent for 120 s is dropped by the housekeeping scan and its connection closed', async () => {
    const c1 = consumer('127.0.0.1@c1');
    await c1.heartbeat([consumerData('CG1', [tagSubscription('T1')])]);
    const connection = await c1.connection();
    scanChannels(broker.context, Date.now() + 121_000);
    expect(broker.context.consumers.groupCount).toBe(0);
    await eventually(() => connection.closed);
  });
});

describe('group admin', () => {
  it('GET_CONSUMER_CONNECTION_LIST lists members and subscriptions; an offline group is 206', async () => {
    const c1 = consumer('127.0.0.1@c1');
    await c1.heartbeat([consumerData('CG1', [tagSubscription('T1', 'TagA')])], ['PG1']);
    const answer = await c1.invoke(RequestCode.GET_CONSUMER_CONNECTION_LIST, { consumerGroup: 'CG1' });
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    const body = decodeConsumerConnection(answer.body ?? Buffer.alloc(0));
    expect(body.connectionSet).toEqual([{ clientId: '127.0.0.1@c1', clientAddr: (await c1.connection()).localAddress, language: 'JAVA', version: 409 }]);
    expect(body).toMatchObject({ consumeType: 'CONSUME_PASSIVELY', messageModel: 'CLUSTERING', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    expect(body.subscriptionTable.get('T1')?.subString).toBe('TagA');
    const offline = await c1.invoke(RequestCode.GET_CONSUMER_CONNECTION_LIST, { consumerGroup: 'NOBODY' });
    expect([offline.code, offline.remark]).toEqual([ResponseCode.CONSUMER_NOT_ONLINE, 'the consumer group[NOBODY] not online']);
    const producers = await c1.invoke(RequestCode.GET_PRODUCER_CONNECTION_LIST, { producerGroup: 'PG1' });
    expect(decodeProducerConnection(producers.body ?? Buffer.alloc(0)).connectionSet.map((c) => c.clientId)).toEqual(['127.0.0.1@c1']);
    const noProducer = await c1.invoke(RequestCode.GET_PRODUCER_CONNECTION_LIST, { producerGroup: 'NONE' });
    expect([noProducer.code, noProducer.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'the producer group[NONE] not exist']);
  });

  it('QUERY_TOPIC_CONSUME_BY_WHO joins subscribed groups and groups with offsets', async () => {
    const c1 = consumer('127.0.0.1@c1');
    await c1.heartbeat([consumerData('CG_LIVE', [tagSubscription('T1')])]);
    broker.context.consumerOffsets.commitOffset('CG_OFFSETS', 'T1', 0, 5);
    const answer = await c1.invoke(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, { topic: 'T1' });
    expect(decodeGroupList(answer.body ?? Buffer.alloc(0)).groupList.sort()).toEqual(['CG_LIVE', 'CG_OFFSETS']);
  });

  it('UPDATE_AND_CREATE / GET_ALL / DELETE_SUBSCRIPTIONGROUP (with its offsets)', async () => {
    const c1 = consumer('127.0.0.1@c1');
    const config = { ...subscriptionGroupConfig('ADMIN_CG'), retryMaxTimes: 3, consumeBroadcastEnable: false };
    expect((await c1.invoke(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, null, encodeSubscriptionGroupConfig(config))).code).toBe(ResponseCode.SUCCESS);
    const all = decodeSubscriptionGroupWrapper((await c1.invoke(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG)).body ?? Buffer.alloc(0));
    expect(all.subscriptionGroupTable.get('ADMIN_CG')).toMatchObject({ retryMaxTimes: 3, consumeBroadcastEnable: false });
    expect(all.subscriptionGroupTable.has('TOOLS_CONSUMER')).toBe(true);
    broker.context.consumerOffsets.commitOffset('ADMIN_CG', 'T1', 0, 5);
    expect((await c1.invoke(RequestCode.DELETE_SUBSCRIPTIONGROUP, { groupName: 'ADMIN_CG', removeOffset: 'true' })).code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.subscriptionGroups.find('ADMIN_CG')).toBeUndefined();
    expect(broker.context.consumerOffsets.queryOffset('ADMIN_CG', 'T1', 0)).toBe(-1);
  });

  it('CHECK_CLIENT_CONFIG accepts TAG subscriptions and refuses SQL92 as a 4.9.8 broker without property filter', async () => {
    const c1 = consumer('127.0.0.1@c1');
    const body = (expressionType: string) =>
      Buffer.from(JSON.stringify({ clientId: 'c1', group: 'CG1', subscriptionData: { ...tagSubscription('T1'), expressionType, subString: 'a > 1' } }));
    expect((await c1.invoke(RequestCode.CHECK_CLIENT_CONFIG, null, body('TAG'))).code).toBe(ResponseCode.SUCCESS);
    const sql = await c1.invoke(RequestCode.CHECK_CLIENT_CONFIG, null, body('SQL92'));
    expect([sql.code, sql.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The broker does not support consumer to filter message by SQL92']);
  });
});
