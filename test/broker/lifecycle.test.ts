/**
 * The broker's life: registration with every name server at start, after topic changes and
 * after permission changes; the VIP channel; unregistration and a clean stop; a restart
 * that keeps topics and messages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeTopicRouteData } from '../../src/protocol/bodies/topic-route-data.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { Harness, createTopic, eventually, sendV2 } from './support/harness.js';

const harness = new Harness();
afterAll(() => harness.cleanup());

async function route(address: string, topic: string) {
  const response = await harness.invoke(address, RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic });
  return response.code === ResponseCode.SUCCESS ? decodeTopicRouteData(response.body ?? Buffer.alloc(0)) : null;
}

describe('broker life cycle', () => {
  it('registers with every name server at start: TBW102 with perm 7 and the broker address', async () => {
    const [one, two] = [await harness.nameServer(), await harness.nameServer()];
    const broker = await harness.broker({ namesrvAddr: `${one.address};${two.address}` });
    for (const server of [one, two]) {
      const tbw = await route(server.address, 'TBW102');
      expect(tbw?.queueDatas[0]).toMatchObject({ brokerName: 'broker-a', perm: 7, readQueueNums: 8, writeQueueNums: 8 });
      expect(tbw?.brokerDatas[0]?.brokerAddrs.get(0)).toBe(broker.address);
      expect(server.routes.brokerLiveInfo(broker.address)).toBeDefined();
    }
    await harness.stop(broker);
  });

  it('listens on listenPort and the VIP channel at listenPort - 2, which serves all but pulls', async () => {
    const broker = await harness.broker();
    expect(broker.vipPort).toBe(broker.port - 2);
    const vip = `127.0.0.1:${broker.vipPort}`;
    await createTopic(harness, broker.address, 'VipTopic', 1);
    expect((await sendV2(harness, vip, 'VipTopic', 'via vip')).code).toBe(ResponseCode.SUCCESS);
    expect((await harness.invoke(vip, RequestCode.GET_MAX_OFFSET, { topic: 'VipTopic', queueId: '0' })).extFields).toEqual({ offset: '1' });
    const pull = await harness.invoke(vip, RequestCode.PULL_MESSAGE, {
      consumerGroup: 'G', topic: 'VipTopic', queueId: '0', queueOffset: '0', maxMsgNums: '32', sysFlag: '2', commitOffset: '0', suspendTimeoutMillis: '0', subVersion: '0',
    });
    expect(pull.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    await harness.stop(broker);
  });

  it('registers a created topic at once, and the whole table with the broker permission after UPDATE_BROKER_CONFIG', async () => {
    const server = await harness.nameServer();
    const broker = await harness.broker({ namesrvAddr: server.address });
    await createTopic(harness, broker.address, 'Registered', 2);
    expect((await route(server.address, 'Registered'))?.queueDatas[0]).toMatchObject({ readQueueNums: 2, perm: 6 });
    await harness.invoke(broker.address, RequestCode.UPDATE_BROKER_CONFIG, null, Buffer.from('brokerPermission=4\n'));
    await eventually(async () => (await route(server.address, 'Registered'))?.queueDatas[0]?.perm === 4);
    expect((await sendV2(harness, broker.address, 'Registered', 'x')).code).toBe(ResponseCode.NO_PERMISSION);
    await harness.invoke(broker.address, RequestCode.UPDATE_BROKER_CONFIG, null, Buffer.from('brokerPermission=6\n'));
    await eventually(async () => (await route(server.address, 'Registered'))?.queueDatas[0]?.perm === 6);
    await harness.stop(broker);
  });

  it('unregisters on shutdown and stops cleanly; a restart keeps topics, offsets and messages', async () => {
    const server = await harness.nameServer();
    const storeDir = join(harness.dir, 'restart-store');
    const broker = await harness.broker({ namesrvAddr: server.address }, {}, storeDir);
    await createTopic(harness, broker.address, 'Durable', 1);
    const sent = await sendV2(harness, broker.address, 'Durable', 'kept', { queueId: 0 });
    const address = broker.address;
    await harness.stop(broker);
    expect(server.routes.brokerLiveInfo(address)).toBeUndefined();
    expect(existsSync(join(storeDir, 'abort'))).toBe(false);
    const topics = JSON.parse(readFileSync(join(storeDir, 'config', 'topics.json'), 'utf8')) as { topicConfigTable: Record<string, unknown> };
    expect(Object.keys(topics.topicConfigTable)).toContain('Durable');

    const again = await harness.broker({ namesrvAddr: server.address }, {}, storeDir);
    expect(again.context.topics.select('Durable')).toMatchObject({ writeQueueNums: 1 });
    expect((await harness.invoke(again.address, RequestCode.GET_MAX_OFFSET, { topic: 'Durable', queueId: '0' })).extFields).toEqual({ offset: '1' });
    expect((await route(server.address, 'Durable'))?.brokerDatas[0]?.brokerAddrs.get(0)).toBe(again.address);
    const next = await sendV2(harness, again.address, 'Durable', 'after restart', { queueId: 0 });
    expect(next.extFields?.['queueOffset']).toBe('1');
    expect(sent.extFields?.['queueOffset']).toBe('0');
  });

  it('refuses settings that cannot work', async () => {
    await expect(harness.broker({ brokerRole: 'SLAVE', brokerId: 0 })).rejects.toThrow("Slave's brokerId must be > 0");
  });
});
