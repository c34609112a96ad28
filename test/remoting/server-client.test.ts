import { afterEach, describe, expect, it } from 'vitest';
import { RocketMQError } from '../../src/common/errors.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { SerializeType } from '../../src/protocol/serialize-type.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { RemotingServer } from '../../src/remoting/server.js';
import { createRequest, createResponse, encodeCommand } from '../../src/remoting/remoting-command.js';
import { RawPeer } from '../support/raw-socket.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(options: ConstructorParameters<typeof RemotingServer>[0] = {}): Promise<{ server: RemotingServer; address: string; port: number }> {
  const server = new RemotingServer(options);
  server.registerHandler(RequestCode.GET_ROUTEINFO_BY_TOPIC, (request) =>
    createResponse(request, ResponseCode.SUCCESS, { extFields: { echo: request.extFields?.['topic'] ?? '' } }),
  );
  const { port } = await server.listen();
  cleanups.push(() => server.close());
  return { server, address: `127.0.0.1:${port}`, port };
}

function newClient(options: ConstructorParameters<typeof RemotingClient>[0] = {}): RemotingClient {
  const client = new RemotingClient(options);
  cleanups.push(() => client.shutdown());
  return client;
}

function routeRequest(topic: string, serializeType: SerializeType = SerializeType.JSON) {
  return createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic }, serializeType });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('remoting server and client', () => {
  it.each([SerializeType.JSON, SerializeType.ROCKETMQ])('answers a request in its own serialization (%i)', async (type) => {
    const { address, port } = await startServer();
    const response = await newClient().invoke(address, routeRequest('T1', type));
    expect(response).toMatchObject({ code: 0, flag: 1, extFields: { echo: 'T1' }, serializeType: type });
    const raw = await RawPeer.open(port);
    cleanups.push(() => raw.destroy());
    raw.write(encodeCommand({ ...routeRequest('T2', type), opaque: 77 }));
    await raw.until(() => raw.received.length === 1);
    expect(raw.received[0]).toMatchObject({ opaque: 77, serializeType: type, extFields: { echo: 'T2' } });
  });

  it('answers an unknown code with REQUEST_CODE_NOT_SUPPORTED', async () => {
    const { address } = await startServer();
    const response = await newClient().invoke(address, createRequest(9999));
    expect(response.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    expect(response.remark).toBe(' request type 9999 not supported');
  });

  it('never answers a oneway request, known or unknown', async () => {
    const { server, port } = await startServer();
    let onewaySeen = 0;
    server.registerHandler(RequestCode.UPDATE_CONSUMER_OFFSET, (request) => {
      onewaySeen++;
      return createResponse(request, ResponseCode.SUCCESS);
    });
    const raw = await RawPeer.open(port);
    cleanups.push(() => raw.destroy());
    raw.write(encodeCommand({ ...createRequest(RequestCode.UPDATE_CONSUMER_OFFSET), opaque: 1, flag: 2 }));
    raw.write(encodeCommand({ ...createRequest(9999), opaque: 2, flag: 2 }));
    raw.write(encodeCommand({ ...routeRequest('after'), opaque: 3 }));
    await raw.until(() => raw.received.length >= 1);
    await sleep(50);
    expect(onewaySeen).toBe(1);
    expect(raw.received.map((command) => command.opaque)).toEqual([3]);
  });

  it('answers other requests while one is parked on the same connection', async () => {
    const { server, address } = await startServer();
    let release: () => void = () => undefined;
    server.registerHandler(RequestCode.PULL_MESSAGE, (request) =>
      new Promise((resolve) => {
        release = () => resolve(createResponse(request, ResponseCode.PULL_NOT_FOUND));
      }),
    );
    const client = newClient();
    const parked = client.invoke(address, createRequest(RequestCode.PULL_MESSAGE), 10_000);
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect((await client.invoke(address, routeRequest(`t${i}`))).code).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    release();
    expect((await parked).code).toBe(ResponseCode.PULL_NOT_FOUND);
  });

  it('turns a handler error into its wire code with the error text as remark', async () => {
    const { server, address } = await startServer();
    server.registerHandler(RequestCode.QUERY_CONSUMER_OFFSET, () => {
      throw new RocketMQError('HEADER_FIELD_MISSING', 'the custom field consumerGroup is null');
    });
    server.registerHandler(RequestCode.GET_MAX_OFFSET, () => Promise.reject(new Error('disk on fire')));
    const client = newClient();
    const missing = await client.invoke(address, createRequest(RequestCode.QUERY_CONSUMER_OFFSET));
    expect(missing).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: 'the custom field consumerGroup is null' });
    const failed = await client.invoke(address, createRequest(RequestCode.GET_MAX_OFFSET));
    expect(failed).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: 'disk on fire' });
  });

  it('answers SYSTEM_BUSY past the in-flight bound of a connection, and recovers', async () => {
    const { server, address } = await startServer({ maxInFlightRequestsPerConnection: 4 });
    const releases: (() => void)[] = [];
    server.registerHandler(RequestCode.PULL_MESSAGE, (request) =>
      new Promise((resolve) => releases.push(() => resolve(createResponse(request, ResponseCode.SUCCESS)))),
    );
    const client = newClient();
    const parked = Array.from({ length: 4 }, () => client.invoke(address, createRequest(RequestCode.PULL_MESSAGE), 10_000));
    await sleep(50);
    const refused = await client.invoke(address, routeRequest('x'));
    expect(refused.code).toBe(ResponseCode.SYSTEM_BUSY);
    expect(refused.remark).toMatch(/OVERLOAD/);
    for (const release of releases) release();
    expect((await Promise.all(parked)).map((response) => response.code)).toEqual([0, 0, 0, 0]);
    expect((await client.invoke(address, routeRequest('y'))).code).toBe(0);
  });

  describe('bad input closes only the offending connection', () => {
    const garbage: [string, Buffer][] = [
      ['a frame over the limit', Buffer.from([0x01, 0x00, 0x00, 0x01])],
      ['a negative length', Buffer.from([0xff, 0xff, 0xff, 0xfe])],
      ['garbage header JSON', (() => {
        const frame = Buffer.alloc(4 + 4 + 5);
        frame.writeInt32BE(9, 0);
        frame.writeInt32BE(5, 4);
        frame.write('{"co!', 8);
        return frame;
      })()],
      ['an unknown serialize type', Buffer.from([0, 0, 0, 4, 0x07, 0, 0, 0])],
    ];

    it.each(garbage)('%s, while ten other clients keep completing requests', async (_name, bytes) => {
      const { server, address, port } = await startServer();
      const clients = Array.from({ length: 10 }, () => newClient());
      await Promise.all(clients.map((client) => client.invoke(address, routeRequest('warm-up'))));
      const offender = await RawPeer.open(port);
      cleanups.push(() => offender.destroy());
      let stop = false;
      let completed = 0;
      const load = clients.map(async (client, index) => {
        while (!stop) {
          const response = await client.invoke(address, routeRequest(`t${index}`));
          expect(response.extFields?.['echo']).toBe(`t${index}`);
          completed++;
        }
      });
      offender.write(bytes);
      await offender.until(() => offender.closed);
      const before = completed;
      await sleep(100);
      stop = true;
      await Promise.all(load);
      expect(completed).toBeGreaterThan(before);
      expect(server.connections.size).toBe(10);
    });

    it('a truncated frame followed by a vanished client leaves the server serving', async () => {
      const { address, port } = await startServer();
      const offender = await RawPeer.open(port);
      offender.write(Buffer.from([0, 0, 0, 100, 0, 0, 0, 2, 0x7b]));
      offender.destroy();
      expect((await newClient().invoke(address, routeRequest('still'))).code).toBe(0);
    });
  });

  it('answers SYSTEM_ERROR for a sound frame whose header field has the wrong type', async () => {
    const { server, address } = await startServer();
    server.registerHandler(RequestCode.GET_MAX_OFFSET, (request) => {
      const queueId = Number(request.extFields?.['queueId']);
      if (!Number.isInteger(queueId)) throw new RocketMQError('HEADER_FIELD_INVALID', `queueId "${request.extFields?.['queueId']}" is not an int`);
      return createResponse(request, ResponseCode.SUCCESS);
    });
    const response = await newClient().invoke(address, createRequest(RequestCode.GET_MAX_OFFSET, { extFields: { queueId: 'abc' } }));
    expect(response).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: 'queueId "abc" is not an int' });
  });

  it('closes a connection idle for the idle timeout', async () => {
    const { port } = await startServer({ idleTimeoutMs: 100 });
    const raw = await RawPeer.open(port);
    await raw.until(() => raw.closed, 3000);
    expect(raw.closed).toBe(true);
  });

  it('on shutdown finishes in-flight requests within the grace time and answers the rest SYSTEM_BUSY', async () => {
    const server = new RemotingServer({ shutdownGraceMs: 200 });
    server.registerHandler(RequestCode.PULL_MESSAGE, (request) =>
      new Promise((resolve) => setTimeout(() => resolve(createResponse(request, ResponseCode.SUCCESS)), 50)),
    );
    server.registerHandler(RequestCode.GET_MAX_OFFSET, () => new Promise(() => undefined));
    const { port } = await server.listen();
    const client = newClient();
    const address = `127.0.0.1:${port}`;
    const quick = client.invoke(address, createRequest(RequestCode.PULL_MESSAGE));
    const stuck = client.invoke(address, createRequest(RequestCode.GET_MAX_OFFSET));
    await sleep(10);
    await server.close();
    expect((await quick).code).toBe(ResponseCode.SUCCESS);
    expect(await stuck).toMatchObject({ code: ResponseCode.SYSTEM_BUSY, remark: 'server is shutting down' });
  });

  it('times out a request that gets no answer and keeps the connection usable', async () => {
    const { server, address } = await startServer();
    server.registerHandler(RequestCode.GET_MAX_OFFSET, () => new Promise(() => undefined));
    const client = newClient();
    await expect(client.invoke(address, createRequest(RequestCode.GET_MAX_OFFSET), 100)).rejects.toMatchObject({
      code: 'REQUEST_TIMEOUT',
      retriable: true,
    });
    expect((await client.invoke(address, routeRequest('t'))).code).toBe(0);
  });

  it('fails outstanding requests when the connection closes, and reconnects on the next call', async () => {
    const { server, address } = await startServer();
    server.registerHandler(RequestCode.GET_MAX_OFFSET, (_request, connection) => {
      connection.destroy();
      return null;
    });
    const client = newClient();
    await expect(client.invoke(address, createRequest(RequestCode.GET_MAX_OFFSET))).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect((await client.invoke(address, routeRequest('again'))).code).toBe(0);
  });

  it('reports a refused connection as CONNECT_FAILED', async () => {
    const { port } = await startServer();
    const client = newClient({ connectTimeoutMs: 500 });
    await expect(client.invoke(`127.0.0.1:${port === 65535 ? 1 : port + 1}`, routeRequest('x'))).rejects.toMatchObject({
      code: 'CONNECT_FAILED',
    });
  });

  it('lets the server call the client on its own connection, oneway and with an answer', async () => {
    const { server, address } = await startServer();
    const client = newClient();
    const notified: string[] = [];
    client.registerHandler(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (request) => {
      notified.push(request.extFields?.['consumerGroup'] ?? '');
      return null;
    });
    client.registerHandler(RequestCode.GET_CONSUMER_RUNNING_INFO, (request) =>
      createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from('{"properties":{}}') }),
    );
    await client.invoke(address, routeRequest('hello'));
    const [connection] = [...server.connections];
    if (!connection) throw new Error('no connection');
    connection.invokeOneway(createRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, { extFields: { consumerGroup: 'CG1' } }));
    const info = await connection.invoke(createRequest(RequestCode.GET_CONSUMER_RUNNING_INFO));
    expect(info.body?.toString()).toBe('{"properties":{}}');
    expect(notified).toEqual(['CG1']);
  });

  it('runs the RPC hook before every request, so it can sign ext fields', async () => {
    const { server, address } = await startServer();
    server.registerHandler(RequestCode.GET_KV_CONFIG, (request) =>
      createResponse(request, ResponseCode.SUCCESS, { remark: request.extFields?.['AccessKey'] ?? 'unsigned' }),
    );
    const client = newClient({
      rpcHook: {
        beforeRequest: (_address, request) => {
          request.extFields = { ...request.extFields, AccessKey: 'ak' };
        },
      },
    });
    expect((await client.invoke(address, createRequest(RequestCode.GET_KV_CONFIG))).remark).toBe('ak');
  });

  it('fails fast with TOO_MANY_REQUESTS past the client outstanding bound', async () => {
    const { server, address } = await startServer();
    server.registerHandler(RequestCode.GET_MAX_OFFSET, () => new Promise(() => undefined));
    const client = newClient({ maxOutstandingRequests: 2 });
    void client.invoke(address, createRequest(RequestCode.GET_MAX_OFFSET), 500).catch(() => undefined);
    void client.invoke(address, createRequest(RequestCode.GET_MAX_OFFSET), 500).catch(() => undefined);
    await sleep(20);
    await expect(client.invoke(address, createRequest(RequestCode.GET_MAX_OFFSET))).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});
