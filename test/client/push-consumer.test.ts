/**
 * The push consumer against an embedded name server and broker (delay levels of 10 ms …
 * 180 ms, so that retries come back at once): concurrent consumption, tag filters, batch
 * sizes and the concurrency limit, every way a listener can fail (RECONSUME_LATER, a
 * throw, no answer before consumeTimeout), the dead-letter queue, the send-back fallbacks,
 * start positions, committed offsets, flow control, suspend/resume, and what the broker
 * relays to the consumer (running info, consume directly, offset reset).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageExt } from '../../src/client/message/message-ext.js';
import { ConsumeConcurrentlyStatus } from '../../src/client/consumer/message-listener.js';
import { formatConsumeTimestamp } from '../../src/client/consumer/consume-from-where.js';
import type { PushConsumer } from '../../src/client/consumer/push-consumer.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { decodeProperties } from '../../src/protocol/message/properties.js';
import type { RemotingCommand } from '../../src/remoting/remoting-command.js';
import { LocalFileOffsetStore } from '../../src/client/consumer/offset-store/local-file-offset-store.js';
import { eventually } from './support/cluster.js';
import { useClientTestBed } from './support/test-bed.js';
import { Received, pushConsumer, sendNumbered, sleep } from './support/consumers.js';

const bed = useClientTestBed({ fastDelayLevels: true });
let offsetsDir: string;

beforeAll(() => {
  offsetsDir = join(bed.cluster.dir, 'offsets');
});

async function topic(name: string, queueNums = 4): Promise<string> {
  await bed.cluster.createTopic(name, { queueNums });
  return name;
}

describe('concurrently', () => {
  it('every message reaches the listener once, with its body, tags, keys and properties, and the offsets are committed', async () => {
    const t = await topic('PushAll');
    for (let n = 0; n < 40; n++) await bed.producer.send({ topic: t, body: `m${n}`, tags: 'TagA', keys: [`k${n}`], properties: { n: String(n) } });
    const received = new Received();
    const consumer = await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_ALL', subscription: { [t]: '*' } }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.distinct === 40);
    expect(received.duplicates()).toBe(0);
    const first = received.deliveries.find((msg) => msg.body.toString() === 'm7') as MessageExt;
    expect(first).toMatchObject({ topic: t, tags: 'TagA', keys: 'k7', reconsumeTimes: 0 });
    expect(first.properties['n']).toBe('7');
    expect(Number(first.properties['CONSUME_START_TIME'])).toBeGreaterThan(0);
    await eventually(async () => {
      const stats = await bed.admin.examineConsumeStats('CG_ALL', t);
      return [...stats.offsetTable.values()].reduce((sum, wrapper) => sum + wrapper.consumerOffset, 0) === 40;
    });
    expect(consumer.assignment().filter((mq) => mq.topic === t)).toHaveLength(4);
  });

  it('a tag expression delivers only those tags', async () => {
    const t = await topic('PushTags', 2);
    for (let n = 0; n < 30; n++) await bed.producer.send({ topic: t, body: `m${n}`, tags: ['TagA', 'TagB', 'TagC'][n % 3] as string });
    const received = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_TAGS', subscription: { [t]: 'TagA || TagC' } }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.distinct === 20);
    await sleep(200);
    expect(received.deliveries.every((msg) => msg.tags === 'TagA' || msg.tags === 'TagC')).toBe(true);
    expect(received.distinct).toBe(20);
  });

  it('consumeMessageBatchMaxSize bounds each call, consumeThreadMax bounds the calls at once', async () => {
    const t = await topic('PushBatch', 4);
    await sendNumbered(bed.producer, t, 80);
    const received = new Received();
    let active = 0;
    let most = 0;
    let largest = 0;
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_BATCH', subscription: { [t]: '*' }, consumeMessageBatchMaxSize: 5, consumeThreadMin: 1, consumeThreadMax: 3 }, {
        consumeConcurrently: async (msgs) => {
          active++;
          most = Math.max(most, active);
          largest = Math.max(largest, msgs.length);
          await sleep(5);
          received.add(msgs);
          active--;
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.distinct === 80);
    expect(largest).toBeGreaterThan(1);
    expect(largest).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('ackIndex acknowledges the head of a batch; the rest comes back through the retry topic', async () => {
    const t = await topic('PushAck', 1);
    await sendNumbered(bed.producer, t, 4);
    const received = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_ACK', subscription: { [t]: '*' }, consumeMessageBatchMaxSize: 4 }, {
        consumeConcurrently: async (msgs, context) => {
          received.add(msgs);
          if (msgs.length === 4) context.ackIndex = 1;
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.deliveries.length === 6);
    const retried = received.deliveries.slice(4);
    expect(retried.map((msg) => msg.body.toString()).sort()).toEqual(['m2', 'm3']);
    expect(retried.every((msg) => msg.reconsumeTimes === 1 && msg.topic === t)).toBe(true);
  });
  it('a subscribed topic created after start is consumed at the next rebalance, not at the next route poll', async () => {
    const t = 'PushLateTopic';
    const received = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_LATE_TOPIC', subscription: { [t]: '*' }, pollNameServerInterval: 3_600_000, instanceName: 'late-topic' }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await sleep(200); // past the client's first route refresh, 10 ms after start
    await topic(t, 2);
    await sendNumbered(bed.producer, t, 3, 'late');
    await eventually(() => received.distinct === 3);
    expect(received.bodies().sort()).toEqual(['late0', 'late1', 'late2']);
  });
});

describe('when the listener fails', () => {
  it('RECONSUME_LATER: the message comes back from %RETRY%<group> with reconsumeTimes 1, under its own topic and id', async () => {
    const t = await topic('PushLater', 2);
    const [sent] = await sendNumbered(bed.producer, t, 1, 'later');
    const received = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_LATER', subscription: { [t]: '*' } }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return received.deliveries.length === 1 ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS';
        },
      }),
    );
    await eventually(() => received.deliveries.length === 2);
    const [first, second] = received.deliveries as [MessageExt, MessageExt];
    expect(first.reconsumeTimes).toBe(0);
    expect(second).toMatchObject({ topic: t, reconsumeTimes: 1, msgId: sent?.msgId });
    expect(second.properties['RETRY_TOPIC']).toBe(t);
    expect(second.properties['ORIGIN_MESSAGE_ID']).toBeDefined();
  });

  it('a listener that throws counts as RECONSUME_LATER', async () => {
    const t = await topic('PushThrow', 2);
    await sendNumbered(bed.producer, t, 3, 'throw');
    const received = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_THROW', subscription: { [t]: '*' } }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          if (msgs.some((msg) => msg.body.toString() === 'throw1' && msg.reconsumeTimes === 0)) throw new Error('boom');
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.deliveries.length === 4);
    expect(received.counts.get('throw1')).toBe(2);
    expect(received.deliveries.filter((msg) => msg.reconsumeTimes === 1).map((msg) => msg.body.toString())).toEqual(['throw1']);
  });

  it('a listener that never answers times out after consumeTimeout: its message is sent back, the others keep flowing', async () => {
    const t = await topic('PushHang', 1);
    await sendNumbered(bed.producer, t, 5, 'hang');
    const received = new Received();
    const consumer = await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_HANG', subscription: { [t]: '*' }, consumeTimeout: 0.005, consumeThreadMin: 2, consumeThreadMax: 2 }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          if (msgs[0]?.body.toString() === 'hang0' && msgs[0].reconsumeTimes === 0) return new Promise(() => undefined);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.deliveries.length === 6);
    const again = received.deliveries.filter((msg) => msg.body.toString() === 'hang0');
    expect(again.map((msg) => msg.reconsumeTimes)).toEqual([0, 1]);
    const info = await bed.admin.getConsumerRunningInfo('CG_HANG', consumer.instance.clientId);
    expect(info.json['properties']).toMatchObject({ consumeTimeout: '0.005' });
  });

  it('after maxReconsumeTimes failures the broker moves the message to %DLQ%<group>', async () => {
    const t = await topic('PushDlq', 1);
    await sendNumbered(bed.producer, t, 1, 'dead');
    const received = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_DLQ', subscription: { [t]: '*' }, maxReconsumeTimes: 2 }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return 'RECONSUME_LATER';
        },
      }),
    );
    await eventually(async () => {
      const stats = await bed.admin.examineTopicStats('%DLQ%CG_DLQ').catch(() => null);
      return stats !== null && [...stats.offsetTable.values()].some((offset) => offset.maxOffset === 1);
    });
    expect(received.deliveries.map((msg) => msg.reconsumeTimes)).toEqual([0, 1, 2]);
  });

  it('when CONSUMER_SEND_MSG_BACK fails the inner bed.producer re-sends the message to %RETRY%<group>', async () => {
    const t = await topic('PushResend', 1);
    await sendNumbered(bed.producer, t, 1, 'resend');
    const received = new Received();
    const sendBacks: number[] = [];
    const retrySends: Record<string, string>[] = [];
    const hook = {
      beforeRequest: (_address: string, request: RemotingCommand): void => {
        if (request.code === RequestCode.CONSUMER_SEND_MSG_BACK) {
          sendBacks.push(request.code);
          throw new Error('send back refused by the test');
        }
        if (request.code === RequestCode.SEND_MESSAGE_V2 && request.extFields?.['b'] === '%RETRY%CG_RESEND') retrySends.push({ ...request.extFields });
      },
    };
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_RESEND', subscription: { [t]: '*' }, rpcHook: hook }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return received.deliveries.length === 1 ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS';
        },
      }),
    );
    await eventually(() => received.deliveries.length === 2);
    expect(sendBacks).toHaveLength(1);
    expect(retrySends).toHaveLength(1);
    const header = retrySends[0] as Record<string, string>;
    expect(header).toMatchObject({ j: '1', l: '16' });
    const properties = decodeProperties(header['i'] ?? '');
    expect(properties).toMatchObject({ RETRY_TOPIC: t, DELAY: '3' });
    expect(properties['RECONSUME_TIME']).toBeUndefined();
    expect(received.deliveries[1]).toMatchObject({ topic: t, reconsumeTimes: 1 });
  });

  it('when the re-send fails as well the message is consumed again locally', async () => {
    const t = await topic('PushLocal', 1);
    await sendNumbered(bed.producer, t, 1, 'local');
    const received = new Received();
    const times: number[] = [];
    const hook = {
      beforeRequest: (_address: string, request: RemotingCommand): void => {
        if (request.code === RequestCode.CONSUMER_SEND_MSG_BACK) throw new Error('send back refused');
        if (request.code === RequestCode.SEND_MESSAGE_V2 && request.extFields?.['b'] === '%RETRY%CG_LOCAL') throw new Error('re-send refused');
      },
    };
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_LOCAL', subscription: { [t]: '*' }, rpcHook: hook, localRetryDelayMillis: 50 }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          times.push(...msgs.map((msg) => msg.reconsumeTimes));
          return received.deliveries.length < 3 ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS';
        },
      }),
    );
    await eventually(() => received.deliveries.length === 3);
    expect(times).toEqual([0, 1, 2]);
    expect(received.deliveries.every((msg) => msg.queueOffset === 0 && msg.topic === t)).toBe(true);
  });
});

describe('where a new group starts (consumeFromWhere)', () => {
  it('with no stored offset: FIRST_OFFSET reads the backlog, LAST_OFFSET only what comes after, TIMESTAMP from that time', async () => {
    const t = await topic('PushWhere', 1);
    await sendNumbered(bed.producer, t, 3, 'old');
    // consumeTimestamp has whole seconds: wait for a second boundary at least 1.5 s after the
    // old messages (checked on Date.now(), which the broker's store times use), so that the
    // messages sent right after it are the closest to it.
    const middle = Math.ceil((Date.now() + 1500) / 1000) * 1000;
    while (Date.now() < middle) await sleep(middle - Date.now());
    await sleep(100);
    await sendNumbered(bed.producer, t, 2, 'mid');
    const results = new Map<string, Received>();
    const consumers: PushConsumer[] = [];
    for (const where of ['CONSUME_FROM_FIRST_OFFSET', 'CONSUME_FROM_LAST_OFFSET', 'CONSUME_FROM_TIMESTAMP'] as const) {
      const received = new Received();
      results.set(where, received);
      const group = `CG_${where}`;
      // A local offset store that knows nothing: readOffset answers -1, as the broker's 22 QUERY_NOT_FOUND would.
      const offsetStore = new LocalFileOffsetStore({ dir: offsetsDir, clientId: 'where', group });
      const options = { consumerGroup: group, subscription: { [t]: '*' }, consumeFromWhere: where, consumeTimestamp: formatConsumeTimestamp(middle), offsetStore };
      consumers.push(await bed.start(pushConsumer(bed.cluster.namesrvAddr, options, { consumeConcurrently: (msgs) => (received.add(msgs), 'CONSUME_SUCCESS') })));
    }
    await eventually(() => consumers.every((consumer) => consumer.assignment().some((mq) => mq.topic === t)));
    await sleep(300);
    await sendNumbered(bed.producer, t, 1, 'new');
    await eventually(() => [...results.values()].every((received) => received.counts.has('new0')));
    await sleep(200);
    expect(results.get('CONSUME_FROM_FIRST_OFFSET')?.bodies()).toEqual(['old0', 'old1', 'old2', 'mid0', 'mid1', 'new0']);
    expect(results.get('CONSUME_FROM_LAST_OFFSET')?.bodies()).toEqual(['new0']);
    expect(results.get('CONSUME_FROM_TIMESTAMP')?.bodies()).toEqual(['mid0', 'mid1', 'new0']);
  });

  it('with the broker\'s offsets, a new group reads a queue that still starts at 0 from 0 whatever consumeFromWhere says (RocketMQ 4.9.8)', async () => {
    const t = await topic('PushLast', 1);
    await sendNumbered(bed.producer, t, 3, 'before');
    const received = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_LAST', subscription: { [t]: '*' }, consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET' }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.distinct === 3);
    expect(received.bodies()).toEqual(['before0', 'before1', 'before2']);
  });
});

describe('offsets', () => {
  it('a member that shuts down commits its offsets; the next member of the group goes on from there', async () => {
    const t = await topic('PushResume', 2);
    await sendNumbered(bed.producer, t, 10, 'a');
    const first = new Received();
    const one = await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_RESUME', subscription: { [t]: '*' } }, {
        consumeConcurrently: (msgs) => {
          first.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => first.distinct === 10);
    await bed.stop(one);
    await sendNumbered(bed.producer, t, 5, 'b');
    const second = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_RESUME', subscription: { [t]: '*' } }, {
        consumeConcurrently: (msgs) => {
          second.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => second.distinct === 5);
    await sleep(200);
    expect(second.bodies().sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
  });

  it('flow control: a queue caches at most pullThresholdForQueue messages (plus one pull)', async () => {
    const t = await topic('PushFlow', 1);
    await sendNumbered(bed.producer, t, 60, 'f');
    const received = new Received();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const consumer = await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_FLOW', subscription: { [t]: '*' }, pullThresholdForQueue: 10, pullBatchSize: 4, consumeThreadMin: 1, consumeThreadMax: 1 }, {
        consumeConcurrently: async (msgs) => {
          await gate;
          received.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => consumer.assignment().some((mq) => mq.topic === t));
    await sleep(300);
    const info = await bed.admin.getConsumerRunningInfo('CG_FLOW', consumer.instance.clientId);
    const table = info.json['mqTable'] as Record<string, { cachedMsgCount: number }>;
    const cached = Object.entries(table).find(([key]) => key.includes(t))?.[1]?.cachedMsgCount ?? -1;
    expect(cached).toBeGreaterThan(0);
    expect(cached).toBeLessThanOrEqual(10 + 4);
    release();
    await eventually(() => received.distinct === 60);
  });

  it('suspend stops the pulls; resume brings them back', async () => {
    const t = await topic('PushPause', 1);
    const received = new Received();
    const consumer = await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_PAUSE', subscription: { [t]: '*' }, brokerSuspendMaxTimeMillis: 300 }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => consumer.assignment().some((mq) => mq.topic === t));
    consumer.suspend();
    await sleep(500);
    await sendNumbered(bed.producer, t, 3, 'p');
    await sleep(1200);
    expect(received.distinct).toBe(0);
    consumer.resume();
    await eventually(() => received.distinct === 3);
  });
});

describe('what brokers relay to the consumer', () => {
  it('GET_CONSUMER_RUNNING_INFO: properties, subscriptions (with %RETRY%), process queues and consume status', async () => {
    const t = await topic('PushInfo', 2);
    await sendNumbered(bed.producer, t, 4, 'i', { tags: 'TagX' });
    const received = new Received();
    const consumer = await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_INFO', subscription: { [t]: 'TagX || TagY' } }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.distinct === 4);
    const connection = await bed.admin.examineConsumerConnectionInfo('CG_INFO');
    expect(connection.connectionSet.map((c) => c.clientId)).toContain(consumer.instance.clientId);
    const info = await bed.admin.getConsumerRunningInfo('CG_INFO', consumer.instance.clientId, true);
    const properties = info.json['properties'] as Record<string, string>;
    expect(properties).toMatchObject({
      consumerGroup: 'CG_INFO',
      messageModel: 'CLUSTERING',
      PROP_CONSUMEORDERLY: 'false',
      PROP_CONSUME_TYPE: 'CONSUME_PASSIVELY',
      PROP_CLIENT_VERSION: 'V4_9_8',
      PROP_THREADPOOL_CORE_SIZE: '20',
      PROP_NAMESERVER_ADDR: `${bed.cluster.namesrvAddr};`,
    });
    const topics = (info.json['subscriptionSet'] as { topic: string }[]).map((s) => s.topic).sort();
    expect(topics).toEqual(['%RETRY%CG_INFO', t]);
    const queues = Object.keys(info.json['mqTable'] as object).filter((key) => key.includes(t));
    expect(queues).toHaveLength(2);
    expect(Object.keys(info.json['statusTable'] as object)).toContain(t);
    expect(typeof info.json['jstack']).toBe('string');
  });

  it('CONSUME_MESSAGE_DIRECTLY: the listener gets the message now and the result comes back', async () => {
    const t = await topic('PushDirect', 1);
    const seen: string[] = [];
    const consumer = await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_DIRECT', subscription: { [t]: '*' }, consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET' }, {
        consumeConcurrently: (msgs) => {
          seen.push(...msgs.map((msg) => msg.body.toString()));
          return msgs.some((msg) => msg.body.toString() === 'direct-later') ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS';
        },
      }),
    );
    const [ok] = await sendNumbered(bed.producer, t, 1, 'direct-ok');
    await eventually(() => seen.length === 1);
    const result = await bed.admin.consumeMessageDirectly('CG_DIRECT', consumer.instance.clientId, t, ok?.msgId ?? '');
    expect(result).toMatchObject({ consumeResult: 'CR_SUCCESS', order: false, autoCommit: true });
    expect(seen).toEqual(['direct-ok0', 'direct-ok0']);
  });

  it('a reset of the group\'s offsets (mqadmin resetOffsetByTime) makes the member read the topic again', async () => {
    const t = await topic('PushReset', 2);
    const begin = Date.now() - 1000;
    await sendNumbered(bed.producer, t, 6, 'r');
    const received = new Received();
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_RESET', subscription: { [t]: '*' } }, {
        consumeConcurrently: (msgs) => {
          received.add(msgs);
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        },
      }),
    );
    await eventually(() => received.distinct === 6);
    await eventually(async () => {
      const stats = await bed.admin.examineConsumeStats('CG_RESET', t);
      return [...stats.offsetTable.values()].reduce((sum, wrapper) => sum + wrapper.consumerOffset, 0) === 6;
    });
    const offsets = await bed.admin.resetOffsetByTimestamp(t, 'CG_RESET', begin, true);
    expect([...offsets.values()].every((offset) => offset === 0)).toBe(true);
    await eventually(() => received.deliveries.length === 12, 15_000);
    expect([...received.counts.values()].every((count) => count === 2)).toBe(true);
  });
});
