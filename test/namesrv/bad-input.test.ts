/**
 * Bad input never brings the name server down: a malformed registration body, a wrong
 * bodyCrc32, a header without a required field or with a field that does not parse are
 * answered 1 SYSTEM_ERROR with a remark that says what is wrong; unknown codes get 3;
 * bytes that do not frame close only their own connection. Others keep being served.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest, type ExtFields } from '../../src/remoting/remoting-command.js';
import { NameServer } from '../../src/namesrv/namesrv.js';
import { RawPeer } from '../support/raw-socket.js';
import { capturedRegistration, registerRequest } from './support/captured-broker.js';
import { temporaryDirectory } from './support/namesrv-process.js';

describe('the name server on bad input', () => {
  const tmp = temporaryDirectory('namesrv-bad-');
  const server = new NameServer();
  const client = new RemotingClient();

  beforeAll(async () => {
    await server.start({ listenPort: 0, kvConfigPath: `${tmp.dir}/kvConfig.json`, configStorePath: `${tmp.dir}/namesrv.properties` });
    expect((await client.invoke(server.address, registerRequest())).code).toBe(ResponseCode.SUCCESS);
  });

  afterAll(async () => {
    await client.shutdown();
    await server.shutdown();
    tmp.remove();
  });

  async function expectRouteStillServed(): Promise<void> {
    const answer = await client.invoke(server.address, createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: 'TBW102' } }));
    expect(answer.code).toBe(ResponseCode.SUCCESS);
  }

  const captured = capturedRegistration();
  const withoutKey = (key: string): ExtFields =>
    Object.fromEntries(Object.entries(captured.extFields ?? {}).filter(([name]) => name !== key));

  const cases: { name: string; request: () => ReturnType<typeof createRequest>; remark: RegExp }[] = [
    {
      name: 'a REGISTER_BROKER body that is not JSON',
      request: () => registerRequest({ bodyCrc32: '0' }, Buffer.from('{"topicConfigSerializeWrapper":{"topicConfigTable":')),
      remark: /^RegisterBrokerBody: /,
    },
    {
      name: 'a REGISTER_BROKER body of the wrong shape',
      request: () => registerRequest({}, Buffer.from('{"filterServerList":"x","topicConfigSerializeWrapper":{}}')),
      remark: /RegisterBrokerBody: filterServerList is not an array/,
    },
    {
      name: 'a compressed REGISTER_BROKER body that does not inflate',
      request: () => registerRequest({ compressed: 'true' }, Buffer.from('not zlib at all')),
      remark: /compressed body does not inflate/,
    },
    {
      name: 'a compressed REGISTER_BROKER body that is truncated',
      request: () => registerRequest({ compressed: 'true' }, deflateSync(Buffer.from([0, 0, 0, 40, 123]))),
      remark: /compressed body truncated/,
    },
    {
      name: 'a wrong bodyCrc32',
      request: () => registerRequest({ bodyCrc32: '12345' }),
      remark: /^crc32 not match$/,
    },
    {
      name: 'a REGISTER_BROKER header without brokerName',
      request: () => createRequest(RequestCode.REGISTER_BROKER, { extFields: withoutKey('brokerName'), body: captured.body }),
      remark: /^RegisterBrokerRequestHeader: the custom field <brokerName> is null$/,
    },
    {
      name: 'a REGISTER_BROKER header whose brokerId is not a number',
      request: () => registerRequest({ brokerId: 'master' }),
      remark: /the custom field <brokerId> is not a valid long: "master"/,
    },
    {
      name: 'a GET_ROUTEINFO_BY_TOPIC without topic',
      request: () => createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: {} }),
      remark: /the custom field <topic> is null/,
    },
    {
      name: 'a QUERY_DATA_VERSION without its body',
      request: () =>
        createRequest(RequestCode.QUERY_DATA_VERSION, {
          extFields: { brokerName: 'broker-a', brokerAddr: '127.0.0.1:20911', clusterName: 'DefaultCluster', brokerId: '0' },
        }),
      remark: /QUERY_DATA_VERSION: the body .* is missing/,
    },
    {
      name: 'an UPDATE_NAMESRV_CONFIG with a value of the wrong type',
      request: () => createRequest(RequestCode.UPDATE_NAMESRV_CONFIG, { body: Buffer.from('scanNotActiveBrokerInterval=soon\n') }),
      remark: /scanNotActiveBrokerInterval: "soon" is not a valid long/,
    },
  ];

  for (const { name, request, remark } of cases) {
    it(`answers ${name} with SYSTEM_ERROR and keeps serving`, async () => {
      const answer = await client.invoke(server.address, request());
      expect(answer.code).toBe(ResponseCode.SYSTEM_ERROR);
      expect(answer.remark).toMatch(remark);
      await expectRouteStillServed();
    });
  }

  it('keeps the broker registered after its refused registrations', () => {
    expect(server.routes.liveBrokerCount).toBe(1);
    expect(server.routes.pickupTopicRouteData('TBW102')).not.toBeNull();
  });

  it('answers an unknown request code with 3 REQUEST_CODE_NOT_SUPPORTED', async () => {
    const answer = await client.invoke(server.address, createRequest(9999));
    expect(answer.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    await expectRouteStillServed();
  });

  it('closes only the connection that sends bytes that do not frame', async () => {
    const peer = await RawPeer.open(server.port);
    peer.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4]));
    await peer.until(() => peer.closed);
    await expectRouteStillServed();
  });
});
