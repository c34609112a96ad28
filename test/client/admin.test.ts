/**
 * The admin against real servers (two brokers of one cluster): topic create, list, route,
 * stats and delete; cluster list with runtime info; broker config; name-server fail-over.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../src/client/admin/mq-admin.js';
import { ClientInstance } from '../../src/client/client-instance.js';
import { Producer } from '../../src/client/producer/producer.js';
import { messageQueueKey } from '../../src/protocol/bodies/message-queue.js';
import { eventually, startCluster, type Cluster } from './support/cluster.js';

let cluster: Cluster;
let admin: MQAdmin;

beforeAll(async () => {
  cluster = await startCluster(['broker-a', 'broker-b'], {}, { orderMessageEnable: true });
  admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
  await admin.start();
});

afterAll(async () => {
  await admin?.shutdown();
  await cluster?.cleanup();
});

/** A loopback port nothing listens on. */
async function deadAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

describe('topics', () => {
  it('are created on every master of the cluster and show in the list and the route', async () => {
    const addresses = await admin.createTopic('DefaultCluster', { topic: 'AdminTopic', readQueueNums: 3, writeQueueNums: 2 });
    expect(addresses.sort()).toEqual([cluster.broker('broker-a').address, cluster.broker('broker-b').address].sort());
    await eventually(async () => (await admin.fetchAllTopicList()).includes('AdminTopic'));
    const route = await admin.examineTopicRouteInfo('AdminTopic');
    expect(route.queueDatas.map((q) => [q.brokerName, q.readQueueNums, q.writeQueueNums, q.perm]).sort()).toEqual([
      ['broker-a', 3, 2, 6],
      ['broker-b', 3, 2, 6],
    ]);
    expect(route.brokerDatas.map((b) => b.brokerName).sort()).toEqual(['broker-a', 'broker-b']);
    expect(await admin.fetchTopicsByCluster('DefaultCluster')).toContain('AdminTopic');
  });

  it('an ordered topic gets its queue layout in the name servers (orderTopicConf)', async () => {
    await admin.createTopic('DefaultCluster', { topic: 'AdminOrdered', readQueueNums: 2, writeQueueNums: 2, order: true });
    const route = await admin.examineTopicRouteInfo('AdminOrdered');
    expect(route.orderTopicConf?.split(';').sort()).toEqual(['broker-a:2', 'broker-b:2']);
  });

  it('stats give each write queue\'s min and max offsets after sends', async () => {
    await admin.createTopic('DefaultCluster', { topic: 'AdminStats', readQueueNums: 2, writeQueueNums: 2 });
    const producer = new Producer({ producerGroup: 'PG_ADMIN_STATS', namesrvAddr: cluster.namesrvAddr });
    await producer.start();
    const queue = { topic: 'AdminStats', brokerName: 'broker-b', queueId: 1 };
    for (let n = 0; n < 3; n++) await producer.send({ topic: 'AdminStats', body: `s${n}` }, { queue });
    await producer.shutdown();
    const stats = await admin.examineTopicStats('AdminStats');
    expect(stats.offsetTable.size).toBe(4);
    expect(stats.offsetTable.get(messageQueueKey(queue))).toMatchObject({ minOffset: 0, maxOffset: 3 });
    expect(stats.offsetTable.get(messageQueueKey({ ...queue, brokerName: 'broker-a' }))).toMatchObject({ minOffset: 0, maxOffset: 0 });
    expect(await admin.maxOffset(queue)).toBe(3);
    expect(await admin.minOffset(queue)).toBe(0);
    expect(await admin.searchOffset(queue, Date.now() + 60_000)).toBe(2);
  });

  it('are deleted from every broker of the cluster and from the name servers', async () => {
    await admin.createTopic('DefaultCluster', { topic: 'AdminDoomed' });
    await eventually(async () => (await admin.fetchAllTopicList()).includes('AdminDoomed'));
    await admin.deleteTopic('AdminDoomed', 'DefaultCluster');
    expect(await admin.fetchAllTopicList()).not.toContain('AdminDoomed');
    await expect(admin.examineTopicRouteInfo('AdminDoomed')).rejects.toMatchObject({ code: 'CLIENT_TOPIC_ROUTE_NOT_FOUND' });
  });

  it('an unknown cluster is refused', async () => {
    await expect(admin.createTopic('NoSuchCluster', { topic: 'X' })).rejects.toThrow(/cluster NoSuchCluster is unknown/);
  });
});

describe('brokers', () => {
  it('cluster info names both brokers of the cluster', async () => {
    const info = await admin.examineBrokerClusterInfo();
    expect([...(info.clusterAddrTable.get('DefaultCluster') ?? [])].sort()).toEqual(['broker-a', 'broker-b']);
  });

  it('the cluster list gives every broker with its runtime info', async () => {
    const list = await admin.clusterList();
    expect(list.map((entry) => [entry.clusterName, entry.brokerName, entry.brokerId, entry.address])).toEqual([
      ['DefaultCluster', 'broker-a', 0, cluster.broker('broker-a').address],
      ['DefaultCluster', 'broker-b', 0, cluster.broker('broker-b').address],
    ]);
    for (const entry of list) {
      expect(entry.runtimeInfo).toBeInstanceOf(Map);
      expect((entry.runtimeInfo as Map<string, string>).size).toBeGreaterThan(5);
    }
  });

  it('a broker\'s config is its settings', async () => {
    const config = await admin.getBrokerConfig(cluster.broker('broker-a').address);
    expect(config.get('brokerName')).toBe('broker-a');
    expect(config.get('brokerClusterName')).toBe('DefaultCluster');
  });
});

describe('name servers', () => {
  it('an admin whose first name server is down fails over to the next one', async () => {
    const instance = new ClientInstance({ namesrvAddr: `${await deadAddress()};${cluster.namesrvAddr}` }, { nameServerStartIndex: 0 });
    const failover = new MQAdmin({ clientInstance: instance });
    instance.start();
    try {
      expect(instance.nameServers.selector.current()).not.toBe(cluster.namesrvAddr);
      for (let n = 0; n < 3; n++) expect(await failover.fetchAllTopicList()).toContain('TBW102');
      expect(instance.nameServers.selector.current()).toBe(cluster.namesrvAddr);
    } finally {
      await instance.shutdown();
    }
  });

  it('a request fails when no name server answers', async () => {
    const lost = new MQAdmin({ namesrvAddr: await deadAddress() });
    await lost.start();
    await expect(lost.fetchAllTopicList()).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    await lost.shutdown();
  });
});
