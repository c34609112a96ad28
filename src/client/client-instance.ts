/**
 * ClientInstance: what producers, consumers and admins of one client share (Java
 * `MQClientInstance`): the connections, the name servers (one in use, fail-over to the
 * next), the topic route cache and broker address table, the heartbeats, and the per
 * process generator of message unique keys.
 *
 * Timers (Java defaults): route refresh for every topic in use, first after 10 ms then
 * every `pollNameServerInterval` (30 s); drop of brokers no route mentions and heartbeat
 * to the brokers, first after 1 s then every `heartbeatBrokerInterval` (30 s); consumer
 * offset commit, first after 10 s then every `persistConsumerOffsetInterval` (5 s); the
 * sweep of expired requests (request/reply) every second while some wait.
 * Timers never overlap themselves and never keep the process alive.
 *
 * Producers and consumers join through small interfaces (ProducerInner, ConsumerInner):
 * the instance asks them which topics they use, tells them about new routes, and puts
 * their groups into the heartbeat. Server-to-client requests are served through
 * `registerRequestHandler`.
 */
import type { Logger } from '../common/log.js';
import type { ConsumeMessageDirectlyResult } from '../protocol/bodies/consume-message-directly-result.js';
import type { JsonObject } from '../protocol/bodies/lenient-json.js';
import type { MessageQueue, MessageQueueKey } from '../protocol/bodies/message-queue.js';
import type { ConsumerData, HeartbeatData } from '../protocol/bodies/heartbeat-data.js';
import type { TopicRouteData } from '../protocol/bodies/topic-route-data.js';
import type { CheckTransactionStateRequestHeader } from '../protocol/headers/check-transaction-state-request-header.js';
import { UniqueKeyGenerator } from '../protocol/message/unique-key.js';
import { RemotingClient } from '../remoting/client.js';
import type { RequestHandler } from '../remoting/connection.js';
import { sendHeartbeat, unregisterClient, type UnregisterGroup } from './api/broker-client-api.js';
import { getConsumerIdListByGroup } from './api/consumer-api.js';
import { ClientRemoting } from './api/client-remoting.js';
import { NameServerChannel } from './api/name-server-channel.js';
import { getTopicRouteInfo } from './api/name-server-api.js';
import { resolveClientConfig, parseNamesrvAddr, type ClientConfig, type ResolvedClientConfig } from './client-config.js';
import { buildClientId, effectiveInstanceName } from './client-id.js';
import { ClientLimits } from './client-limits.js';
import { registerClientRequestHandlers } from './client-remoting-processor.js';
import { MQClientError } from './errors.js';
import { localAddress } from './local-address.js';
import type { MessageExt } from './message/message-ext.js';
import { NameServerSelector } from './name-server-selector.js';
import { RequestTable } from './producer/request-table.js';
import type { TransactionCheckMessage } from './producer/transaction-listener.js';
import { RebalanceService } from './rebalance-service.js';
import { BrokerAddressTable, MASTER_ID, type FoundBroker } from './route/broker-address-table.js';
import { RouteTable, sameRoute } from './route/route-table.js';
import { subscribeQueuesOfRoute } from './route/subscribe-queues.js';
import { TopicPublishInfo } from './route/topic-publish-info.js';

/** A producer as the instance sees it. */
export interface ProducerInner {
  readonly group: string;
  publishTopics(): readonly string[];
  isPublishTopicNeedUpdate(topic: string): boolean;
  updateTopicPublishInfo(topic: string, info: TopicPublishInfo): void;
  /**
   * CHECK_TRANSACTION_STATE for a half message of this group, from the broker at
   * `brokerAddress`: find the local transaction's state and answer END_TRANSACTION there
   * (transaction producers only).
   */
  checkTransactionState?(brokerAddress: string, message: TransactionCheckMessage, header: CheckTransactionStateRequestHeader): void;
}

