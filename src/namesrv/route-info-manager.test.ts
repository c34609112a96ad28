import { beforeEach, describe, expect, it } from 'vitest';
import { topicConfig, type TopicConfig } from '../protocol/bodies/topic-config.js';
import { BROKER_EXPIRY_MS, RouteInfoManager, type BrokerRegistration } from './route-info-manager.js';

let nowMs = 1_000_000;
let routes: RouteInfoManager;

beforeEach(() => {
  nowMs = 1_000_000;
  routes = new RouteInfoManager({ now: () => nowMs });
});

function registration(fields: Partial<BrokerRegistration> & { topics?: TopicConfig[]; counter?: number }): BrokerRegistration {
  const { topics = [], counter = 0, ...rest } = fields;
  return {
    clusterName: 'DefaultCluster',
    brokerAddr: '10.0.0.1:10911',
    brokerName: 'broker-a',
    brokerId: 0,
    haServerAddr: '10.0.0.1:10912',
    topicConfigWrapper: {
      dataVersion: { counter, timestamp: 1700000000000 },
      topicConfigTable: new Map(topics.map((config) => [config.topicName, config])),
    },
    filterServerList: [],
    connectionId: 1,
    ...rest,
  };
}

const T1 = topicConfig('T1', { readQueueNums: 4, writeQueueNums: 4 });
const T2 = topicConfig('T2', { readQueueNums: 8, writeQueueNums: 8, perm: 7 });

function queueCounts(topic: string): Record<string, [number, number, number]> {
  const route = routes.pickupTopicRouteData(topic);
  return Object.fromEntries((route?.queueDatas ?? []).map((q) => [q.brokerName, [q.readQueueNums, q.writeQueueNums, q.perm]]));
}

