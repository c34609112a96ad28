import { describe, expect, it } from 'vitest';
import { RequestCode } from '../request-code.js';
import { requestBodyCodecs, responseBodyCodecs, type BodyCodec } from './index.js';
import { messageQueueKey } from './message-queue.js';
import { subscriptionGroupConfig } from './subscription-group-config.js';
import { topicConfig } from './topic-config.js';

const subscription = {
  topic: 'T1',
  subString: 'TagA || TagB',
  tagsSet: ['TagA', 'TagB'],
  codeSet: [2598919, 2598920],
  subVersion: 1700000000000,
  expressionType: 'TAG',
  classFilterMode: false,
};
const connection = { clientId: '127.0.0.1@c1', clientAddr: '127.0.0.1:50000', language: 'JAVA' as const, version: 409 };
const mq = { topic: 'T1', brokerName: 'broker-a', queueId: 2 };
const brokerData = { cluster: 'C', brokerName: 'broker-a', brokerAddrs: new Map([[0, '127.0.0.1:10911']]) };

/** One sample value per body codec, keyed by codec name. */
const samples: Record<string, unknown> = {
  HeartbeatData: {
    clientID: '127.0.0.1@c1',
    producerDataSet: [{ groupName: 'PG' }],
    consumerDataSet: [
      {
        groupName: 'CG',
        consumeType: 'CONSUME_ACTIVELY',
        messageModel: 'BROADCASTING',
        consumeFromWhere: 'CONSUME_FROM_TIMESTAMP',
        subscriptionDataSet: [subscription],
        unitMode: true,
      },
    ],
  },
  LockBatchRequestBody: { consumerGroup: 'CG', clientId: 'c1', mqSet: [mq], onlyThisBroker: true },
  UnlockBatchRequestBody: { consumerGroup: 'CG', clientId: 'c1', mqSet: [] },
  LockBatchResponseBody: { lockOKMQSet: [mq] },
  CheckClientRequestBody: { clientId: 'c1', group: 'CG', subscriptionData: { ...subscription, expressionType: 'SQL92' } },
  RegisterBrokerBody: {
    topicConfigSerializeWrapper: { dataVersion: { counter: 1, timestamp: 2 }, topicConfigTable: new Map([['T1', topicConfig('T1')]]) },
    filterServerList: [],
  },
  DataVersion: { counter: 5, timestamp: 1795540462539, stateVersion: 1 },
  SubscriptionGroupConfig: subscriptionGroupConfig('CG', { retryMaxTimes: 3 }),
  ResetOffsetBody: { offsetTable: new Map([[messageQueueKey(mq), 42]]) },
  TopicConfigSerializeWrapper: { dataVersion: { counter: 1, timestamp: 2 }, topicConfigTable: new Map([['T1', topicConfig('T1')]]) },
  KVTable: { table: new Map([['k', 'v']]) },
  GetConsumerListByGroupResponseBody: { consumerIdList: ['c1', 'c2'] },
  ConsumerOffsetSerializeWrapper: { offsetTable: new Map([['T1@CG', new Map([[0, 1]])]]) },
  TopicRouteData: {
    orderTopicConf: 'broker-a:4',
    queueDatas: [{ brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }],
    brokerDatas: [{ ...brokerData, zoneName: 'z', enableActingMaster: false }],
    filterServerTable: new Map([['127.0.0.1:10911', ['f']]]),
  },
  ClusterInfo: { brokerAddrTable: new Map([['broker-a', brokerData]]), clusterAddrTable: new Map([['C', ['broker-a']]]) },
  SubscriptionGroupWrapper: { subscriptionGroupTable: new Map([['CG', subscriptionGroupConfig('CG')]]), dataVersion: { counter: 0, timestamp: 1 } },
  TopicStatsTable: { offsetTable: new Map([[messageQueueKey(mq), { minOffset: 0, maxOffset: 3, lastUpdateTimestamp: 4 }]]) },
  ConsumerConnection: {
    connectionSet: [connection],
    subscriptionTable: new Map([['T1', subscription]]),
    consumeType: 'CONSUME_PASSIVELY',
    messageModel: 'CLUSTERING',
    consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
  },
  ProducerConnection: { connectionSet: [connection] },
  TopicList: { topicList: ['T1', 'T2'], brokerAddr: '127.0.0.1:10911' },
  ConsumeStats: { offsetTable: new Map([[messageQueueKey(mq), { brokerOffset: 3, consumerOffset: 2, lastTimestamp: 1, pullOffset: 3 }]]), consumeTps: 1.5 },
  GetConsumerStatusBody: { messageQueueTable: new Map([[messageQueueKey(mq), 1]]), consumerTable: new Map() },
  GroupList: { groupList: ['CG'] },
  QueryConsumeTimeSpanBody: {
    consumeTimeSpanSet: [{ messageQueue: mq, minTimeStamp: 1, maxTimeStamp: 3, consumeTimeStamp: 2, delayTime: 1 }],
  },
  QueryConsumeQueueResponseBody: {
    subscriptionData: subscription,
    filterData: 'null',
    queueData: [{ physicOffset: 0, physicSize: 180, tagsCode: 2598919, eval: false }],
    maxQueueIndex: 3,
    minQueueIndex: 0,
  },
  BrokerStatsData: {
    statsMinute: { sum: 12, tps: 0.2, avgpt: 1.5 },
    statsHour: { sum: 12, tps: 0.0033, avgpt: 1.5 },
    statsDay: { sum: 0, tps: 0, avgpt: 0 },
  },
  ConsumeStatsList: {
    brokerAddr: '127.0.0.1:10911',
    totalDiff: 1,
    consumeStatsList: [
      new Map([['CG', [{ offsetTable: new Map([[messageQueueKey(mq), { brokerOffset: 3, consumerOffset: 2, lastTimestamp: 1 }]]), consumeTps: 0.5 }]]]),
      new Map([['CG2', []]]),
    ],
  },
  ConsumerRunningInfo: { json: { jstack: 'x', properties: { a: 'b' }, mqTable: {} } },
  ConsumeMessageDirectlyResult: { order: true, autoCommit: false, consumeResult: 'CR_LATER', remark: 'r', spentTimeMills: 12 },
};

const codecs = new Map<string, BodyCodec>();
for (const codec of [...requestBodyCodecs.values(), ...responseBodyCodecs.values()]) codecs.set(codec.name, codec);

describe('the body code tables', () => {
  it('map the codes that carry JSON bodies', () => {
    expect(requestBodyCodecs.get(RequestCode.HEART_BEAT)?.name).toBe('HeartbeatData');
    expect(requestBodyCodecs.get(RequestCode.REGISTER_BROKER)?.name).toBe('RegisterBrokerBody');
    expect(responseBodyCodecs.get(RequestCode.GET_ROUTEINFO_BY_TOPIC)?.name).toBe('TopicRouteData');
    expect(responseBodyCodecs.get(RequestCode.GET_BROKER_RUNTIME_INFO)?.name).toBe('KVTable');
    expect([...codecs.keys()].sort()).toEqual(Object.keys(samples).sort());
  });

  it.each([...codecs.values()].map((codec) => [codec.name, codec] as const))('%s round-trips a sample value', (name, codec) => {
    const sample = samples[name];
    const encoded = codec.encode(sample);
    expect(() => JSON.parse(encoded.toString('utf8')) as unknown).not.toThrow();
    expect(codec.decode(encoded)).toEqual(sample);
  });
});
