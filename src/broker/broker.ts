/**
 * Broker: RocketMQ's BrokerController — the message store, the topic table and the request
 * handlers behind two listening sockets (listenPort and the VIP channel at listenPort - 2),
 * registered with the name servers.
 *
 * start(): settings → topic table (topics.json) → store (recovers after a crash) → listen
 * → register with every name server (answered) → timers (periodic registration, producer
 * expiry every 10 s, rates every second).
 * shutdown(): timers off → UNREGISTER_BROKER → servers drain and close (requests in flight
 * are answered) → store shut down (its abort marker removed: a clean stop) → client closed.
 *
 *   const broker = new Broker();
 *   await broker.start({ listenPort: 0, namesrvAddr: '127.0.0.1:9876', storePathRootDir: '/tmp/store' });
 *   broker.address;          // '127.0.0.1:40123'
 *   await broker.shutdown();
 */
import { mkdir } from 'node:fs/promises';
import { RocketMQError } from '../common/errors.js';
import { silentLogger, type Logger } from '../common/log.js';
import { RemotingClient } from '../remoting/client.js';
import type { RemotingConnection } from '../remoting/connection.js';
import { RemotingServer } from '../remoting/server.js';
import { DelayLevels } from '../store/delay-levels.js';
import { FileMessageStore } from '../store/file-message-store.js';
import type { MessageStore } from '../store/message-store.js';
import { advertisedIp, brokerConfigProblems, nameServerAddresses, resolveBrokerConfig, storeConfigOf, type BrokerConfig } from './broker-config.js';
import { BrokerConfiguration } from './broker-configuration.js';
import type { BrokerContext } from './broker-context.js';
import { CHANNEL_SCAN_INTERVAL_MS } from './consumer/client-channel.js';
import { ProducerManager } from './consumer/producer-manager.js';
import { NOT_ON_VIP_CHANNEL, brokerHandlers } from './handlers/index.js';
import { listenPair, type ServerPair } from './listen-pair.js';
import { BrokerRegistration } from './registration/broker-registration.js';
import { NameServerRegistrar } from './registration/name-server-registrar.js';
import { BrokerStats } from './stats/broker-stats.js';
import { TopicConfigManager, type TopicChange } from './topic/topic-config-manager.js';
import { topicsFilePath } from './topic/topics-file.js';

export interface BrokerOptions {
  logger?: Logger;
  /** Properties of the -c file that are not settings (shown by GET_BROKER_CONFIG). */
  extraProperties?: ReadonlyMap<string, string>;
  /** The store to use; a FileMessageStore on storePathRootDir by default. */
  store?: MessageStore;
  /** Used share (0..1) of the disk holding a path, for the default store (statfs by default). */
  diskUsage?: (path: string) => Promise<number>;
}

const STATS_SAMPLE_INTERVAL_MS = 1000;

interface Running {
  context: BrokerContext;
  servers: ServerPair;
  client: RemotingClient;
  registration: BrokerRegistration;
  timers: NodeJS.Timeout[];
}

export class Broker {
  private readonly logger: Logger;
  private running: Running | null = null;

  constructor(private readonly options: BrokerOptions = {}) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Starts with `given` over the defaults (a full BrokerConfig is used as is). */
  async start(given: Partial<BrokerConfig> = {}): Promise<void> {
    if (this.running) throw new Error('broker is already started');
    const config = resolveBrokerConfig(given);
    const problems = brokerConfigProblems(config);
    if (problems.length > 0) throw new RocketMQError('INTERNAL', `invalid broker settings: ${problems.join('; ')}`);
    await mkdir(config.storePathRootDir, { recursive: true });
    const topics = new TopicConfigManager({ config, path: topicsFilePath(config.storePathRootDir), logger: this.logger });
    topics.load();
    topics.persist();
    const store = this.options.store ?? new FileMessageStore(storeConfigOf(config), this.storeOptions());
    await store.start();
    try {
      this.running = await this.open(config, topics, store);
    } catch (error) {
      await store.shutdown();
      throw error;
    }
  }

  private storeOptions(): ConstructorParameters<typeof FileMessageStore>[1] {
    return this.options.diskUsage ? { logger: this.logger, diskUsage: this.options.diskUsage } : { logger: this.logger };
  }

  private async open(config: BrokerConfig, topics: TopicConfigManager, store: MessageStore): Promise<Running> {
    const holder = { current: null as BrokerContext | null };
    const servers = await listenPair(config.listenPort, (port, vip) => this.createServer(config, port, vip, holder));
    try {
      return await this.serve(config, topics, store, servers, holder);
    } catch (error) {
      await Promise.all([servers.main.close(), servers.vip.close()]);
      throw error;
    }
  }

