import { afterEach, describe, expect, it } from 'vitest';
import { ClientInstance, CLIENT_INNER_PRODUCER_GROUP, type ProducerInner } from './client-instance.js';
import type { TopicPublishInfo } from './route/topic-publish-info.js';

const instances: ClientInstance[] = [];
function instance(...args: ConstructorParameters<typeof ClientInstance>): ClientInstance {
  const created = new ClientInstance(...args);
  instances.push(created);
  return created;
}
afterEach(async () => {
  for (const created of instances.splice(0)) await created.shutdown();
});

function producerInner(group: string): ProducerInner & { infos: Map<string, TopicPublishInfo> } {
  const infos = new Map<string, TopicPublishInfo>();
  return {
    group,
    infos,
    publishTopics: () => [...infos.keys()],
    isPublishTopicNeedUpdate: (topic) => !infos.get(topic)?.ok(),
    updateTopicPublishInfo: (topic, info) => void infos.set(topic, info),
  };
}

describe('client instance', () => {
  it('names itself ip@instanceName, from the configured IP or the host\'s', () => {
    expect(instance({ clientIP: '10.1.2.3', instanceName: 'app' }).clientId).toBe('10.1.2.3@app');
    expect(instance({ instanceName: 'app', unitName: 'u' }, { localAddress: () => '10.9.9.9' }).clientId).toBe('10.9.9.9@app@u');
    expect(instance({ clientIP: '10.1.2.3' }).clientId).toMatch(/^10\.1\.2\.3@\d+#\d+$/);
  });

  it('makes unique keys with its IP and the injected clock', () => {
    const keys = instance({ clientIP: '127.0.0.1' }, { now: () => Date.UTC(2024, 0, 1) }).uniqueKeys;
    const first = keys.next();
    const second = keys.next();
    expect(first).toMatch(/^7F000001[0-9A-F]{24}$/);
    expect(second).not.toBe(first);
  });

  it('heartbeats list the producer groups, CLIENT_INNER_PRODUCER, and no consumer', () => {
    const client = instance({ clientIP: '10.0.0.1', instanceName: 'hb' });
    client.registerProducer(producerInner('PG1'));
    expect(client.heartbeatData()).toEqual({ clientID: '10.0.0.1@hb', producerDataSet: [{ groupName: 'PG1' }, { groupName: CLIENT_INNER_PRODUCER_GROUP }], consumerDataSet: [] });
  });

  it('a group registers once', () => {
    const client = instance();
    client.registerProducer(producerInner('PG1'));
    expect(() => client.registerProducer(producerInner('PG1'))).toThrow(/has been created before/);
  });

  it('uses the broker\'s VIP port (port - 2) only when vipChannelEnabled', () => {
    expect(instance().vipChannel('10.0.0.1:10911')).toBe('10.0.0.1:10911');
    expect(instance({ vipChannelEnabled: true }).vipChannel('10.0.0.1:10911')).toBe('10.0.0.1:10909');
  });

  it('starts once, and a shut-down instance cannot start again', async () => {
    const client = instance();
    expect(() => client.ensureRunning('x')).toThrow(/not started/);
    client.start();
    client.start();
    expect(client.running).toBe(true);
    await client.shutdown();
    expect(() => client.start()).toThrow(/shut down/);
  });
});
