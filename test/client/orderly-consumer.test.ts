/**
 * Orderly push consumers against an embedded broker: messages sent with one sharding key
 * (selectMessageQueueByHash) reach the listener in the order they were sent, one batch
 * of a queue at a time, under a broker lock; a failing batch is retried in place; a
 * message that keeps failing reaches the DLQ through the retry topic. (A second member
 * joining mid-stream, in its own process: group-processes.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { ConsumeOrderlyStatus } from '../../src/client/consumer/message-listener.js';
import { eventually } from './support/cluster.js';
import { useClientTestBed } from './support/test-bed.js';
import { ORDERLY, orderViolations, Received, pushConsumer, sendKeyed, sleep } from './support/consumers.js';

const bed = useClientTestBed({ fastDelayLevels: true }, 'PG_ORDERLY');

describe('orderly consumption', () => {
  it('each key\'s messages arrive in the order sent, under a broker lock of their queue', async () => {
    await bed.cluster.createTopic('OrderlyKeys', { queueNums: 4 });
    const keys = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5', 'order-6'];
    await sendKeyed(bed.producer, 'OrderlyKeys', keys, 20);
    const received = new Received();
    let concurrentPerQueue = 0;
    const active = new Set<number>();
    const consumer = await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_ORDERLY_KEYS', subscription: { OrderlyKeys: '*' }, consumeMessageBatchMaxSize: 3, ...ORDERLY }, {
        consumeOrderly: async (msgs) => {
          const queueId = msgs[0]?.queueId ?? -1;
          if (active.has(queueId)) concurrentPerQueue++;
          active.add(queueId);
          await sleep(1);
          received.add(msgs);
          active.delete(queueId);
          return ConsumeOrderlyStatus.SUCCESS;
        },
      }),
    );
    await eventually(() => received.distinct === keys.length * 20);
    expect(received.duplicates()).toBe(0);
    expect(orderViolations(received.bodies())).toEqual([]);
    expect(concurrentPerQueue).toBe(0);
    const info = await bed.admin.getConsumerRunningInfo('CG_ORDERLY_KEYS', consumer.instance.clientId);
    const table = Object.entries(info.json['mqTable'] as Record<string, { locked: boolean }>).filter(([key]) => key.includes('OrderlyKeys'));
    expect(table).toHaveLength(4);
    expect(table.every(([, queue]) => queue.locked)).toBe(true);
    expect((info.json['properties'] as Record<string, string>)['PROP_CONSUMEORDERLY']).toBe('true');
  });

  it('a suspended batch is delivered again before anything after it', async () => {
    await bed.cluster.createTopic('OrderlySuspend', { queueNums: 1 });
    await sendKeyed(bed.producer, 'OrderlySuspend', ['k'], 6);
    const received = new Received();
    let failures = 0;
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_ORDERLY_SUSPEND', subscription: { OrderlySuspend: '*' }, ...ORDERLY }, {
        consumeOrderly: (msgs) => {
          received.add(msgs);
          if (msgs[0]?.body.toString() === 'k:2' && failures < 2) {
            failures++;
            return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
          }
          return ConsumeOrderlyStatus.SUCCESS;
        },
      }),
    );
    await eventually(() => received.distinct === 6);
    expect(received.bodies()).toEqual(['k:0', 'k:1', 'k:2', 'k:2', 'k:2', 'k:3', 'k:4', 'k:5']);
    expect(received.deliveries.filter((msg) => msg.body.toString() === 'k:2').map((msg) => msg.reconsumeTimes)).toEqual([2, 2, 2]);
  });

  it('a message failing maxReconsumeTimes times goes to the DLQ through %RETRY%, and the queue moves on', async () => {
    await bed.cluster.createTopic('OrderlyDlq', { queueNums: 1 });
    await sendKeyed(bed.producer, 'OrderlyDlq', ['k'], 3);
    const received = new Received();
    const throws: number[] = [];
    await bed.start(
      pushConsumer(bed.cluster.namesrvAddr, { consumerGroup: 'CG_ORDERLY_DLQ', subscription: { OrderlyDlq: '*' }, maxReconsumeTimes: 2, ...ORDERLY }, {
        consumeOrderly: (msgs) => {
          if (msgs[0]?.body.toString() === 'k:1') {
            throws.push(msgs[0].reconsumeTimes);
            throw new Error('always fails');
          }
          received.add(msgs);
          return ConsumeOrderlyStatus.SUCCESS;
        },
      }),
    );
    await eventually(() => received.counts.has('k:2'));
    expect(throws).toEqual([0, 1, 2]);
    expect(received.bodies()).toEqual(['k:0', 'k:2']);
    await eventually(async () => {
      const stats = await bed.admin.examineTopicStats('%DLQ%CG_ORDERLY_DLQ').catch(() => null);
      return stats !== null && [...stats.offsetTable.values()].some((offset) => offset.maxOffset === 1);
    });
  });
});
