/**
 * Request/reply (Java DefaultMQProducer.request, MessageUtil.createReplyMessage,
 * ClientRemotingProcessor.receiveReplyMessage) without a real broker: the pure parts, the
 * request table, and a RemotingServer on loopback acting as name server and broker — it
 * routes every topic to itself, records the sends (310 / 325), and pushes
 * PUSH_REPLY_MESSAGE_TO_CLIENT (326) back on the requester's connection. The same flows
 * against an embedded cluster are in request-reply-e2e.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/common/log.js';
import { isRocketMQError } from '../../src/common/errors.js';
import { ClientErrorCode, MQClientError, RequestTimeoutError } from '../../src/client/errors.js';
import { Producer } from '../../src/client/producer/producer.js';
import { selectMessageQueueByHash } from '../../src/client/producer/message-queue-selector.js';
import {
  createReplyMessage,
  receivedReplyOfPush,
  replySystemProperties,
  replyTopicOf,
  requestSystemProperties,
  type ReceivedReply,
} from '../../src/client/producer/reply-message.js';
import { RequestTable, SWEPT_REQUEST_MESSAGE } from '../../src/client/producer/request-table.js';
import { encodeTopicRouteData } from '../../src/protocol/bodies/topic-route-data.js';
import { GetRouteInfoRequestHeader } from '../../src/protocol/headers/get-route-info-request-header.js';
import { ReplyMessageRequestHeader } from '../../src/protocol/headers/reply-message-request-header.js';
import { SendMessageRequestHeaderV2 } from '../../src/protocol/headers/send-message-request-header-v2.js';
import { SendMessageResponseHeader } from '../../src/protocol/headers/send-message-response-header.js';
import { compressBody } from '../../src/protocol/message/compression.js';
import { createOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { PropertyKey, decodeProperties, encodeProperties } from '../../src/protocol/message/properties.js';
import { withCompression } from '../../src/protocol/message/sys-flag.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import type { RemotingConnection } from '../../src/remoting/connection.js';
import { createRequest, createResponse, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { RemotingServer } from '../../src/remoting/server.js';
import { eventually } from './support/cluster.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function replyHeader(properties: Record<string, string>, overrides: Partial<ReplyMessageRequestHeader> = {}): ReplyMessageRequestHeader {
  return {
    producerGroup: 'PG_REPLIER',
    topic: 'DefaultCluster_REPLY_TOPIC',
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId: 0,
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    flag: 0,
    properties: encodeProperties(properties),
    reconsumeTimes: 0,
    unitMode: false,
    bornHost: '127.0.0.1:40001',
    storeHost: '127.0.0.1:10911',
    storeTimestamp: 1_700_000_000_005,
    ...overrides,
  };
}

function replyOf(correlationId: string, body = 'r'): ReceivedReply {
  return receivedReplyOfPush(replyHeader({ [PropertyKey.CORRELATION_ID]: correlationId }), Buffer.from(body), Date.now(), silentLogger);
}

describe('reply messages (pure)', () => {
  const request = {
    properties: { CLUSTER: 'DefaultCluster', CORRELATION_ID: 'c-1', REPLY_TO_CLIENT: '10.0.0.1@42#1', TTL: '3000', UNIQ_KEY: 'U' },
  };

  it('createReplyMessage takes the reply topic and the request identity as Java MessageUtil does', () => {
    const reply = createReplyMessage(request, 'pong');
    expect(reply).toEqual({ topic: 'DefaultCluster_REPLY_TOPIC', body: 'pong', reply: { correlationId: 'c-1', replyToClient: '10.0.0.1@42#1', ttl: '3000' } });
    expect(replyTopicOf('C2')).toBe('C2_REPLY_TOPIC');
    expect({ ...replySystemProperties(reply.reply) }).toEqual({ MSG_TYPE: 'reply', CORRELATION_ID: 'c-1', REPLY_TO_CLIENT: '10.0.0.1@42#1', TTL: '3000' });
    expect({ ...replySystemProperties({ correlationId: 'c', replyToClient: undefined, ttl: undefined }) }).toEqual({ MSG_TYPE: 'reply', CORRELATION_ID: 'c' });
  });

  it('createReplyMessage refuses a missing request or one without CLUSTER with code 10007', () => {
    for (const bad of [null, undefined, { properties: { CORRELATION_ID: 'c' } }]) {
      let thrown: unknown;
      try {
        createReplyMessage(bad, 'x');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(MQClientError);
      expect((thrown as MQClientError).responseCode).toBe(ClientErrorCode.CREATE_REPLY_MESSAGE_EXCEPTION);
      expect((thrown as Error).message).toMatch(/^create reply message fail, requestMessage (cannot be null|error, property\[CLUSTER\] is null)\.$/);
    }
  });

  it('a request carries CORRELATION_ID, REPLY_TO_CLIENT and TTL', () => {
    expect({ ...requestSystemProperties('id', 'client', 2500) }).toEqual({ CORRELATION_ID: 'id', REPLY_TO_CLIENT: 'client', TTL: '2500' });
  });

  it('reads a pushed reply as Java fills its MessageExt: hosts, times, properties + ARRIVE_TIME, decompressed body', () => {
    const body = Buffer.from('x'.repeat(5000));
    const header = replyHeader({ CORRELATION_ID: 'c-9', TAGS: 'T1', UNIQ_KEY: 'K' }, { sysFlag: withCompression(0, 'ZLIB'), queueId: 2, flag: 7, reconsumeTimes: 3 });
    const reply = receivedReplyOfPush(header, compressBody(body, 'ZLIB', 5), 1234, silentLogger);
    expect(reply).toMatchObject({
      topic: 'DefaultCluster_REPLY_TOPIC',
      flag: 7,
      tags: 'T1',
      msgId: 'K',
      correlationId: 'c-9',
      queueId: 2,
      bornTimestamp: 1_700_000_000_000,
      bornHost: { host: '127.0.0.1', port: 40001 },
      storeTimestamp: 1_700_000_000_005,
      storeHost: { host: '127.0.0.1', port: 10911 },
      reconsumeTimes: 3,
    });
    expect(reply.body.equals(body)).toBe(true);
    expect(reply.properties['ARRIVE_TIME']).toBe('1234');
  });

  it('keeps a body that does not decompress as it came, and tolerates hosts that are no ip:port', () => {
    const reply = receivedReplyOfPush(replyHeader({}, { sysFlag: withCompression(0, 'ZLIB'), bornHost: 'somewhere', reconsumeTimes: undefined }), Buffer.from('plain'), 1, silentLogger);
    expect(reply.body.toString()).toBe('plain');
    expect(reply.bornHost).toBeUndefined();
    expect(reply.reconsumeTimes).toBe(0);
    expect(reply.correlationId).toBeUndefined();
  });
});

describe('RequestTable', () => {
  let now = 0;
  const tables: RequestTable[] = [];
  const table = (maxPending = 8, sweepIntervalMs = 60_000): RequestTable => {
    const created = new RequestTable({ maxPending, sweepIntervalMs, clock: () => now, logger: silentLogger });
    tables.push(created);
    return created;
  };
  const owner = {};
  afterEach(() => {
    for (const created of tables.splice(0)) created.close(new Error('test over'));
    now = 0;
  });

  it('settles an entry with the reply of its CORRELATION_ID, once, and forgets it', async () => {
    const requests = table();
    const waiting = requests.register({ correlationId: 'a', owner, timeoutMs: 1000, expiry: 'sweep', timeoutMessage: 't' });
    expect(requests.complete(replyOf('b'))).toBe(false);
    expect(requests.complete(replyOf('a', 'for-a'))).toBe(true);
    expect((await waiting).body.toString()).toBe('for-a');
    expect(requests.complete(replyOf('a'))).toBe(false);
    expect(requests.size).toBe(0);
  });

  it('sweeps entries older than their timeout (now - begin > timeout) with the sweep message', async () => {
    const requests = table();
    const old = requests.register({ correlationId: 'old', owner, timeoutMs: 100, expiry: 'sweep', timeoutMessage: 't' });
    now = 50;
    const young = requests.register({ correlationId: 'young', owner, timeoutMs: 100, expiry: 'sweep', timeoutMessage: 't' });
    now = 100;
    expect(requests.sweep()).toBe(0);
    now = 101;
    expect(requests.sweep()).toBe(1);
    await expect(old).rejects.toSatisfy((error: unknown) => error instanceof RequestTimeoutError && error.message === SWEPT_REQUEST_MESSAGE && error.responseCode === 10006);
    expect(requests.has('young')).toBe(true);
    requests.complete(replyOf('young'));
    await young;
  });

  it('rejects a deadline entry at its own timeout with its message', async () => {
    const requests = table();
    const waiting = requests.register({ correlationId: 'd', owner, timeoutMs: 30, expiry: 'deadline', timeoutMessage: 'wait reply message timeout, 30 ms.' });
    await expect(waiting).rejects.toSatisfy((error: unknown) => isRocketMQError(error, 'CLIENT_REQUEST_TIMEOUT') && (error as Error).message === 'wait reply message timeout, 30 ms.');
    expect(requests.size).toBe(0);
  });

  it('runs the sweep on its own timer while entries wait', async () => {
    const requests = new RequestTable({ maxPending: 8, sweepIntervalMs: 20, clock: Date.now, logger: silentLogger });
    tables.push(requests);
    await expect(requests.register({ correlationId: 's', owner, timeoutMs: 10, expiry: 'sweep', timeoutMessage: 't' })).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it('refuses entries past its bound and a CORRELATION_ID already waiting, before entering them', () => {
    const requests = table(2);
    void requests.register({ correlationId: '1', owner, timeoutMs: 1000, expiry: 'sweep', timeoutMessage: 't' }).catch(() => undefined);
    expect(() => requests.register({ correlationId: '1', owner, timeoutMs: 1000, expiry: 'sweep', timeoutMessage: 't' })).toThrow(/already waiting/);
    void requests.register({ correlationId: '2', owner, timeoutMs: 1000, expiry: 'sweep', timeoutMessage: 't' }).catch(() => undefined);
    expect(() => requests.register({ correlationId: '3', owner, timeoutMs: 1000, expiry: 'sweep', timeoutMessage: 't' })).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('at most 2') }),
    );
    expect(requests.size).toBe(2);
  });

  it('settles the entries of one owner, or all, with the given error', async () => {
    const requests = table();
    const other = {};
    const mine = requests.register({ correlationId: 'm', owner, timeoutMs: 1000, expiry: 'sweep', timeoutMessage: 't' });
    const theirs = requests.register({ correlationId: 'o', owner: other, timeoutMs: 1000, expiry: 'deadline', timeoutMessage: 't' });
    requests.settleOwner(owner, new Error('mine stopped'));
    await expect(mine).rejects.toThrow('mine stopped');
    expect(requests.has('o')).toBe(true);
    requests.fail('o', new Error('send failed'));
    await expect(theirs).rejects.toThrow('send failed');
    const last = requests.register({ correlationId: 'l', owner, timeoutMs: 1000, expiry: 'sweep', timeoutMessage: 't' });
    requests.close(new Error('closed'));
    await expect(last).rejects.toThrow('closed');
  });
});

type SendBehaviour = 'reply' | 'silent' | 'refuse' | 'hold';

/**
 * A RemotingServer on loopback acting as name server and broker for every topic: it
 * answers routes (4 queues on itself), heartbeats and sends, records each send, and
 * answers a request (a send carrying CORRELATION_ID) as `behaviour` says.
 */