describe('RouteInfoManager registration', () => {
  it('a master registering for the first time creates its cluster, broker data, live entry and queue data', () => {
    const result = routes.registerBroker(registration({ topics: [T1, T2] }));
    expect(result).toEqual({});
    const cluster = routes.getAllClusterInfo();
    expect([...cluster.clusterAddrTable]).toEqual([['DefaultCluster', ['broker-a']]]);
    expect(cluster.brokerAddrTable.get('broker-a')).toEqual({
      cluster: 'DefaultCluster',
      brokerName: 'broker-a',
      brokerAddrs: new Map([[0, '10.0.0.1:10911']]),
    });
    expect(routes.brokerLiveInfo('10.0.0.1:10911')).toEqual({
      lastUpdateTimestamp: nowMs,
      dataVersion: { counter: 0, timestamp: 1700000000000 },
      connectionId: 1,
      haServerAddr: '10.0.0.1:10912',
    });
    expect(queueCounts('T1')).toEqual({ 'broker-a': [4, 4, 6] });
    expect(queueCounts('T2')).toEqual({ 'broker-a': [8, 8, 7] });
    expect(routes.getAllTopicList().topicList.sort()).toEqual(['T1', 'T2']);
  });

  it('a re-registration with the same data version keeps the queue data and only refreshes the live entry', () => {
    routes.registerBroker(registration({ topics: [T1] }));
    routes.wipeWritePermOfBroker('broker-a');
    nowMs += 30_000;
    const version = routes.version;
    routes.registerBroker(registration({ topics: [{ ...T1, readQueueNums: 16 }] }));
    expect(queueCounts('T1')).toEqual({ 'broker-a': [4, 4, 4] });
    expect(routes.brokerLiveInfo('10.0.0.1:10911')?.lastUpdateTimestamp).toBe(nowMs);
    expect(routes.version).toBe(version);
  });

  it('a re-registration with a new data version rebuilds the queue data (topics it no longer lists stay)', () => {
    routes.registerBroker(registration({ topics: [T1, T2] }));
    routes.registerBroker(registration({ counter: 1, topics: [{ ...T1, readQueueNums: 16, writeQueueNums: 16 }] }));
    expect(queueCounts('T1')).toEqual({ 'broker-a': [16, 16, 6] });
    expect(queueCounts('T2')).toEqual({ 'broker-a': [8, 8, 7] });
    expect(routes.brokerLiveInfo('10.0.0.1:10911')?.dataVersion.counter).toBe(1);
  });

  it('a slave adds only its address, and learns its master and the master\'s HA address', () => {
    routes.registerBroker(registration({ topics: [T1] }));
    const result = routes.registerBroker(
      registration({ brokerId: 1, brokerAddr: '10.0.0.2:10911', haServerAddr: '10.0.0.2:10912', counter: 9, topics: [T2] }),
    );
    expect(result).toEqual({ masterAddr: '10.0.0.1:10911', haServerAddr: '10.0.0.1:10912' });
    expect(routes.pickupTopicRouteData('T1')?.brokerDatas[0]?.brokerAddrs).toEqual(
      new Map([
        [0, '10.0.0.1:10911'],
        [1, '10.0.0.2:10911'],
      ]),
    );
    expect(routes.pickupTopicRouteData('T2')).toBeNull();
  });

  it('a slave whose master is not registered learns nothing, and its registration makes no route', () => {
    expect(routes.registerBroker(registration({ brokerId: 1, topics: [T1] }))).toEqual({});
    expect(routes.pickupTopicRouteData('T1')).toBeNull();
    expect(routes.getAllClusterInfo().brokerAddrTable.get('broker-a')?.brokerAddrs).toEqual(new Map([[1, '10.0.0.1:10911']]));
  });

  it('a slave promoted to master keeps one entry for its address', () => {
    routes.registerBroker(registration({ brokerId: 1, brokerAddr: '10.0.0.2:10911' }));
    routes.registerBroker(registration({ brokerId: 0, brokerAddr: '10.0.0.2:10911', topics: [T1] }));
    expect(routes.getAllClusterInfo().brokerAddrTable.get('broker-a')?.brokerAddrs).toEqual(new Map([[0, '10.0.0.2:10911']]));
    expect(queueCounts('T1')).toEqual({ 'broker-a': [4, 4, 6] });
  });

  it('keeps filter servers per broker address, and an empty list removes them', () => {
    routes.registerBroker(registration({ topics: [T1], filterServerList: ['10.0.0.1:30000'] }));
    expect([...(routes.pickupTopicRouteData('T1')?.filterServerTable ?? [])]).toEqual([['10.0.0.1:10911', ['10.0.0.1:30000']]]);
    routes.registerBroker(registration({ topics: [T1], filterServerList: null }));
    expect(routes.pickupTopicRouteData('T1')?.filterServerTable.size).toBe(1);
    routes.registerBroker(registration({ topics: [T1], filterServerList: [] }));
    expect(routes.pickupTopicRouteData('T1')?.filterServerTable.size).toBe(0);
  });

  it('tells whether a data version differs from the last registration\'s', () => {
    expect(routes.isBrokerTopicConfigChanged('10.0.0.1:10911', { counter: 0, timestamp: 1700000000000 })).toBe(true);
    routes.registerBroker(registration({}));
    expect(routes.isBrokerTopicConfigChanged('10.0.0.1:10911', { counter: 0, timestamp: 1700000000000 })).toBe(false);
    expect(routes.isBrokerTopicConfigChanged('10.0.0.1:10911', { counter: 1, timestamp: 1700000000000 })).toBe(true);
  });
});

