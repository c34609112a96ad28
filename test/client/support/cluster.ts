/**
 * Real servers for the client's integration tests: a NameServer and Brokers started
 * in-process on 127.0.0.1 ephemeral ports, each broker with its store in a temporary
 * directory. `cleanup()` stops whatever is still running and removes the directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Broker } from '../../../src/broker/broker.js';
import type { BrokerConfig } from '../../../src/broker/broker-config.js';
import { NameServer } from '../../../src/namesrv/namesrv.js';
import type { NamesrvConfig } from '../../../src/namesrv/namesrv-config.js';

export class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'client-test-'));
  readonly nameServers: NameServer[] = [];
  readonly brokers = new Map<string, Broker>();
  private count = 0;

  async startNameServer(settings: Partial<NamesrvConfig> = {}): Promise<NameServer> {
    const server = new NameServer();
    const dir = join(this.dir, `namesrv-${this.count++}`);
    await server.start({ listenPort: 0, kvConfigPath: join(dir, 'kvConfig.json'), configStorePath: join(dir, 'namesrv.properties'), ...settings });
    this.nameServers.push(server);
    return server;
  }

  get namesrvAddr(): string {
    return this.nameServers.map((server) => server.address).join(';');
  }

  /** Starts a broker registered with every name server of the cluster. */
  async startBroker(brokerName: string, settings: Partial<BrokerConfig> = {}): Promise<Broker> {
    const broker = new Broker();
    await broker.start({
      brokerName,
      brokerClusterName: 'DefaultCluster',
      namesrvAddr: this.namesrvAddr,
      listenPort: 0,
      storePathRootDir: join(this.dir, `store-${brokerName}-${this.count++}`),
      mappedFileSizeCommitLog: 4 * 1024 * 1024,
      ...settings,
    });
    this.brokers.set(brokerName, broker);
    return broker;
  }

  broker(brokerName: string): Broker {
    const broker = this.brokers.get(brokerName);
    if (!broker) throw new Error(`no broker ${brokerName}`);
    return broker;
  }

  async stopBroker(brokerName: string): Promise<void> {
    await this.broker(brokerName).shutdown();
    this.brokers.delete(brokerName);
  }

  async cleanup(): Promise<void> {
    for (const broker of this.brokers.values()) await broker.shutdown();
    this.brokers.clear();
    for (const server of this.nameServers.splice(0)) await server.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A cluster of one name server and brokers of the given names. */
export async function startCluster(brokerNames: readonly string[] = ['broker-a'], settings: Partial<BrokerConfig> = {}, namesrv: Partial<NamesrvConfig> = {}): Promise<Cluster> {
  const cluster = new Cluster();
  await cluster.startNameServer(namesrv);
  for (const name of brokerNames) await cluster.startBroker(name, settings);
  return cluster;
}

/** Polls `check` every 20 ms until it holds or `timeoutMs` passes. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