class ReplyingBroker {
  readonly server = new RemotingServer();
  readonly sends: { code: number; header: SendMessageRequestHeaderV2; properties: Record<string, string>; body: Buffer }[] = [];
  readonly pushAnswers: RemotingCommand[] = [];
  behaviour: SendBehaviour = 'reply';
  /** Requests held back (behaviour 'hold'), answered later with `releaseHeld`. */
  private held: { connection: RemotingConnection; correlationId: string; body: Buffer }[] = [];
  address = '';
  private offset = 0;

  async start(): Promise<void> {
    this.server.registerHandler(RequestCode.GET_ROUTEINFO_BY_TOPIC, (request) => {
      const { topic } = GetRouteInfoRequestHeader.decode(request.extFields);
      if (topic === 'NO_ROUTE') return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: 'no route' });
      return createResponse(request, ResponseCode.SUCCESS, {
        body: encodeTopicRouteData({
          queueDatas: [{ brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }],
          brokerDatas: [{ cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: new Map([[0, this.address]]) }],
          filterServerTable: new Map(),
        }),
      });
    });
    this.server.registerHandler(RequestCode.HEART_BEAT, (request) => createResponse(request, ResponseCode.SUCCESS));
    this.server.registerHandler(RequestCode.UNREGISTER_CLIENT, (request) => createResponse(request, ResponseCode.SUCCESS));
    this.server.registerHandler(RequestCode.SEND_MESSAGE_V2, (request, connection) => this.onSend(request, connection));
    this.server.registerHandler(RequestCode.SEND_REPLY_MESSAGE_V2, (request, connection) => this.onSend(request, connection));
    const { host, port } = await this.server.listen();
    this.address = `${host}:${port}`;
  }

  private onSend(request: RemotingCommand, connection: RemotingConnection): RemotingCommand {
    const header = SendMessageRequestHeaderV2.decode(request.extFields);
    const properties = { ...decodeProperties(header.properties ?? '') };
    const body = request.body ?? Buffer.alloc(0);
    this.sends.push({ code: request.code, header, properties, body });
    const correlationId = properties[PropertyKey.CORRELATION_ID];
    if (this.behaviour === 'refuse') return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'refused by the test' });
    if (correlationId !== undefined && request.code === RequestCode.SEND_MESSAGE_V2) {
      if (this.behaviour === 'reply') setImmediate(() => void this.push(connection, correlationId, Buffer.concat([Buffer.from('reply to '), body])));
      if (this.behaviour === 'hold') this.held.push({ connection, correlationId, body });
    }
    const queueOffset = this.offset++;
    return createResponse(request, ResponseCode.SUCCESS, {
      extFields: SendMessageResponseHeader.encode({ msgId: createOffsetMessageId({ host: '127.0.0.1', port: 10911 }, queueOffset * 100), queueId: header.queueId, queueOffset }),
    });
  }

  /** Pushes a reply with `correlationId` on `connection`; resolves with the client's answer. */
  async push(connection: RemotingConnection, correlationId: string, body: Buffer, extra: Record<string, string> = {}): Promise<RemotingCommand> {
    const header = replyHeader({ [PropertyKey.CORRELATION_ID]: correlationId, [PropertyKey.MESSAGE_TYPE]: 'reply', CLUSTER: 'DefaultCluster', ...extra });
    const answer = await connection.invoke(createRequest(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, { extFields: ReplyMessageRequestHeader.encode(header), body }), 3000);
    this.pushAnswers.push(answer);
    return answer;
  }

  heldCount(): number {
    return this.held.length;
  }

  /** Answers the held requests, last first. */
  async releaseHeldReversed(): Promise<void> {
    const held = this.held.reverse();
    this.held = [];
    for (const { connection, correlationId, body } of held) await this.push(connection, correlationId, Buffer.concat([Buffer.from('reply to '), body]));
  }

  anyConnection(): RemotingConnection {
    const [connection] = this.server.connections;
    if (connection === undefined) throw new Error('no client connected');
    return connection;
  }

  async stop(): Promise<void> {
    await this.server.close();
  }
}