/** A consumer as the instance sees it (the extension point for push and lite-pull consumers). */
export interface ConsumerInner {
  readonly group: string;
  consumerData(): ConsumerData;
  subscribeTopics(): readonly string[];
  isSubscribeTopicNeedUpdate(topic: string): boolean;
  updateTopicSubscribeInfo(topic: string, queues: MessageQueue[]): void;
  persistConsumerOffset(): Promise<void>;
  /** Re-assigns its queues (every rebalanceInterval and on NOTIFY_CONSUMER_IDS_CHANGED). */
  doRebalance?(): Promise<void>;
  /** RESET_CONSUMER_CLIENT_OFFSET: move to these offsets of `topic`'s queues. */
  resetOffset?(topic: string, offsets: ReadonlyMap<MessageQueueKey, number>): Promise<void>;
  /** GET_CONSUMER_RUNNING_INFO: the ConsumerRunningInfo JSON, before the instance's properties. */
  runningInfo?(): Promise<JsonObject>;
  /** CONSUME_MESSAGE_DIRECTLY: hand one message to the listener now. */
  consumeMessageDirectly?(message: MessageExt, brokerName: string | undefined): Promise<ConsumeMessageDirectlyResult>;
}

/** Template to fall back to when a producer's topic has no route yet (auto-create, §7.1). */
export interface RouteTemplate {
  createTopicKey: string;
  defaultTopicQueueNums: number;
}

export interface ClientInstanceOptions {
  /** Epoch milliseconds now (unique keys); Date.now by default. */
  now?: () => number;
  /** The host's IP when clientIP is not set; asked of the operating system by default. */
  localAddress?: () => string;
  /** Which name server of the list to use first; random by default. */
  nameServerStartIndex?: number;
}

/** Group of the producer every Java client instance carries (its consumers' fallback sends). */
export const CLIENT_INNER_PRODUCER_GROUP = 'CLIENT_INNER_PRODUCER';

const FIRST_ROUTE_REFRESH_MS = 10;
const FIRST_HEARTBEAT_MS = 1000;
const FIRST_OFFSET_PERSIST_MS = 10_000;
/** Java RequestFutureHolder's scan of expired requests. */
const REQUEST_SWEEP_INTERVAL_MS = 1000;

type State = 'CREATED' | 'RUNNING' | 'SHUTDOWN';

export class ClientInstance {
  readonly config: ResolvedClientConfig;
  readonly clientIP: string;
  readonly clientId: string;
  readonly remoting: ClientRemoting;
  readonly nameServers: NameServerChannel;
  readonly uniqueKeys: UniqueKeyGenerator;
  readonly brokerAddresses = new BrokerAddressTable();
  /** Requests (request/reply) of this instance's producers waiting for their reply, by CORRELATION_ID. */
  readonly requests: RequestTable;
  private readonly logger: Logger;
  private readonly routes = new RouteTable();
  private readonly producers = new Map<string, ProducerInner>();
  private readonly consumers = new Map<string, ConsumerInner>();
  private readonly routeUpdates = new Map<string, Promise<boolean>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly rebalanceService: RebalanceService;
  private state: State = 'CREATED';

  constructor(config: ClientConfig = {}, options: ClientInstanceOptions = {}) {
    this.config = resolveClientConfig(config);
    this.logger = this.config.logger;
    this.clientIP = this.config.clientIP ?? (options.localAddress ?? localAddress)();
    const instanceName = effectiveInstanceName(this.config.instanceName, process.pid, process.hrtime.bigint());
    this.clientId = buildClientId(this.clientIP, instanceName, this.config.unitName);
    const transport = new RemotingClient(this.config.rpcHook ? { logger: this.logger, rpcHook: this.config.rpcHook } : { logger: this.logger });
    this.remoting = new ClientRemoting(transport, this.config.language, this.config.mqClientApiTimeout);
    this.nameServers = new NameServerChannel(this.remoting, new NameServerSelector(parseNamesrvAddr(this.config.namesrvAddr), options.nameServerStartIndex));
    this.uniqueKeys = new UniqueKeyGenerator({
      ip: this.clientIP,
      pid: process.pid,
      instanceHash: Math.floor(Math.random() * 0x100000000) | 0,
      clock: options.now ?? Date.now,
    });
    this.requests = new RequestTable({
      maxPending: ClientLimits.maxPendingRequests,
      sweepIntervalMs: REQUEST_SWEEP_INTERVAL_MS,
      clock: options.now ?? Date.now,
      logger: this.logger,
    });
    this.rebalanceService = new RebalanceService(() => this.doRebalance(), this.config.rebalanceInterval, this.logger);
    registerClientRequestHandlers(this);
  }

