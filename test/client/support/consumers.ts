/**
 * Helpers for consumer tests: consumers with test-friendly timings, a recorder of what a
 * listener received, and a producer that sends numbered messages.
 */
import { isOrderlyListener, type MessageListenerConcurrently, type MessageListenerOrderly } from '../../../src/client/consumer/message-listener.js';
import { PushConsumer } from '../../../src/client/consumer/push-consumer.js';
import type { PushConsumerOptions } from '../../../src/client/consumer/push-consumer-options.js';
import type { MessageExt } from '../../../src/client/message/message-ext.js';
import type { Message } from '../../../src/client/message/message.js';
import { selectMessageQueueByHash } from '../../../src/client/producer/message-queue-selector.js';
import { Producer } from '../../../src/client/producer/producer.js';
import type { SendResult } from '../../../src/client/producer/send-result.js';

/** Short intervals so that rebalances, heartbeats and offset commits happen within a test. */
export const FAST: Partial<PushConsumerOptions> = {
  rebalanceInterval: 500,
  heartbeatBrokerInterval: 1000,
  persistConsumerOffsetInterval: 200,
  consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
  pullTimeDelayMillsWhenException: 200,
  brokerSuspendMaxTimeMillis: 2000,
  consumerTimeoutMillisWhenSuspend: 5000,
  awaitTerminationMillisWhenShutdown: 2000,
};

/** Orderly consumers' timings for tests: locks renewed every 500 ms, short unlock delay and suspension. */
export const ORDERLY: Partial<PushConsumerOptions> = { rebalanceLockInterval: 500, unlockDelayTimeMills: 100, suspendCurrentQueueTimeMillis: 20 };

type ConsumerSettings = Partial<PushConsumerOptions> & { consumerGroup: string };

export function pushConsumer(namesrvAddr: string, options: ConsumerSettings, listener: MessageListenerConcurrently): PushConsumer;
export function pushConsumer(namesrvAddr: string, options: ConsumerSettings, listener: MessageListenerOrderly): PushConsumer;
export function pushConsumer(namesrvAddr: string, options: ConsumerSettings, listener: MessageListenerConcurrently | MessageListenerOrderly): PushConsumer {
  const consumer = new PushConsumer({ namesrvAddr, ...FAST, ...options });
  if (isOrderlyListener(listener)) consumer.registerMessageListener(listener);
  else consumer.registerMessageListener(listener);
  return consumer;
}

/** What a listener saw: every delivery in order, and the bodies counted. */
export class Received {
  readonly deliveries: MessageExt[] = [];
  readonly counts = new Map<string, number>();

  add(msgs: readonly MessageExt[]): void {
    for (const msg of msgs) {
      this.deliveries.push(msg);
      const body = msg.body.toString();
      this.counts.set(body, (this.counts.get(body) ?? 0) + 1);
    }
  }

  get distinct(): number {
    return this.counts.size;
  }

  bodies(): string[] {
    return this.deliveries.map((msg) => msg.body.toString());
  }

  duplicates(): number {
    return this.deliveries.length - this.counts.size;
  }
}

export async function startProducer(namesrvAddr: string, group = 'PG_TEST'): Promise<Producer> {
  const producer = new Producer({ producerGroup: group, namesrvAddr });
  await producer.start();
  return producer;
}

/** Sends `count` messages `prefix0…` one after the other; the results in order. */
export async function sendNumbered(producer: Producer, topic: string, count: number, prefix = 'm', extra: Partial<Message> = {}): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (let n = 0; n < count; n++) results.push(await producer.send({ topic, body: `${prefix}${n}`, ...extra }));
  return results;
}

/** Sends `perKey` messages for each key, interleaved, each key to its hash queue: body `key:seq`. */
export async function sendKeyed(producer: Producer, topic: string, keys: readonly string[], perKey: number, from = 0): Promise<void> {
  for (let seq = from; seq < from + perKey; seq++) {
    for (const key of keys) await producer.send({ topic, body: `${key}:${seq}`, keys: key }, { selector: selectMessageQueueByHash, arg: key });
  }
}

/**
 * Bodies `key:seq` in the order they were delivered: for each key, every sequence number
 * that first appears before its predecessor did (redeliveries of earlier ones are allowed).
 */
export function orderViolations(bodies: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const body of bodies) {
    const [key = '', seqText] = body.split(':');
    const seq = Number(seqText);
    const highest = seen.get(key) ?? -1;
    if (seq > highest + 1) problems.push(`${key}: ${seq} arrived before ${highest + 1}`);
    seen.set(key, Math.max(highest, seq));
  }
  return problems;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