describe('request/reply against a loopback broker', () => {
  let broker: ReplyingBroker;
  let producer: Producer;

  beforeAll(async () => {
    broker = new ReplyingBroker();
    await broker.start();
    producer = new Producer({ producerGroup: 'PG_REQUESTER', namesrvAddr: broker.address });
    await producer.start();
  });

  afterEach(() => {
    broker.behaviour = 'reply';
    broker.sends.length = 0;
    broker.pushAnswers.length = 0;
  });

  afterAll(async () => {
    await producer?.shutdown();
    await broker?.stop();
  });

  it('request resolves with the pushed reply; the request carries CORRELATION_ID, REPLY_TO_CLIENT and TTL', async () => {
    const reply = await producer.request({ topic: 'RPC', body: 'ping', tags: 'T' }, 5000);
    expect(reply.body.toString()).toBe('reply to ping');
    const [sent] = broker.sends;
    expect(sent?.code).toBe(RequestCode.SEND_MESSAGE_V2);
    expect(sent?.properties).toMatchObject({ REPLY_TO_CLIENT: producer.instance.clientId, TTL: '5000', TAGS: 'T' });
    expect(sent?.properties['CORRELATION_ID']).toMatch(UUID);
    expect(sent?.properties['MSG_TYPE']).toBeUndefined();
    expect(reply.correlationId).toBe(sent?.properties['CORRELATION_ID']);
    expect(reply.properties).toMatchObject({ MSG_TYPE: 'reply', CLUSTER: 'DefaultCluster' });
    expect(Number(reply.properties['ARRIVE_TIME'])).toBeGreaterThan(0);
    await eventually(() => broker.pushAnswers.length === 1);
    expect(broker.pushAnswers[0]).toMatchObject({ code: ResponseCode.SUCCESS, remark: null });
    expect(producer.instance.requests.size).toBe(0);
  });

  it('a request nobody answers rejects with RequestTimeoutError (10006) after its timeout', async () => {
    broker.behaviour = 'silent';
    const begin = Date.now();
    const error: unknown = await producer.request({ topic: 'RPC', body: 'anyone?' }, 300).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(Date.now() - begin).toBeGreaterThanOrEqual(290);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ code: 'CLIENT_REQUEST_TIMEOUT', responseCode: 10006, message: 'send request message to <RPC> OK, but wait reply message timeout, 300 ms.' });
    expect(producer.instance.requests.size).toBe(0);
  });

  it('a reply that comes after the timeout is answered SUCCESS and dropped', async () => {
    broker.behaviour = 'silent';
    await expect(producer.request({ topic: 'RPC', body: 'late' }, 100)).rejects.toBeInstanceOf(RequestTimeoutError);
    const correlationId = broker.sends[0]?.properties['CORRELATION_ID'] ?? '';
    const answer = await broker.push(broker.anyConnection(), correlationId, Buffer.from('too late'));
    expect(answer).toMatchObject({ code: ResponseCode.SUCCESS, remark: null });
  });

  it('answers an unknown CORRELATION_ID with SUCCESS, a reply without a readable header with an error', async () => {
    expect((await broker.push(broker.anyConnection(), 'nobody-waits', Buffer.from('x'))).code).toBe(ResponseCode.SUCCESS);
    const bad = await broker.anyConnection().invoke(createRequest(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, { extFields: { topic: 'X' }, body: Buffer.from('x') }), 3000);
    expect(bad.code).not.toBe(ResponseCode.SUCCESS);
  });

  it('requestAsync gives the reply to onSuccess, and an expiry to onException from the sweep', async () => {
    const outcomes: string[] = [];
    const callback = {
      onSuccess: (reply: ReceivedReply) => outcomes.push(`ok:${reply.body.toString()}`),
      onException: (error: unknown) => outcomes.push(`error:${(error as Error).message}`),
    };
    const reply = await producer.requestAsync({ topic: 'RPC', body: 'async' }, callback, 5000);
    expect(reply.body.toString()).toBe('reply to async');
    await eventually(() => outcomes.length === 1);
    expect(outcomes).toEqual(['ok:reply to async']);

    broker.behaviour = 'silent';
    const begin = Date.now();
    await expect(producer.requestAsync({ topic: 'RPC', body: 'lost' }, callback, 200)).rejects.toThrow(SWEPT_REQUEST_MESSAGE);
    expect(Date.now() - begin).toBeGreaterThanOrEqual(190);
    await eventually(() => outcomes.length === 2);
    expect(outcomes[1]).toBe(`error:${SWEPT_REQUEST_MESSAGE}`);
  });

  it('several requests in flight each get their own reply, whatever the order of the replies', async () => {
    broker.behaviour = 'hold';
    const bodies = ['a', 'b', 'c', 'd', 'e'];
    const waiting = bodies.map((body) => producer.request({ topic: 'RPC', body }, 10_000));
    await eventually(() => broker.heldCount() === bodies.length);
    expect(producer.instance.requests.size).toBe(bodies.length);
    await broker.releaseHeldReversed();
    const replies = await Promise.all(waiting);
    expect(replies.map((reply) => reply.body.toString())).toEqual(bodies.map((body) => `reply to ${body}`));
  });

  it('sends a request to the queue given or chosen by a selector', async () => {
    await producer.request({ topic: 'RPC', body: 'q' }, { topic: 'RPC', brokerName: 'broker-a', queueId: 3 }, 5000);
    await producer.request({ topic: 'RPC', body: 's' }, { selector: selectMessageQueueByHash, arg: 2 }, 5000);
    await producer.requestAsync({ topic: 'RPC', body: 'as' }, { selector: { select: (queues) => queues[1] } }, undefined, 5000);
    expect(broker.sends.map((sent) => sent.header.queueId)).toEqual([3, 2, 1]);
  });

  it('a request that cannot be sent rejects at once with CLIENT_SEND_FAILED (the broker error as cause)', async () => {
    broker.behaviour = 'refuse';
    const error: unknown = await producer.request({ topic: 'RPC', body: 'no' }, 10_000).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toMatchObject({ code: 'CLIENT_SEND_FAILED', message: 'send request message to <RPC> fail' });
    expect((error as Error).cause).toMatchObject({ code: 'BROKER_ERROR', responseCode: ResponseCode.SYSTEM_ERROR });
    const raw: unknown = await producer.requestAsync({ topic: 'RPC', body: 'no' }, undefined, 10_000).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(raw).toMatchObject({ code: 'BROKER_ERROR' });
    expect(producer.instance.requests.size).toBe(0);
  });

  it('refuses a timeout that is not a positive integer', async () => {
    await expect(producer.request({ topic: 'RPC', body: 'x' }, 0)).rejects.toMatchObject({ code: 'CLIENT_ILLEGAL_ARGUMENT' });
    await expect(producer.request({ topic: 'RPC', body: 'x' }, Number.NaN)).rejects.toMatchObject({ code: 'CLIENT_ILLEGAL_ARGUMENT' });
  });

  it('sends a reply made by createReplyMessage with SEND_REPLY_MESSAGE_V2 and its reserved properties; a plain message still with 310', async () => {
    const request = { properties: { CLUSTER: 'DefaultCluster', CORRELATION_ID: 'cid-1', REPLY_TO_CLIENT: 'requester@1', TTL: '3000' } };
    const result = await producer.send({ ...createReplyMessage(request, 'answer'), keys: 'k1' });
    expect(result.sendStatus).toBe('SEND_OK');
    await producer.sendOneway(createReplyMessage(request, 'oneway answer'));
    await producer.send({ topic: 'Plain', body: 'p' });
    await eventually(() => broker.sends.length === 3);
    const [reply, oneway, plain] = broker.sends;
    expect(reply).toMatchObject({ code: RequestCode.SEND_REPLY_MESSAGE_V2, header: { topic: 'DefaultCluster_REPLY_TOPIC' } });
    expect(reply?.properties).toMatchObject({ MSG_TYPE: 'reply', CORRELATION_ID: 'cid-1', REPLY_TO_CLIENT: 'requester@1', TTL: '3000', KEYS: 'k1' });
    expect(reply?.body.toString()).toBe('answer');
    expect(oneway?.code).toBe(RequestCode.SEND_REPLY_MESSAGE_V2);
    expect(plain?.code).toBe(RequestCode.SEND_MESSAGE_V2);
    expect(plain?.properties['MSG_TYPE']).toBeUndefined();
  });

  it('an application may not set the reserved properties itself', async () => {
    await expect(producer.request({ topic: 'RPC', body: 'x', properties: { CORRELATION_ID: 'mine' } }, 1000)).rejects.toMatchObject({ code: 'CLIENT_MESSAGE_ILLEGAL' });
  });

  it('shutdown settles every request still waiting', async () => {
    const other = new Producer({ producerGroup: 'PG_REQUESTER_SHUTDOWN', namesrvAddr: broker.address });
    await other.start();
    broker.behaviour = 'silent';
    const waiting = other.request({ topic: 'RPC', body: 'pending' }, 60_000);
    const settled = waiting.then(
      () => 'resolved',
      (error: unknown) => (error as MQClientError).code,
    );
    await eventually(() => broker.sends.length === 1 && other.instance.requests.size === 1);
    await other.shutdown();
    expect(await settled).toBe('CLIENT_STATE');
    expect(other.instance.requests.size).toBe(0);
    await expect(other.request({ topic: 'RPC', body: 'after' }, 1000)).rejects.toMatchObject({ code: 'CLIENT_STATE' });
  });
});
