/**
 * Request/reply end to end against an embedded name server and broker: a requester
 * Producer, and a replier — a PushConsumer whose listener answers each request with
 * createReplyMessage + send (SEND_REPLY_MESSAGE_V2) — as RocketMQ's rpc example does. The
 * broker pushes each reply (PUSH_REPLY_MESSAGE_TO_CLIENT) to the requester.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsumeConcurrentlyStatus } from '../../src/client/consumer/message-listener.js';
import type { PushConsumer } from '../../src/client/consumer/push-consumer.js';
import { RequestTimeoutError } from '../../src/client/errors.js';
import type { MessageExt } from '../../src/client/message/message-ext.js';
import { Producer } from '../../src/client/producer/producer.js';
import { createReplyMessage, type ReceivedReply } from '../../src/client/producer/reply-message.js';
import { SWEPT_REQUEST_MESSAGE } from '../../src/client/producer/request-table.js';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../src/testing/index.js';
import { eventually } from './support/cluster.js';
import { pushConsumer } from './support/consumers.js';

const TOPIC = 'RPC_E2E';
const SILENT_TOPIC = 'RPC_E2E_NOBODY';
const BIG = 'b'.repeat(20_000);

describe('request/reply through an embedded broker', () => {
  let cluster: EmbeddedCluster;
  let requester: Producer;
  let replier: Producer;
  let consumer: PushConsumer;
  const requestsSeen: MessageExt[] = [];

  beforeAll(async () => {
    cluster = await startEmbeddedCluster({});
    await cluster.createTopic(TOPIC, { queueNums: 4 });
    await cluster.createTopic(SILENT_TOPIC, { queueNums: 1 });
    replier = new Producer({ producerGroup: 'PG_E2E_REPLIER', namesrvAddr: cluster.namesrvAddr });
    await replier.start();
    consumer = pushConsumer(cluster.namesrvAddr, { consumerGroup: 'CG_E2E_REPLIER', subscription: { [TOPIC]: '*' } }, {
      consumeConcurrently: async (msgs) => {
        for (const msg of msgs) {
          requestsSeen.push(msg);
          const text = msg.body.toString();
          await replier.send(createReplyMessage(msg, text === 'big' ? BIG : `reply to ${text}`));
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
      },
    });
    await consumer.start();
    await eventually(() => consumer.assignment().filter((mq) => mq.topic === TOPIC).length === 4);
    requester = new Producer({ producerGroup: 'PG_E2E_REQUESTER', namesrvAddr: cluster.namesrvAddr });
    await requester.start();
  });

  afterAll(async () => {
    await requester?.shutdown();
    await consumer?.shutdown();
    await replier?.shutdown();
    await cluster?.stop();
  });

  it('request resolves with the reply body and properties', async () => {
    const reply = await requester.request({ topic: TOPIC, body: 'ping', keys: 'k-ping' }, 10_000);
    expect(reply.body.toString()).toBe('reply to ping');
    expect(reply.topic).toBe('DefaultCluster_REPLY_TOPIC');
    expect(reply.properties).toMatchObject({ MSG_TYPE: 'reply', REPLY_TO_CLIENT: requester.instance.clientId, TTL: '10000' });
    expect(reply.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.bornHost?.host).toBeDefined();
    const request = requestsSeen.find((msg) => msg.keys === 'k-ping');
    expect(request?.properties).toMatchObject({ CORRELATION_ID: reply.correlationId, REPLY_TO_CLIENT: requester.instance.clientId, TTL: '10000', CLUSTER: 'DefaultCluster' });
    expect(requester.instance.requests.size).toBe(0);
  });

  it('a compressed reply reaches the requester decompressed', async () => {
    const reply = await requester.request({ topic: TOPIC, body: 'big' }, 10_000);
    expect(reply.body.toString()).toBe(BIG);
  });

  it('a request nobody answers rejects with RequestTimeoutError after its timeout', async () => {
    const begin = Date.now();
    const error: unknown = await requester.request({ topic: SILENT_TOPIC, body: 'anyone?' }, 800).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(Date.now() - begin).toBeGreaterThanOrEqual(790);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ responseCode: 10006, message: `send request message to <${SILENT_TOPIC}> OK, but wait reply message timeout, 800 ms.` });
  });

  it('requestAsync hands the reply to the callback (and a timeout to onException)', async () => {
    const outcomes: string[] = [];
    const callback = {
      onSuccess: (reply: ReceivedReply) => outcomes.push(`ok:${reply.body.toString()}`),
      onException: (error: unknown) => outcomes.push(`error:${(error as Error).message}`),
    };
    void requester.requestAsync({ topic: TOPIC, body: 'async' }, callback, 10_000).catch(() => undefined);
    void requester.requestAsync({ topic: SILENT_TOPIC, body: 'lost' }, callback, 500).catch(() => undefined);
    await eventually(() => outcomes.length === 2);
    expect(outcomes.sort()).toEqual([`error:${SWEPT_REQUEST_MESSAGE}`, 'ok:reply to async']);
  });

  it('several requests in flight each get their own reply', async () => {
    const bodies = Array.from({ length: 20 }, (_, index) => `n${index}`);
    const replies = await Promise.all(bodies.map((body) => requester.request({ topic: TOPIC, body }, 15_000)));
    expect(replies.map((reply) => reply.body.toString())).toEqual(bodies.map((body) => `reply to ${body}`));
    expect(new Set(replies.map((reply) => reply.correlationId)).size).toBe(bodies.length);
  });
});