describe('RouteInfoManager removal', () => {
  it('drops a broker silent for more than 120 s, and keeps one that registered in time', () => {
    routes.registerBroker(registration({ topics: [T1], connectionId: 7 }));
    routes.registerBroker(registration({ brokerName: 'broker-b', brokerAddr: '10.0.0.3:10911', topics: [T1], connectionId: 8 }));
    nowMs += 60_000;
    routes.registerBroker(registration({ brokerName: 'broker-b', brokerAddr: '10.0.0.3:10911', topics: [T1], connectionId: 8 }));
    nowMs += BROKER_EXPIRY_MS - 60_000;
    expect(routes.scanNotActiveBrokers()).toEqual([]);
    nowMs += 1;
    expect(routes.scanNotActiveBrokers()).toEqual([{ brokerAddr: '10.0.0.1:10911', connectionId: 7 }]);
    expect(queueCounts('T1')).toEqual({ 'broker-b': [4, 4, 6] });
    expect(routes.getAllClusterInfo().brokerAddrTable.has('broker-a')).toBe(false);
    nowMs += 60_000;
    expect(routes.scanNotActiveBrokers()).toEqual([{ brokerAddr: '10.0.0.3:10911', connectionId: 8 }]);
    expect(routes.pickupTopicRouteData('T1')).toBeNull();
    expect(routes.getAllClusterInfo().clusterAddrTable.size).toBe(0);
    expect(routes.getAllTopicList().topicList).toEqual([]);
  });

  it('a QUERY_DATA_VERSION heartbeat keeps a broker alive', () => {
    routes.registerBroker(registration({}));
    nowMs += 100_000;
    routes.updateBrokerInfoUpdateTimestamp('10.0.0.1:10911');
    nowMs += 100_000;
    expect(routes.scanNotActiveBrokers()).toEqual([]);
  });

  it('removes the broker registered on a connection when it closes, and nothing for another connection', () => {
    routes.registerBroker(registration({ topics: [T1], connectionId: 3 }));
    expect(routes.onConnectionClosed(4, '127.0.0.1:50000')).toBeNull();
    expect(queueCounts('T1')).toEqual({ 'broker-a': [4, 4, 6] });
    expect(routes.onConnectionClosed(3, '127.0.0.1:50001')).toBe('10.0.0.1:10911');
    expect(routes.pickupTopicRouteData('T1')).toBeNull();
    expect(routes.liveBrokerCount).toBe(0);
  });

  it('keeps a broker that re-registered on a new connection when its old connection closes', () => {
    routes.registerBroker(registration({ topics: [T1], connectionId: 3 }));
    routes.registerBroker(registration({ topics: [T1], connectionId: 5 }));
    expect(routes.onConnectionClosed(3, '127.0.0.1:50001')).toBeNull();
    expect(queueCounts('T1')).toEqual({ 'broker-a': [4, 4, 6] });
  });

  it('a slave leaving keeps the broker name and its routes; the master leaving last removes them', () => {
    routes.registerBroker(registration({ topics: [T1], connectionId: 1 }));
    routes.registerBroker(registration({ brokerId: 1, brokerAddr: '10.0.0.2:10911', connectionId: 2 }));
    routes.onConnectionClosed(2, 'x');
    expect(routes.pickupTopicRouteData('T1')?.brokerDatas[0]?.brokerAddrs).toEqual(new Map([[0, '10.0.0.1:10911']]));
    routes.unregisterBroker('DefaultCluster', '10.0.0.1:10911', 'broker-a', 0);
    expect(routes.pickupTopicRouteData('T1')).toBeNull();
    expect(routes.getAllClusterInfo().clusterAddrTable.size).toBe(0);
  });

  it('unregistering the master of a master-slave pair leaves the slave and the routes', () => {
    routes.registerBroker(registration({ topics: [T1] }));
    routes.registerBroker(registration({ brokerId: 1, brokerAddr: '10.0.0.2:10911', connectionId: 2 }));
    routes.unregisterBroker('DefaultCluster', '10.0.0.1:10911', 'broker-a', 0);
    expect(routes.pickupTopicRouteData('T1')?.brokerDatas[0]?.brokerAddrs).toEqual(new Map([[1, '10.0.0.2:10911']]));
    expect(routes.brokerLiveInfo('10.0.0.1:10911')).toBeUndefined();
  });
});