  get running(): boolean {
    return this.state === 'RUNNING';
  }

  /** Starts the timers; a second call does nothing. */
  start(): void {
    if (this.state === 'RUNNING') return;
    if (this.state === 'SHUTDOWN') throw new MQClientError('CLIENT_STATE', `client instance ${this.clientId} is shut down; create a new one`);
    this.state = 'RUNNING';
    this.every(FIRST_ROUTE_REFRESH_MS, this.config.pollNameServerInterval, () => this.updateAllTopicRoutes());
    this.every(FIRST_HEARTBEAT_MS, this.config.heartbeatBrokerInterval, async () => {
      this.cleanOfflineBrokers();
      await this.sendHeartbeatToAllBrokers();
    });
    this.every(FIRST_OFFSET_PERSIST_MS, this.config.persistConsumerOffsetInterval, () => this.persistAllConsumerOffsets());
    this.rebalanceService.start();
  }

  async shutdown(): Promise<void> {
    if (this.state === 'SHUTDOWN') return;
    this.state = 'SHUTDOWN';
    this.rebalanceService.stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.requests.close(new MQClientError('CLIENT_STATE', `client instance ${this.clientId} shut down before the reply came`));
    await this.remoting.transport.shutdown();
  }

  /** Runs `task` after `firstMs`, then `periodMs` after each run ends; errors are logged. */
  private every(firstMs: number, periodMs: number, task: () => Promise<void>): void {
    const run = (delayMs: number): void => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        task()
          .catch((error: unknown) => this.logger.warn({ err: (error as Error).message }, 'client task failed'))
          .finally(() => {
            if (this.state === 'RUNNING') run(periodMs);
          });
      }, delayMs);
      timer.unref();
      this.timers.add(timer);
    };
    run(firstMs);
  }

  /** Serves a request code brokers send to this client (NOTIFY_CONSUMER_IDS_CHANGED, …). */
  registerRequestHandler(code: number, handler: RequestHandler): void {
    this.remoting.transport.registerHandler(code, handler);
  }

  registerProducer(producer: ProducerInner): void {
    this.registerGroup(this.producers, producer, 'producer');
  }

  registerConsumer(consumer: ConsumerInner): void {
    this.registerGroup(this.consumers, consumer, 'consumer');
  }

  /** The producer of `group` registered on this instance. */
  producer(group: string): ProducerInner | undefined {
    return this.producers.get(group);
  }

  /** The consumer of `group` registered on this instance. */
  consumer(group: string): ConsumerInner | undefined {
    return this.consumers.get(group);
  }

  private registerGroup<T extends { group: string }>(table: Map<string, T>, member: T, kind: string): void {
    if (table.has(member.group)) {
      throw new MQClientError('CLIENT_STATE', `the ${kind} group [${member.group}] has been created before on client ${this.clientId}; specify another name`);
    }
    if (this.producers.size + this.consumers.size >= ClientLimits.maxGroups) {
      throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `client ${this.clientId} already has ${ClientLimits.maxGroups} groups`);
    }
    table.set(member.group, member);
  }

  /** Forgets a producer group and tells every known broker (UNREGISTER_CLIENT). */
  async unregisterProducer(group: string): Promise<void> {
    if (this.producers.delete(group)) await this.unregisterOnBrokers({ producerGroup: group });
  }

  async unregisterConsumer(group: string): Promise<void> {
    if (this.consumers.delete(group)) await this.unregisterOnBrokers({ consumerGroup: group });
  }

  private async unregisterOnBrokers(group: UnregisterGroup): Promise<void> {
    const calls = [...this.brokerAddresses.entries()].map(({ address }) =>
      unregisterClient(this.remoting, address, this.clientId, group).catch((error: unknown) =>
        this.logger.warn({ address, err: (error as Error).message }, 'unregister client failed'),
      ),
    );
    await Promise.all(calls);
  }

  // ------------------------------------------------------------------------------ routes

  topicRoute(topic: string): TopicRouteData | undefined {
    return this.routes.get(topic);
  }

  /**
   * Fetches `topic`'s route (or, with `template`, the template topic's route cut to
   * defaultTopicQueueNums queues per broker) and hands it to the producers and consumers
   * that need it. Returns whether a route was stored. Concurrent calls for one topic share
   * one request.
   */
  updateTopicRoute(topic: string, template?: RouteTemplate): Promise<boolean> {
    const key = template ? `${topic}\u0000${template.createTopicKey}` : topic;
    const pending = this.routeUpdates.get(key);
    if (pending) return pending;
    const update = this.fetchAndStoreRoute(topic, template).finally(() => this.routeUpdates.delete(key));
    this.routeUpdates.set(key, update);
    return update;
  }

  private async fetchAndStoreRoute(topic: string, template: RouteTemplate | undefined): Promise<boolean> {
    const route = template ? await this.templateRoute(template) : await getTopicRouteInfo(this.nameServers, topic, this.config.mqClientApiTimeout);
    if (!route) return false;
    const changed = !sameRoute(this.routes.get(topic), route);
    if (!changed && !this.needsUpdate(topic)) return false;
    if (!this.brokerAddresses.update(route.brokerDatas)) this.logger.warn({ topic }, `more than ${ClientLimits.maxBrokers} brokers: some are ignored`);
    this.routes.set(topic, route);
    this.publishRoute(topic, route);
    return true;
  }

  private async templateRoute(template: RouteTemplate): Promise<TopicRouteData | null> {
    const route = await getTopicRouteInfo(this.nameServers, template.createTopicKey, this.config.mqClientApiTimeout);
    if (!route) return null;
    const queueDatas = route.queueDatas.map((data) => {
      const queueNums = Math.min(template.defaultTopicQueueNums, data.readQueueNums);
      return { ...data, readQueueNums: queueNums, writeQueueNums: queueNums };
    });
    return { ...route, queueDatas };
  }

  private needsUpdate(topic: string): boolean {
    for (const producer of this.producers.values()) if (producer.isPublishTopicNeedUpdate(topic)) return true;
    for (const consumer of this.consumers.values()) if (consumer.isSubscribeTopicNeedUpdate(topic)) return true;
    return false;
  }

  private publishRoute(topic: string, route: TopicRouteData): void {
    if (this.producers.size > 0) {
      const info = TopicPublishInfo.fromRoute(topic, route);
      for (const producer of this.producers.values()) producer.updateTopicPublishInfo(topic, info);
    }
    if (this.consumers.size > 0) {
      const queues = subscribeQueuesOfRoute(topic, route);
      for (const consumer of this.consumers.values()) consumer.updateTopicSubscribeInfo(topic, [...queues]);
    }
  }

  /** Refreshes the route of every topic a producer publishes to or a consumer subscribes. */
  async updateAllTopicRoutes(): Promise<void> {
    const topics = new Set<string>();
    for (const producer of this.producers.values()) for (const topic of producer.publishTopics()) topics.add(topic);
    for (const consumer of this.consumers.values()) for (const topic of consumer.subscribeTopics()) topics.add(topic);
    await Promise.all(
      [...topics].map((topic) =>
        this.updateTopicRoute(topic).catch((error: unknown) => this.logger.warn({ topic, err: (error as Error).message }, 'route refresh failed')),
      ),
    );
  }

  /** Forgets broker addresses no cached route mentions any more. */
  cleanOfflineBrokers(): void {
    this.brokerAddresses.retainAddresses(this.routes.addressesInUse());
  }

  // ------------------------------------------------------------------------- broker look-ups

  /** The master's address (producers then apply `vipChannel`). */
  findBrokerAddressInPublish(brokerName: string): string | undefined {
    return this.brokerAddresses.masterAddress(brokerName);
  }

  findBrokerAddressInSubscribe(brokerName: string, brokerId: number, onlyThisBroker: boolean): FoundBroker | undefined {
    return this.brokerAddresses.findInSubscribe(brokerName, brokerId, onlyThisBroker);
  }

  findBrokerAddressInAdmin(brokerName: string): FoundBroker | undefined {
    return this.brokerAddresses.findInAdmin(brokerName);
  }

  /** The VIP channel (port - 2) of `address` when vipChannelEnabled, else `address`. */
  vipChannel(address: string): string {
    if (!this.config.vipChannelEnabled) return address;
    const at = address.lastIndexOf(':');
    const port = Number(address.slice(at + 1));
    return at > 0 && port > 2 ? `${address.slice(0, at)}:${port - 2}` : address;
  }

  // ------------------------------------------------------------------------- heartbeats

  heartbeatData(): HeartbeatData {
    const producerDataSet = [...this.producers.keys()].filter((groupName) => groupName !== CLIENT_INNER_PRODUCER_GROUP).map((groupName) => ({ groupName }));
    producerDataSet.push({ groupName: CLIENT_INNER_PRODUCER_GROUP });
    return { clientID: this.clientId, producerDataSet, consumerDataSet: [...this.consumers.values()].map((consumer) => consumer.consumerData()) };
  }

  /** Heartbeat to every known broker (masters only when there is no consumer). */
  async sendHeartbeatToAllBrokers(): Promise<void> {
    if (this.producers.size === 0 && this.consumers.size === 0) return;
    const heartbeat = this.heartbeatData();
    const withSlaves = this.consumers.size > 0;
    const calls: Promise<unknown>[] = [];
    for (const { brokerId, address } of this.brokerAddresses.entries()) {
      if (brokerId !== MASTER_ID && !withSlaves) continue;
      calls.push(
        sendHeartbeat(this.remoting, address, heartbeat).catch((error: unknown) =>
          this.logger.warn({ address, err: (error as Error).message }, 'heartbeat failed'),
        ),
      );
    }
    await Promise.all(calls);
  }

  private async persistAllConsumerOffsets(): Promise<void> {
    for (const consumer of this.consumers.values()) {
      await consumer.persistConsumerOffset().catch((error: unknown) => this.logger.warn({ group: consumer.group, err: (error as Error).message }, 'offset persist failed'));
    }
  }

  // ------------------------------------------------------------------------- rebalance

  /** Rebalances every consumer now (or right after the rebalance under way). */
  rebalanceImmediately(): void {
    this.rebalanceService.wakeup();
  }

  /** Resolves once no rebalance is under way. */
  rebalanceIdle(): Promise<void> {
    return this.rebalanceService.idle();
  }

  async doRebalance(): Promise<void> {
    for (const consumer of [...this.consumers.values()]) {
      await consumer.doRebalance?.().catch((error: unknown) => this.logger.warn({ group: consumer.group, err: (error as Error).message }, 'rebalance failed'));
    }
  }

  /**
   * The client ids of `group`'s live members, asked of one broker of `topic` (a random
   * one, its master if it has one); undefined when no broker could answer.
   */
  async findConsumerIdList(topic: string, group: string): Promise<string[] | undefined> {
    let address = this.brokerAddressOfTopic(topic);
    if (address === undefined) {
      await this.updateTopicRoute(topic).catch(() => false);
      address = this.brokerAddressOfTopic(topic);
    }
    if (address === undefined) return undefined;
    try {
      return await getConsumerIdListByGroup(this.remoting, address, group, this.config.mqClientApiTimeout);
    } catch (error) {
      this.logger.warn({ address, group, err: (error as Error).message }, 'consumer id list could not be read');
      return undefined;
    }
  }

  private brokerAddressOfTopic(topic: string): string | undefined {
    const brokers = this.routes.get(topic)?.brokerDatas ?? [];
    const broker = brokers[Math.floor(Math.random() * brokers.length)];
    if (broker === undefined) return undefined;
    const master = broker.brokerAddrs.get(MASTER_ID);
    if (master !== undefined) return master;
    const addresses = [...broker.brokerAddrs.values()];
    return addresses[Math.floor(Math.random() * addresses.length)];
  }

  /** Throws CLIENT_STATE unless the instance is running. */
  ensureRunning(what: string): void {
    if (this.state !== 'RUNNING') throw new MQClientError('CLIENT_STATE', `${what}: the client instance is ${this.state === 'CREATED' ? 'not started' : 'shut down'}`);
  }
}
