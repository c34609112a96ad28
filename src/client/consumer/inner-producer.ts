/**
 * The producer every consumer of a client instance shares for re-sending failed messages
 * to `%RETRY%<group>` (Java `MQClientInstance.defaultMQProducer`, group
 * CLIENT_INNER_PRODUCER). Created by the first consumer that needs it, shut down (which
 * unregisters the group from the brokers) when the last one lets it go.
 */
import { CLIENT_INNER_PRODUCER_GROUP, type ClientInstance } from '../client-instance.js';
import { Producer } from '../producer/producer.js';

interface Shared {
  producer: Producer;
  users: number;
  started: Promise<void>;
}

const shared = new WeakMap<ClientInstance, Shared>();

export async function acquireInnerProducer(instance: ClientInstance): Promise<Producer> {
  let entry = shared.get(instance);
  if (entry === undefined) {
    const producer = new Producer({ producerGroup: CLIENT_INNER_PRODUCER_GROUP, clientInstance: instance });
    entry = { producer, users: 0, started: producer.start() };
    shared.set(instance, entry);
  }
  entry.users++;
  await entry.started;
  return entry.producer;
}

export async function releaseInnerProducer(instance: ClientInstance): Promise<void> {
  const entry = shared.get(instance);
  if (entry === undefined) return;
  entry.users--;
  if (entry.users > 0) return;
  shared.delete(instance);
  await entry.started.catch(() => undefined);
  await entry.producer.shutdown();
}
