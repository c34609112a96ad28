/**
 * An embedded RocketMQ for applications' own tests: a NameServer and one Broker in this
 * process, on ephemeral 127.0.0.1 ports, with the store in a fresh temporary directory
 * (or in memory), removed again by `stop()`.
 *
 *   import { startEmbeddedCluster } from 'rocketmq-ts/testing';
 *   const cluster = await startEmbeddedCluster({ fastDelayLevels: true });
 *   await cluster.createTopic('T', { queueNums: 4 });
 *   const producer = new Producer({ producerGroup: 'PG', namesrvAddr: cluster.namesrvAddr });
 *   …
 *   await cluster.stop();
 *
 * Options: `memoryStore` (the broker keeps messages in memory; nothing survives a
 * restart), `messageDelayLevel` (the broker's delay levels, e.g. `"10ms 20ms …"`; the
 * store accepts ms, s, m, h, d), `fastDelayLevels` (all 18 levels within 180 ms, so that
 * delayed messages and consumer retries — which go through delay level 3 and up — arrive
 * at once), `broker` / `namesrv` (any other setting), `logger`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../common/log.js';
import { Broker } from '../broker/broker.js';
import { resolveBrokerConfig, storeConfigOf, type BrokerConfig } from '../broker/broker-config.js';
import { MQAdmin } from '../client/admin/mq-admin.js';
import { NameServer } from '../namesrv/namesrv.js';
import type { NamesrvConfig } from '../namesrv/namesrv-config.js';
import { MemoryMessageStore } from '../store/memory-message-store.js';

export interface EmbeddedClusterOptions {
  brokerName?: string;
  clusterName?: string;
  memoryStore?: boolean;
  messageDelayLevel?: string;
  fastDelayLevels?: boolean;
  broker?: Partial<BrokerConfig>;
  namesrv?: Partial<NamesrvConfig>;
  logger?: Logger;
}

export interface CreateTopicOptions {
  /** Read and write queues (8). */
  queueNums?: number;
  /** 6 = read + write. */
  perm?: number;
  order?: boolean;
}

/** Delay levels 1..18 as 10 ms … 180 ms. */
export const FAST_DELAY_LEVELS = Array.from({ length: 18 }, (_, level) => `${(level + 1) * 10}ms`).join(' ');

/** How long createTopic waits for the name server to know the topic. */
const ROUTE_WAIT_MS = 10_000;

export class EmbeddedCluster {
  readonly nameServer = new NameServer();
  readonly broker: Broker;
  private admin: MQAdmin | null = null;
  private stopped = false;

  constructor(
    readonly dir: string,
    private readonly options: EmbeddedClusterOptions,
  ) {
    this.broker = options.logger ? new Broker({ logger: options.logger, ...this.storeOption() }) : new Broker(this.storeOption());
  }

  private storeOption(): { store?: MemoryMessageStore } {
    if (this.options.memoryStore !== true) return {};
    return { store: new MemoryMessageStore(storeConfigOf(resolveBrokerConfig(this.brokerSettings('')))) };
  }

  get namesrvAddr(): string {
    return this.nameServer.address;
  }

  get brokerAddr(): string {
    return this.broker.address;
  }

  get brokerName(): string {
    return this.options.brokerName ?? 'broker-a';
  }

  get clusterName(): string {
    return this.options.clusterName ?? 'DefaultCluster';
  }

  brokerSettings(namesrvAddr: string): Partial<BrokerConfig> {
    const delays = this.options.messageDelayLevel ?? (this.options.fastDelayLevels === true ? FAST_DELAY_LEVELS : undefined);
    return {
      brokerName: this.brokerName,
      brokerClusterName: this.clusterName,
      namesrvAddr,
      listenPort: 0,
      storePathRootDir: join(this.dir, 'store'),
      mappedFileSizeCommitLog: 16 * 1024 * 1024,
      ...(delays === undefined ? {} : { messageDelayLevel: delays }),
      ...this.options.broker,
    };
  }

  async start(): Promise<void> {
    await this.nameServer.start({ listenPort: 0, kvConfigPath: join(this.dir, 'namesrv', 'kvConfig.json'), configStorePath: join(this.dir, 'namesrv', 'namesrv.properties'), ...this.options.namesrv });
    try {
      await this.broker.start(this.brokerSettings(this.nameServer.address));
    } catch (error) {
      await this.nameServer.shutdown();
      throw error;
    }
  }

  private async adminClient(): Promise<MQAdmin> {
    if (this.admin === null) {
      this.admin = new MQAdmin({ namesrvAddr: this.namesrvAddr });
      await this.admin.start();
    }
    return this.admin;
  }

  /** Creates (or updates) a topic on the broker and waits until the name server routes it. */
  async createTopic(topic: string, options: CreateTopicOptions = {}): Promise<void> {
    const admin = await this.adminClient();
    const queueNums = options.queueNums ?? 8;
    await admin.createTopicOnBroker(this.brokerAddr, { topic, readQueueNums: queueNums, writeQueueNums: queueNums, perm: options.perm ?? 6, order: options.order ?? false });
    const deadline = Date.now() + ROUTE_WAIT_MS;
    for (;;) {
      const route = await admin.examineTopicRouteInfo(topic).catch(() => null);
      if (route?.queueDatas.some((data) => data.brokerName === this.brokerName && data.readQueueNums === queueNums)) return;
      if (Date.now() > deadline) throw new Error(`the name server does not route ${topic} after ${ROUTE_WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops the broker and the name server and removes the temporary directory. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.admin?.shutdown();
    await this.broker.shutdown();
    await this.nameServer.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function startEmbeddedCluster(options: EmbeddedClusterOptions = {}): Promise<EmbeddedCluster> {
  const cluster = new EmbeddedCluster(mkdtempSync(join(tmpdir(), 'rocketmq-ts-')), options);
  try {
    await cluster.start();
  } catch (error) {
    rmSync(cluster.dir, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}
