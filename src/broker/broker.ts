/**
 * Broker: RocketMQ's BrokerController — the message store, the topic table, the client
 * registries and the request handlers behind two listening sockets (listenPort and the VIP
 * channel at listenPort - 2), registered with the name servers.
 *
 * start(): settings → topic table (topics.json) → store (recovers after a crash) → listen
 * → services (broker-services.ts: subscriptionGroup.json, consumerOffset.json) → schedule
 * service → transaction check service (a master's) → register with every name server (answered) → timers (housekeeping.ts).
 * Each closed connection leaves its producer and consumer groups (the remaining members
 * are notified) and drops its parked pulls; each message the store makes readable wakes
 * the pulls parked on its queue.
 * shutdown(): timers off → parked pulls answered now → schedule service stopped (its
 * cursors written) → transaction check stopped → UNREGISTER_BROKER → servers drain and close (requests in flight are
 * answered) → consumer offsets and subscription groups written → store shut down (its
 * abort marker removed: a clean stop) → client closed.
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
import { FileMessageStore } from '../store/file-message-store.js';
import type { MessageStore } from '../store/message-store.js';
import { advertisedIp, brokerConfigProblems, nameServerAddresses, resolveBrokerConfig, storeConfigOf, type BrokerConfig } from './broker-config.js';
import type { BrokerContext } from './broker-context.js';
import { createBrokerContext } from './broker-services.js';
import { NOT_ON_VIP_CHANNEL, brokerHandlers } from './handlers/index.js';
import { startHousekeeping, stopHousekeeping } from './housekeeping.js';
import { listenPair, type ServerPair } from './listen-pair.js';
import { BrokerRegistration } from './registration/broker-registration.js';
import { NameServerRegistrar } from './registration/name-server-registrar.js';
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
  /** Stores whose arrivals this broker already listens to (a store given in the options may be started again). */
  private readonly listenedStores = new WeakSet<MessageStore>();
  /** The context whose parked pulls the store's arrivals wake (set as soon as the servers serve). */
  private arrivalsTo: BrokerContext | null = null;

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
    const context = createBrokerContext({ config, topics, store, extraProperties: this.options.extraProperties, logger: this.logger });
    holder.current = context;
    this.arrivalsTo = context;
    for (const server of [servers.main, servers.vip]) server.onDisconnection((connection) => connectionClosed(context, connection));
    this.listenToArrivals(store);
    context.schedule.start();
    if (config.brokerRole !== 'SLAVE') context.transactionCheck.start();
    const client = new RemotingClient({ logger: this.logger });
    const registration = this.createRegistration(context, client);
    this.watchChanges(context, registration);
    try {
      await registration.start();
    } catch (error) {
      this.arrivalsTo = null;
      context.pulls.hold.stop();
      await context.schedule.shutdown();
      await context.transactionCheck.shutdown();
      throw error;
    }
    const timers = startHousekeeping(context);
    this.logger.info({ address: context.brokerAddr, name: config.brokerName }, 'broker started');
    return { context, servers, client, registration, timers };
  }

  /** Wakes the pulls parked on a queue when the store makes a message of it readable. */
  private listenToArrivals(store: MessageStore): void {
    if (this.listenedStores.has(store)) return;
    this.listenedStores.add(store);
    store.onMessageArrived((arrival) => {
      const context = this.arrivalsTo;
      if (context?.store === store) context.pulls.hold.messageArrived(arrival);
    });
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
      if (changed.includes('longPollingEnable') || changed.includes('shortPollingTimeMills')) {
        context.pulls.hold.setPolling(context.config.longPollingEnable, context.config.shortPollingTimeMills);
      }
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
    const { context } = running;
    stopHousekeeping(running.timers);
    context.pulls.stopping = true;
    context.pulls.hold.wakeAll();
    await context.schedule.shutdown();
    await context.transactionCheck.shutdown();
    await running.registration.stop();
    await Promise.all([running.servers.main.close(), running.servers.vip.close()]);
    if (this.arrivalsTo === context) this.arrivalsTo = null;
    context.pulls.hold.stop();
    await this.persistConsumerState(context);
    await context.store.shutdown();
    await running.client.shutdown();
    this.logger.info({ address: context.brokerAddr }, 'broker stopped');
  }

  private async persistConsumerState(context: BrokerContext): Promise<void> {
    try {
      await context.consumerOffsets.persist();
      await context.subscriptionGroups.persist();
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'cannot persist consumer offsets or subscription groups at shutdown');
    }
  }
}

/** A client connection closed: it leaves its groups (the others are notified) and its parked pulls go. */
function connectionClosed(context: BrokerContext, connection: RemotingConnection): void {
  context.producers.connectionClosed(connection);
  context.consumers.connectionClosed(connection);
  context.pulls.hold.connectionClosed(connection.id);
}
