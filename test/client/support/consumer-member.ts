/**
 * One member of a consumer group as its own process, for the multi-process group tests
 * (support/member-process.ts starts it): a PushConsumer with the test timings of FAST,
 * configured by the JSON of its first argument, reporting on stdout, one JSON object a
 * line:
 *
 *   {"event":"started"}                                   after start()
 *   {"event":"message","body":…,"queueId":…,"queueOffset":…,"at":"<hrtime ns>"}  each delivery
 *   {"event":"queues","queueIds":[…]}                     whenever its queues of the topic change
 *   {"event":"stopped"}                                   after a SIGTERM's shutdown()
 *
 * `at` is process.hrtime, the monotonic clock every process of the machine shares, so the
 * test can put the deliveries of all members in one order.
 */
import { ConsumeConcurrentlyStatus, ConsumeOrderlyStatus } from '../../../src/client/consumer/message-listener.js';
import type { PushConsumerOptions } from '../../../src/client/consumer/push-consumer-options.js';
import type { MessageExt } from '../../../src/client/message/message-ext.js';
import { ORDERLY, pushConsumer, sleep } from './consumers.js';

export interface MemberSettings {
  namesrvAddr: string;
  consumerGroup: string;
  instanceName: string;
  topic: string;
  orderly: boolean;
  messageModel: PushConsumerOptions['messageModel'];
  localOffsetStoreDir?: string;
  /** Each listener call takes a random time up to this (0: it answers at once). */
  listenerDelayMs?: number;
}

const QUEUE_CHECK_INTERVAL_MS = 50;

function report(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function reportDeliveries(msgs: readonly MessageExt[]): void {
  for (const msg of msgs) {
    report({ event: 'message', body: msg.body.toString(), queueId: msg.queueId, queueOffset: msg.queueOffset, at: process.hrtime.bigint().toString() });
  }
}

async function main(settings: MemberSettings): Promise<void> {
  const { namesrvAddr, topic, orderly, listenerDelayMs = 0, ...options } = settings;
  const consumed = async (msgs: readonly MessageExt[]): Promise<void> => {
    if (listenerDelayMs > 0) await sleep(Math.random() * listenerDelayMs);
    reportDeliveries(msgs);
  };
  const consumer = orderly
    ? pushConsumer(namesrvAddr, { ...options, subscription: { [topic]: '*' }, ...ORDERLY }, {
        consumeOrderly: async (msgs) => (await consumed(msgs), ConsumeOrderlyStatus.SUCCESS),
      })
    : pushConsumer(namesrvAddr, { ...options, subscription: { [topic]: '*' } }, {
        consumeConcurrently: async (msgs) => (await consumed(msgs), ConsumeConcurrentlyStatus.CONSUME_SUCCESS),
      });
  await consumer.start();
  report({ event: 'started' });
  let queues = '';
  const watch = setInterval(() => {
    const queueIds = consumer.assignment().filter((mq) => mq.topic === topic).map((mq) => mq.queueId).sort((a, b) => a - b);
    if (queueIds.join() === queues) return;
    queues = queueIds.join();
    report({ event: 'queues', queueIds });
  }, QUEUE_CHECK_INTERVAL_MS);
  process.once('SIGTERM', () => {
    clearInterval(watch);
    void consumer.shutdown().then(() => {
      report({ event: 'stopped' });
      process.exit(0);
    });
  });
}

await main(JSON.parse(process.argv[2] ?? '{}') as MemberSettings);
