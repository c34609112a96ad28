import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MQAdmin } from '../client/admin/mq-admin.js';
import { Producer } from '../client/producer/producer.js';
import { FAST_DELAY_LEVELS, startEmbeddedCluster } from './embedded-cluster.js';

describe('the embedded cluster', () => {
  it('runs a name server and a broker on ephemeral loopback ports; createTopic waits for the route; stop removes its directory', async () => {
    const cluster = await startEmbeddedCluster({ fastDelayLevels: true });
    expect(cluster.namesrvAddr).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(cluster.brokerAddr).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(existsSync(cluster.dir)).toBe(true);
    await cluster.createTopic('EmbeddedT', { queueNums: 3 });
    const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await admin.start();
    const route = await admin.examineTopicRouteInfo('EmbeddedT');
    expect(route.queueDatas).toMatchObject([{ brokerName: 'broker-a', readQueueNums: 3, writeQueueNums: 3 }]);
    expect((await admin.getBrokerConfig(cluster.brokerAddr)).get('messageDelayLevel')).toBe(FAST_DELAY_LEVELS);
    await admin.shutdown();
    await cluster.stop();
    expect(existsSync(cluster.dir)).toBe(false);
    await cluster.stop();
  });

  it('can keep messages in memory, under another broker and cluster name', async () => {
    const cluster = await startEmbeddedCluster({ memoryStore: true, brokerName: 'mem', clusterName: 'TestCluster' });
    try {
      await cluster.createTopic('EmbeddedMem', { queueNums: 1 });
      const producer = new Producer({ producerGroup: 'PG_EMBEDDED', namesrvAddr: cluster.namesrvAddr });
      await producer.start();
      const result = await producer.send({ topic: 'EmbeddedMem', body: 'in memory' });
      expect(result.messageQueue.brokerName).toBe('mem');
      await producer.shutdown();
      expect(existsSync(`${cluster.dir}/store/commitlog`)).toBe(false);
    } finally {
      await cluster.stop();
    }
  });
});