  private async serve(config: BrokerConfig, topics: TopicConfigManager, store: MessageStore, servers: ServerPair, holder: { current: BrokerContext | null }): Promise<Running> {
    config.listenPort = servers.main.address.port;
    config.brokerIP1 = advertisedIp(config);
    if (config.brokerIP2 === '') config.brokerIP2 = config.brokerIP1;
    const context = this.createContext(config, topics, store);
    holder.current = context;
    for (const server of [servers.main, servers.vip]) server.onDisconnection((connection) => context.producers.connectionClosed(connection));
    const client = new RemotingClient({ logger: this.logger });
    const registration = this.createRegistration(context, client);
    this.watchChanges(context, registration);
    await registration.start();
    const timers = [
      setInterval(() => this.closeExpiredProducers(context), CHANNEL_SCAN_INTERVAL_MS).unref(),
      setInterval(() => context.stats.sample(), STATS_SAMPLE_INTERVAL_MS).unref(),
    ];
    this.logger.info({ address: context.brokerAddr, name: config.brokerName }, 'broker started');
    return { context, servers, client, registration, timers };
  }

  /** Drops producer channels silent for 120 s and closes their connections (RocketMQ ClientHousekeepingService). */
  private closeExpiredProducers(context: BrokerContext): void {
    for (const { group, info } of context.producers.scanExpired()) {
      this.logger.warn({ group, client: info.clientId, remote: info.connection.remoteAddress }, 'producer channel expired: no heartbeat for 120 s');
      info.connection.close();
    }
  }

  private createServer(config: BrokerConfig, port: number, vip: boolean, holder: { current: BrokerContext | null }): RemotingServer {
    const server = new RemotingServer({ host: config.bindAddress, port, logger: this.logger, idleTimeoutMs: config.serverChannelMaxIdleTimeSeconds * 1000 });
    for (const [code, handler] of brokerHandlers) {
      if (vip && NOT_ON_VIP_CHANNEL.has(code)) continue;
      server.registerHandler(code, (request, connection) => {
        const context = holder.current;
        if (!context) throw new RocketMQError('SHUTTING_DOWN', 'the broker is still starting');
        return handler(context, request, connection);
      });
    }
    return server;
  }

  private createContext(config: BrokerConfig, topics: TopicConfigManager, store: MessageStore): BrokerContext {
    return {
      config,
      configuration: new BrokerConfiguration(config, this.options.extraProperties),
      topics,
      store,
      storeHost: { host: config.brokerIP1, port: config.listenPort },
      brokerAddr: `${config.brokerIP1}:${config.listenPort}`,
      producers: new ProducerManager<RemotingConnection>(),
      stats: new BrokerStats(),
      delayLevels: new DelayLevels(config.messageDelayLevel),
      logger: this.logger,
    };
  }

  private createRegistration(context: BrokerContext, client: RemotingClient): BrokerRegistration {
    const { config } = context;
    const registrar = new NameServerRegistrar({
      client,
      addresses: () => nameServerAddresses(config.namesrvAddr),
      timeoutMs: () => config.registerBrokerTimeoutMills,
      logger: this.logger,
    });
    const identity = {
      clusterName: config.brokerClusterName,
      brokerAddr: context.brokerAddr,
      brokerName: config.brokerName,
      brokerId: config.brokerId,
      haServerAddr: `${config.brokerIP2}:${config.listenPort + 1}`,
    };
    return new BrokerRegistration({ config, identity, topics: context.topics, registrar, logger: this.logger });
  }

  /** Re-registers after topic changes and after brokerPermission changes. */
  private watchChanges(context: BrokerContext, registration: BrokerRegistration): void {
    const failed = (error: unknown): void => this.logger.error({ err: (error as Error).message }, 'registration failed');
    context.topics.onChange((change: TopicChange) => {
      if (change.kind === 'auto-created') registration.registerAll({ oneway: true, checkOrderConfig: false }).catch(failed);
      else if (change.kind === 'updated') registration.registerIncrement(change.config).catch(failed);
    });
    context.configuration.onChange((changed) => {
      if (!changed.includes('brokerPermission')) return;
      context.topics.touch();
      registration.registerAll({ oneway: false, checkOrderConfig: false }).catch(failed);
    });
  }

  /** `brokerIP1:listenPort`, the address registered with the name servers. */
  get address(): string {
    return this.started().context.brokerAddr;
  }

  get port(): number {
    return this.started().servers.main.address.port;
  }

  get vipPort(): number {
    return this.started().servers.vip.address.port;
  }

  /** The live context (settings, topics, store), for in-process inspection. */
  get context(): BrokerContext {
    return this.started().context;
  }

  private started(): Running {
    if (!this.running) throw new Error('broker is not started');
    return this.running;
  }

  async shutdown(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = null;
    for (const timer of running.timers) clearInterval(timer);
    await running.registration.stop();
    await Promise.all([running.servers.main.close(), running.servers.vip.close()]);
    await running.context.store.shutdown();
    await running.client.shutdown();
    this.logger.info({ address: running.context.brokerAddr }, 'broker stopped');
  }
}
