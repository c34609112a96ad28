/**
 * In-process brokers and name servers for the broker's integration tests: real servers on
 * 127.0.0.1 ephemeral ports, real store files in a temporary directory, and a
 * RemotingClient to talk to them. `cleanup()` stops everything and removes the directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Broker, type BrokerOptions } from '../../../src/broker/broker.js';
import type { BrokerConfig } from '../../../src/broker/broker-config.js';
import { NameServer } from '../../../src/namesrv/namesrv.js';
import { encodeBatch, type BatchEntryInput } from '../../../src/protocol/message/batch.js';
import { encodeProperties, type MessagePropertiesInput } from '../../../src/protocol/message/properties.js';
import { RequestCode } from '../../../src/protocol/request-code.js';
import { SerializeType } from '../../../src/protocol/serialize-type.js';
import { RemotingClient } from '../../../src/remoting/client.js';
import { createRequest, type ExtFields, type RemotingCommand } from '../../../src/remoting/remoting-command.js';

export class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), 'broker-test-'));
  readonly client = new RemotingClient({ requestTimeoutMs: 10_000 });
  private readonly brokers: Broker[] = [];
  private readonly nameServers: NameServer[] = [];
  private count = 0;

  async nameServer(): Promise<NameServer> {
    const server = new NameServer();
    await server.start({ listenPort: 0, kvConfigPath: join(this.dir, `namesrv-${this.count++}`, 'kvConfig.json') });
    this.nameServers.push(server);
    return server;
  }

  /** A broker on ephemeral ports with its store in its own directory (`storeDir` to reuse one). */
  async broker(settings: Partial<BrokerConfig> = {}, options: BrokerOptions = {}, storeDir?: string): Promise<Broker> {
    const broker = new Broker(options);
    await broker.start({
      brokerName: 'broker-a',
      listenPort: 0,
      storePathRootDir: storeDir ?? join(this.dir, `store-${this.count++}`),
      mappedFileSizeCommitLog: 4 * 1024 * 1024,
      ...settings,
    });
    this.brokers.push(broker);
    return broker;
  }

  async stop(broker: Broker): Promise<void> {
    await broker.shutdown();
    this.brokers.splice(this.brokers.indexOf(broker), 1);
  }

  invoke(address: string, code: number, extFields: ExtFields | null = null, body: Buffer | null = null, serializeType: SerializeType = SerializeType.JSON): Promise<RemotingCommand> {
    return this.client.invoke(address, createRequest(code, { extFields, body, serializeType }));
  }

  async cleanup(): Promise<void> {
    await this.client.shutdown();
    for (const broker of this.brokers.splice(0)) await broker.shutdown();
    for (const server of this.nameServers.splice(0)) await server.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface SendOptions {
  queueId?: number;
  properties?: MessagePropertiesInput;
  sysFlag?: number;
  flag?: number;
  defaultTopic?: string;
  defaultTopicQueueNums?: number;
  reconsumeTimes?: number;
  maxReconsumeTimes?: number;
  producerGroup?: string;
  serializeType?: SerializeType;
}

/** The V2 header of a send, as a 4.9.8 Java producer writes it. */
export function sendHeaderV2(topic: string, options: SendOptions = {}, batch = false): ExtFields {
  const fields: ExtFields = {
    a: options.producerGroup ?? 'PG_TEST',
    b: topic,
    c: options.defaultTopic ?? 'TBW102',
    d: String(options.defaultTopicQueueNums ?? 4),
    e: String(options.queueId ?? 0),
    f: String(options.sysFlag ?? 0),
    g: String(Date.now()),
    h: String(options.flag ?? 0),
    i: encodeProperties(options.properties ?? { WAIT: 'true' }),
    j: String(options.reconsumeTimes ?? 0),
    k: 'false',
    m: String(batch),
  };
  if (options.maxReconsumeTimes !== undefined) fields['l'] = String(options.maxReconsumeTimes);
  return fields;
}

export function sendV2(harness: Harness, address: string, topic: string, body: string | Buffer, options: SendOptions = {}): Promise<RemotingCommand> {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  return harness.invoke(address, RequestCode.SEND_MESSAGE_V2, sendHeaderV2(topic, options), payload, options.serializeType);
}

export function sendBatch(harness: Harness, address: string, topic: string, entries: BatchEntryInput[], options: SendOptions = {}): Promise<RemotingCommand> {
  return harness.invoke(address, RequestCode.SEND_BATCH_MESSAGE, sendHeaderV2(topic, options, true), encodeBatch(entries), options.serializeType);
}

/** Creates a topic through UPDATE_AND_CREATE_TOPIC. */
export function createTopic(harness: Harness, address: string, topic: string, queues = 4, perm = 6): Promise<RemotingCommand> {
  return harness.invoke(address, RequestCode.UPDATE_AND_CREATE_TOPIC, {
    topic,
    defaultTopic: 'TBW102',
    readQueueNums: String(queues),
    writeQueueNums: String(queues),
    perm: String(perm),
    topicFilterType: 'SINGLE_TAG',
    topicSysFlag: '0',
    order: 'false',
  });
}

/** Polls `check` every 20 ms until it holds or `timeoutMs` passes. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
