/**
 * A client test bed: an embedded name server and broker, a started producer and admin for
 * the whole file, and the consumers a test starts, shut down after the file's tests (or
 * by the test itself through `stop`). Registers its own beforeAll/afterAll.
 */
import { afterAll, beforeAll } from 'vitest';
import { MQAdmin } from '../../../src/client/admin/mq-admin.js';
import type { Producer } from '../../../src/client/producer/producer.js';
import { startEmbeddedCluster, type EmbeddedCluster, type EmbeddedClusterOptions } from '../../../src/testing/index.js';
import { startProducer } from './consumers.js';

interface Consumer {
  start(): Promise<void>;
  shutdown(): Promise<void>;
}

export class ClientTestBed {
  private parts: { cluster: EmbeddedCluster; producer: Producer; admin: MQAdmin } | undefined;
  private readonly consumers = new Set<Consumer>();

  get cluster(): EmbeddedCluster {
    return this.started().cluster;
  }

  get producer(): Producer {
    return this.started().producer;
  }

  get admin(): MQAdmin {
    return this.started().admin;
  }

  /** Shuts `consumer` down with the bed unless the test stops it first. */
  track<T extends Consumer>(consumer: T): T {
    this.consumers.add(consumer);
    return consumer;
  }

  async start<T extends Consumer>(consumer: T): Promise<T> {
    this.track(consumer);
    await consumer.start();
    return consumer;
  }

  async stop(consumer: Consumer): Promise<void> {
    this.consumers.delete(consumer);
    await consumer.shutdown();
  }

  async open(options: EmbeddedClusterOptions, producerGroup: string): Promise<void> {
    const cluster = await startEmbeddedCluster(options);
    const producer = await startProducer(cluster.namesrvAddr, producerGroup);
    const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await admin.start();
    this.parts = { cluster, producer, admin };
  }

  async close(): Promise<void> {
    for (const consumer of this.consumers) await consumer.shutdown();
    this.consumers.clear();
    if (!this.parts) return;
    await this.parts.admin.shutdown();
    await this.parts.producer.shutdown();
    await this.parts.cluster.stop();
  }

  private started(): NonNullable<ClientTestBed['parts']> {
    if (!this.parts) throw new Error('the client test bed is used before its beforeAll ran');
    return this.parts;
  }
}

/** A test bed opened before the file's tests and closed after them. */
export function useClientTestBed(options: EmbeddedClusterOptions, producerGroup = 'PG_TEST'): ClientTestBed {
  const bed = new ClientTestBed();
  beforeAll(() => bed.open(options, producerGroup));
  afterAll(() => bed.close());
  return bed;
}
