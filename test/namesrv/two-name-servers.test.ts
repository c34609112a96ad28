/**
 * Two name servers side by side, as a RocketMQ deployment runs them: a broker registers
 * with both (here a RemotingClient sending the captured registration), either answers the
 * route, and when the broker's connections close both forget it at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTopicRouteData } from '../../src/protocol/bodies/topic-route-data.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { NameServer } from '../../src/namesrv/namesrv.js';
import { registerRequest } from './support/captured-broker.js';
import { temporaryDirectory } from './support/namesrv-process.js';

const routeRequest = (topic: string) => createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic } });

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('two name servers side by side', () => {
  const tmp = temporaryDirectory('namesrv-pair-');
  const servers = [new NameServer(), new NameServer()];
  const client = new RemotingClient();

  beforeAll(async () => {
    for (const [index, server] of servers.entries()) {
      await server.start({ listenPort: 0, kvConfigPath: `${tmp.dir}/${index}/kvConfig.json`, configStorePath: `${tmp.dir}/${index}/namesrv.properties` });
    }
  });

  afterAll(async () => {
    await client.shutdown();
    for (const server of servers) await server.shutdown();
    tmp.remove();
  });

  it('both take the broker\'s registration, either answers its routes, and both drop it when its connections close', async () => {
    const broker = new RemotingClient();
    for (const server of servers) {
      const answer = await broker.invoke(server.address, registerRequest());
      expect(answer.code).toBe(ResponseCode.SUCCESS);
    }
    for (const server of servers) {
      const answer = await client.invoke(server.address, routeRequest('TBW102'));
      expect(answer.code).toBe(ResponseCode.SUCCESS);
      const route = decodeTopicRouteData(answer.body ?? '');
      expect(route.brokerDatas).toEqual([{ cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: new Map([[0, '127.0.0.1:20911']]) }]);
      expect(route.queueDatas).toEqual([{ brokerName: 'broker-a', readQueueNums: 8, writeQueueNums: 8, perm: 7, topicSysFlag: 0 }]);
    }

    await broker.shutdown();
    for (const server of servers) {
      await eventually(async () => (await client.invoke(server.address, routeRequest('TBW102'))).code === ResponseCode.TOPIC_NOT_EXIST);
      expect(server.routes.liveBrokerCount).toBe(0);
    }
  });

  it('a client\'s connection closing does not touch the registered brokers', async () => {
    const broker = new RemotingClient();
    const other = new RemotingClient();
    try {
      for (const server of servers) await broker.invoke(server.address, registerRequest());
      for (const server of servers) await other.invoke(server.address, routeRequest('TBW102'));
      await other.shutdown();
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const server of servers) expect((await client.invoke(server.address, routeRequest('TBW102'))).code).toBe(ResponseCode.SUCCESS);
    } finally {
      await broker.shutdown();
    }
  });
});
