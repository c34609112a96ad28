/**
 * The name server's request codes over real loopback connections: registration variants
 * (slave, compressed body, pre-V3_0_11 body), KV config, admin changes, topic lists,
 * configuration, and expiry driven by an injected clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageBodyCrc } from '../../src/common/crc32.js';
import { parseProperties } from '../../src/common/properties-file.js';
import { decodeClusterInfo } from '../../src/protocol/bodies/cluster-info.js';
import { decodeDataVersion, encodeDataVersion } from '../../src/protocol/bodies/data-version.js';
import { decodeKVTable } from '../../src/protocol/bodies/kv-table.js';
import { decodeRegisterBrokerBody, encodeRegisterBrokerBody } from '../../src/protocol/bodies/register-broker-body.js';
import { topicConfig } from '../../src/protocol/bodies/topic-config.js';
import { encodeTopicConfigSerializeWrapper } from '../../src/protocol/bodies/topic-config-serialize-wrapper.js';
import { decodeTopicList } from '../../src/protocol/bodies/topic-list.js';
import { decodeTopicRouteData } from '../../src/protocol/bodies/topic-route-data.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest, type ExtFields, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { NameServer } from '../../src/namesrv/namesrv.js';
import type { NamesrvConfig } from '../../src/namesrv/namesrv-config.js';
import { capturedRegistration, registerRequest } from './support/captured-broker.js';
import { temporaryDirectory } from './support/namesrv-process.js';

let tmp: ReturnType<typeof temporaryDirectory>;
let server: NameServer;
let client: RemotingClient;
let nowMs: number;

async function startServer(settings: Partial<NamesrvConfig> = {}): Promise<void> {
  server = new NameServer({ now: () => nowMs });
  await server.start({
    listenPort: 0,
    kvConfigPath: `${tmp.dir}/kvConfig.json`,
    configStorePath: `${tmp.dir}/namesrv.properties`,
    ...settings,
  });
}

beforeEach(async () => {
  nowMs = 1_000_000;
  tmp = temporaryDirectory('namesrv-handlers-');
  client = new RemotingClient();
  await startServer();
});

afterEach(async () => {
  await client.shutdown();
  await server.shutdown();
  tmp.remove();
});

function send(code: number, extFields: ExtFields | null = null, body: Buffer | null = null, via = client): Promise<RemotingCommand> {
  return via.invoke(server.address, createRequest(code, { extFields, body }));
}

async function route(topic: string) {
  const answer = await send(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic });
  return answer.code === ResponseCode.SUCCESS ? decodeTopicRouteData(answer.body ?? '') : answer.code;
}

async function topics(code: number, extFields: ExtFields | null = null) {
  const answer = await send(code, extFields);
  expect(answer.code).toBe(ResponseCode.SUCCESS);
  return decodeTopicList(answer.body ?? '');
}

const capturedBody = () => decodeRegisterBrokerBody(capturedRegistration().body ?? '');

describe('REGISTER_BROKER variants', () => {
  it('tells a slave its master\'s address and HA address', async () => {
    await client.invoke(server.address, registerRequest());
    const answer = await client.invoke(
      server.address,
      registerRequest({ brokerId: '1', brokerAddr: '127.0.0.1:30911', haServerAddr: '127.0.0.1:30912' }),
    );
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    expect(answer.extFields).toEqual({ masterAddr: '127.0.0.1:20911', haServerAddr: '127.0.0.1:20912' });
    const cluster = decodeClusterInfo((await send(RequestCode.GET_BROKER_CLUSTER_INFO)).body ?? '');
    expect(cluster.brokerAddrTable.get('broker-a')?.brokerAddrs).toEqual(
      new Map([
        [0, '127.0.0.1:20911'],
        [1, '127.0.0.1:30911'],
      ]),
    );
  });

  it('reads the compressed body (header compressed=true) with its bodyCrc32', async () => {
    const body = capturedBody();
    body.topicConfigSerializeWrapper.topicConfigTable.set('Zipped', topicConfig('Zipped', { readQueueNums: 3, writeQueueNums: 3 }));
    const answer = await client.invoke(server.address, registerRequest({ compressed: 'true' }, encodeRegisterBrokerBody(body, true)));
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    expect(await route('Zipped')).toMatchObject({ queueDatas: [{ brokerName: 'broker-a', readQueueNums: 3, writeQueueNums: 3, perm: 6 }] });
    expect(await route('TBW102')).toMatchObject({ queueDatas: [{ readQueueNums: 8, perm: 7 }] });
  });

  it('reads the bare TopicConfigSerializeWrapper of brokers older than V3_0_11', async () => {
    const wrapper = encodeTopicConfigSerializeWrapper({
      dataVersion: { counter: 1, timestamp: 5 },
      topicConfigTable: new Map([['Old', topicConfig('Old', { readQueueNums: 2, writeQueueNums: 2 })]]),
    });
    const request = registerRequest({ bodyCrc32: String(messageBodyCrc(wrapper)) }, wrapper);
    const answer = await client.invoke(server.address, { ...request, version: 30 });
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    expect(await route('Old')).toMatchObject({ queueDatas: [{ readQueueNums: 2 }] });
  });

  it('registers a broker that sends no body, with no topics', async () => {
    const answer = await client.invoke(server.address, registerRequest({ bodyCrc32: '0' }, Buffer.alloc(0)));
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    expect(server.routes.brokerLiveInfo('127.0.0.1:20911')?.dataVersion).toEqual({ counter: 0, timestamp: 0 });
    expect((await topics(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).topicList).toEqual([]);
  });

  it('answers with the ORDER_TOPIC_CONFIG namespace as a KVTable once it exists', async () => {
    expect((await client.invoke(server.address, registerRequest())).body).toBeNull();
    await send(RequestCode.PUT_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TBW102', value: 'broker-a:8' });
    const answer = await client.invoke(server.address, registerRequest());
    expect(decodeKVTable(answer.body ?? '').table).toEqual(new Map([['TBW102', 'broker-a:8']]));
  });
});

describe('QUERY_DATA_VERSION', () => {
  const query = { brokerName: 'broker-a', brokerAddr: '127.0.0.1:20911', clusterName: 'DefaultCluster', brokerId: '0' };

  it('says changed for an unknown broker, and unchanged (a heartbeat) for the registered version', async () => {
    const version = capturedBody().topicConfigSerializeWrapper.dataVersion;
    const unknown = await send(RequestCode.QUERY_DATA_VERSION, query, encodeDataVersion(version));
    expect(unknown.extFields).toEqual({ changed: 'true' });
    expect(unknown.body).toBeNull();

    await client.invoke(server.address, registerRequest());
    nowMs += 100_000;
    const same = await send(RequestCode.QUERY_DATA_VERSION, query, encodeDataVersion(version));
    expect(same.extFields).toEqual({ changed: 'false' });
    expect(decodeDataVersion(same.body ?? '')).toEqual(version);
    expect(server.routes.brokerLiveInfo('127.0.0.1:20911')?.lastUpdateTimestamp).toBe(nowMs);

    const newer = await send(RequestCode.QUERY_DATA_VERSION, query, encodeDataVersion({ ...version, counter: version.counter + 1 }));
    expect(newer.extFields).toEqual({ changed: 'true' });
  });
});

describe('broker liveness', () => {
  it('a broker silent for 120 s is removed by the scan and its connection closed', async () => {
    const broker = new RemotingClient();
    await broker.invoke(server.address, registerRequest());
    const connection = await broker.connection(server.address);
    nowMs += 119_000;
    expect(server.scanNotActiveBrokers()).toBe(0);
    nowMs += 2_000;
    expect(server.scanNotActiveBrokers()).toBe(1);
    expect(await route('TBW102')).toBe(ResponseCode.TOPIC_NOT_EXIST);
    await new Promise<void>((resolve) => connection.onClose(() => resolve()));
    await broker.shutdown();
  });

  it('the scan runs by itself every scanNotActiveBrokerInterval ms', async () => {
    await server.shutdown();
    await startServer({ scanNotActiveBrokerInterval: 20 });
    const broker = new RemotingClient();
    await broker.invoke(server.address, registerRequest());
    nowMs += 121_000;
    const deadline = Date.now() + 5000;
    while (server.routes.liveBrokerCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.routes.liveBrokerCount).toBe(0);
    await broker.shutdown();
  });

  it('UNREGISTER_BROKER removes the address at once', async () => {
    await client.invoke(server.address, registerRequest());
    const answer = await send(RequestCode.UNREGISTER_BROKER, {
      brokerName: 'broker-a',
      brokerAddr: '127.0.0.1:20911',
      clusterName: 'DefaultCluster',
      brokerId: '0',
    });
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    expect(await route('TBW102')).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });
});

describe('KV config', () => {
  it('puts, gets, lists by namespace and deletes', async () => {
    expect((await send(RequestCode.PUT_KV_CONFIG, { namespace: 'ns', key: 'k', value: 'v' })).code).toBe(ResponseCode.SUCCESS);
    const got = await send(RequestCode.GET_KV_CONFIG, { namespace: 'ns', key: 'k' });
    expect([got.code, got.extFields]).toEqual([ResponseCode.SUCCESS, { value: 'v' }]);
    const list = await send(RequestCode.GET_KVLIST_BY_NAMESPACE, { namespace: 'ns' });
    expect(decodeKVTable(list.body ?? '').table).toEqual(new Map([['k', 'v']]));
    expect((await send(RequestCode.DELETE_KV_CONFIG, { namespace: 'ns', key: 'k' })).code).toBe(ResponseCode.SUCCESS);
    const gone = await send(RequestCode.GET_KV_CONFIG, { namespace: 'ns', key: 'k' });
    expect([gone.code, gone.remark]).toEqual([ResponseCode.QUERY_NOT_FOUND, 'No config item, Namespace: ns Key: k']);
  });

  it('answers 22 for a namespace that does not exist', async () => {
    const answer = await send(RequestCode.GET_KVLIST_BY_NAMESPACE, { namespace: 'none' });
    expect([answer.code, answer.remark]).toEqual([ResponseCode.QUERY_NOT_FOUND, 'No config item, Namespace: none']);
  });

  it('adds orderTopicConf to routes only with orderMessageEnable, and drops cached routes when either changes', async () => {
    await client.invoke(server.address, registerRequest());
    await send(RequestCode.PUT_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TBW102', value: 'broker-a:8' });
    expect(await route('TBW102')).not.toHaveProperty('orderTopicConf');
    const update = await send(RequestCode.UPDATE_NAMESRV_CONFIG, null, Buffer.from('orderMessageEnable=true\n'));
    expect(update.code).toBe(ResponseCode.SUCCESS);
    expect(await route('TBW102')).toHaveProperty('orderTopicConf', 'broker-a:8');
    await send(RequestCode.PUT_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TBW102', value: 'broker-a:4' });
    expect(await route('TBW102')).toHaveProperty('orderTopicConf', 'broker-a:4');
  });
});

describe('admin changes and lists', () => {
  beforeEach(async () => {
    await client.invoke(server.address, registerRequest());
    const body = capturedBody();
    body.topicConfigSerializeWrapper.topicConfigTable = new Map([
      ['TBW102', topicConfig('TBW102', { perm: 7, readQueueNums: 8, writeQueueNums: 8 })],
      ['UnitTopic', topicConfig('UnitTopic', { topicSysFlag: 1 })],
      ['UnitSubTopic', topicConfig('UnitSubTopic', { topicSysFlag: 2 })],
      ['BothTopic', topicConfig('BothTopic', { topicSysFlag: 3 })],
    ]);
    const other = registerRequest({ clusterName: 'OtherCluster', brokerName: 'broker-z', brokerAddr: '127.0.0.1:40911' }, encodeRegisterBrokerBody(body));
    expect((await client.invoke(server.address, other)).code).toBe(ResponseCode.SUCCESS);
  });

  it('wipes and restores the write permission of a broker, answering how many topics', async () => {
    const wiped = await send(RequestCode.WIPE_WRITE_PERM_OF_BROKER, { brokerName: 'broker-z' });
    expect(wiped.extFields).toEqual({ wipeTopicCount: '4' });
    const tbw = await route('TBW102');
    expect(typeof tbw === 'number' ? tbw : tbw.queueDatas.map((queue) => [queue.brokerName, queue.perm])).toEqual([
      ['broker-a', 7],
      ['broker-z', 5],
    ]);
    const restored = await send(RequestCode.ADD_WRITE_PERM_OF_BROKER, { brokerName: 'broker-z' });
    expect(restored.extFields).toEqual({ addTopicCount: '4' });
    expect(await route('UnitTopic')).toMatchObject({ queueDatas: [{ perm: 6 }] });
  });

  it('deletes a topic from one cluster, then everywhere', async () => {
    await send(RequestCode.DELETE_TOPIC_IN_NAMESRV, { topic: 'TBW102', clusterName: 'OtherCluster' });
    expect(await route('TBW102')).toMatchObject({ queueDatas: [{ brokerName: 'broker-a' }] });
    await send(RequestCode.DELETE_TOPIC_IN_NAMESRV, { topic: 'TBW102' });
    expect(await route('TBW102')).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });

  it('lists topics by cluster, the system topics and the unit topics', async () => {
    expect((await topics(RequestCode.GET_TOPICS_BY_CLUSTER, { cluster: 'OtherCluster' })).topicList.sort()).toEqual([
      'BothTopic',
      'TBW102',
      'UnitSubTopic',
      'UnitTopic',
    ]);
    expect((await topics(RequestCode.GET_TOPICS_BY_CLUSTER, { cluster: 'NoCluster' })).topicList).toEqual([]);
    expect(await topics(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS)).toEqual({
      topicList: ['DefaultCluster', 'broker-a', 'OtherCluster', 'broker-z'],
      brokerAddr: '127.0.0.1:20911',
    });
    expect((await topics(RequestCode.GET_UNIT_TOPIC_LIST)).topicList.sort()).toEqual(['BothTopic', 'UnitTopic']);
    expect((await topics(RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST)).topicList.sort()).toEqual(['BothTopic', 'UnitSubTopic']);
    expect((await topics(RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST)).topicList).toEqual(['UnitSubTopic']);
  });
});

describe('GET_NAMESRV_CONFIG / UPDATE_NAMESRV_CONFIG', () => {
  it('shows the settings as properties text and persists updates to configStorePath', async () => {
    const shown = parseProperties((await send(RequestCode.GET_NAMESRV_CONFIG)).body?.toString('utf8') ?? '');
    expect(shown.get('listenPort')).toBe('0');
    expect(shown.get('kvConfigPath')).toBe(`${tmp.dir}/kvConfig.json`);
    expect((await send(RequestCode.UPDATE_NAMESRV_CONFIG, null, Buffer.from('productEnvName=test\n'))).code).toBe(ResponseCode.SUCCESS);
    expect(server.config.productEnvName).toBe('test');
    const again = parseProperties((await send(RequestCode.GET_NAMESRV_CONFIG)).body?.toString('utf8') ?? '');
    expect(again.get('productEnvName')).toBe('test');
  });

  it('refuses black-listed settings with 16 NO_PERMISSION', async () => {
    const answer = await send(RequestCode.UPDATE_NAMESRV_CONFIG, null, Buffer.from('kvConfigPath=/etc/passwd\n'));
    expect([answer.code, answer.remark]).toEqual([ResponseCode.NO_PERMISSION, 'Can not update config in black list.']);
    expect(server.config.kvConfigPath).toBe(`${tmp.dir}/kvConfig.json`);
  });

  it('refuses text that is not properties syntax', async () => {
    const answer = await send(RequestCode.UPDATE_NAMESRV_CONFIG, null, Buffer.from('a=\\uZZZZ\n'));
    expect(answer.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(answer.remark).toMatch(/^string2Properties error/);
  });
});

describe('clusterTest', () => {
  it('looks a topic it does not know up on the name servers in $NAMESRV_ADDR', async () => {
    await client.invoke(server.address, registerRequest());
    const testEnv = new NameServer();
    const previous = process.env['NAMESRV_ADDR'];
    process.env['NAMESRV_ADDR'] = server.address;
    try {
      await testEnv.start({ listenPort: 0, clusterTest: true, kvConfigPath: `${tmp.dir}/test-env/kvConfig.json` });
      const found = await client.invoke(testEnv.address, createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: 'TBW102' } }));
      expect(found.code).toBe(ResponseCode.SUCCESS);
      expect(decodeTopicRouteData(found.body ?? '').brokerDatas[0]?.brokerAddrs.get(0)).toBe('127.0.0.1:20911');
      const missing = await client.invoke(testEnv.address, createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: 'Nope' } }));
      expect(missing.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    } finally {
      if (previous === undefined) delete process.env['NAMESRV_ADDR'];
      else process.env['NAMESRV_ADDR'] = previous;
      await testEnv.shutdown();
    }
  });
});