describe('RouteInfoManager reads and admin changes', () => {
  function twoClusters(): void {
    routes.registerBroker(registration({ topics: [T1, T2] }));
    routes.registerBroker(registration({ brokerName: 'broker-b', brokerAddr: '10.0.0.3:10911', topics: [{ ...T1, readQueueNums: 2, writeQueueNums: 2 }] }));
    routes.registerBroker(
      registration({ clusterName: 'Other', brokerName: 'broker-c', brokerAddr: '10.0.0.5:10911', topics: [T1, topicConfig('T3', { topicSysFlag: 1 })] }),
    );
    routes.registerBroker(registration({ brokerName: 'broker-b', brokerId: 1, brokerAddr: '10.0.0.4:10911', connectionId: 9 }));
  }

  it('assembles a topic spread over several brokers and clusters', () => {
    twoClusters();
    const route = routes.pickupTopicRouteData('T1');
    expect(route?.queueDatas).toEqual([
      { brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 },
      { brokerName: 'broker-b', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 },
      { brokerName: 'broker-c', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 },
    ]);
    expect(route?.brokerDatas).toEqual([
      { cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: new Map([[0, '10.0.0.1:10911']]) },
      {
        cluster: 'DefaultCluster',
        brokerName: 'broker-b',
        brokerAddrs: new Map([
          [0, '10.0.0.3:10911'],
          [1, '10.0.0.4:10911'],
        ]),
      },
      { cluster: 'Other', brokerName: 'broker-c', brokerAddrs: new Map([[0, '10.0.0.5:10911']]) },
    ]);
    expect(route?.filterServerTable.size).toBe(0);
    expect(routes.pickupTopicRouteData('T9')).toBeNull();
  });

  it('returns copies: changing a route does not change the registry', () => {
    twoClusters();
    const route = routes.pickupTopicRouteData('T1');
    route?.brokerDatas[0]?.brokerAddrs.set(5, 'x');
    if (route?.queueDatas[0]) route.queueDatas[0].perm = 0;
    expect(queueCounts('T1')['broker-a']).toEqual([4, 4, 6]);
    expect(routes.pickupTopicRouteData('T1')?.brokerDatas[0]?.brokerAddrs.size).toBe(1);
  });

  it('lists topics by cluster, system topics and unit topics', () => {
    twoClusters();
    expect(routes.getTopicsByCluster('DefaultCluster').topicList.sort()).toEqual(['T1', 'T2']);
    expect(routes.getTopicsByCluster('Other').topicList.sort()).toEqual(['T1', 'T3']);
    expect(routes.getTopicsByCluster('Nope').topicList).toEqual([]);
    expect(routes.getSystemTopicList()).toEqual({
      topicList: ['DefaultCluster', 'broker-a', 'broker-b', 'Other', 'broker-c'],
      brokerAddr: '10.0.0.1:10911',
    });
    expect(routes.getUnitTopics().topicList).toEqual(['T3']);
    expect(routes.getHasUnitSubTopicList().topicList).toEqual([]);
  });

  it('wipes and restores the write permission of a broker name, counting its topics', () => {
    twoClusters();
    expect(routes.wipeWritePermOfBroker('broker-a')).toBe(2);
    expect(queueCounts('T1')['broker-a']).toEqual([4, 4, 4]);
    expect(queueCounts('T2')['broker-a']).toEqual([8, 8, 5]);
    expect(queueCounts('T1')['broker-b']).toEqual([2, 2, 6]);
    expect(routes.addWritePermOfBroker('broker-a')).toBe(2);
    expect(queueCounts('T2')['broker-a']).toEqual([8, 8, 6]);
    expect(routes.wipeWritePermOfBroker('no-such-broker')).toBe(0);
  });

  it('deletes a topic everywhere, or only from the brokers of one cluster', () => {
    twoClusters();
    routes.deleteTopic('T1', 'DefaultCluster');
    expect(Object.keys(queueCounts('T1'))).toEqual(['broker-c']);
    routes.deleteTopic('T1', 'Other');
    expect(routes.pickupTopicRouteData('T1')).toBeNull();
    expect(routes.getAllTopicList().topicList).not.toContain('T1');
    routes.deleteTopic('T2');
    expect(routes.pickupTopicRouteData('T2')).toBeNull();
    routes.deleteTopic('T3', 'NoSuchCluster');
    expect(Object.keys(queueCounts('T3'))).toEqual(['broker-c']);
  });

  it('moves its version on every change a read could see', () => {
    twoClusters();
    const steps: (() => unknown)[] = [
      () => routes.wipeWritePermOfBroker('broker-a'),
      () => routes.deleteTopic('T2'),
      () => routes.registerBroker(registration({ counter: 5, topics: [T1] })),
      () => routes.onConnectionClosed(9, 'x'),
      () => routes.unregisterBroker('Other', '10.0.0.5:10911', 'broker-c', 0),
    ];
    for (const step of steps) {
      const before = routes.version;
      step();
      expect(routes.version).toBeGreaterThan(before);
    }
  });
});
