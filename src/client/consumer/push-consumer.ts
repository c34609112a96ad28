/**
 * PushConsumer: the broker's messages are pulled for the application and handed to its
 * listener (Java `DefaultMQPushConsumer`).
 *
 *   const consumer = new PushConsumer({ consumerGroup: 'CG', namesrvAddr: '127.0.0.1:9876' });
 *   consumer.subscribe('T', 'TagA || TagB');
 *   consumer.registerMessageListener({ consumeConcurrently: async (msgs) => 'CONSUME_SUCCESS' });
 *   await consumer.start();
 *   …
 *   await consumer.shutdown();
 *
 * The parts: a RebalanceImpl decides which queues this member holds (every
 * rebalanceInterval, at start, and whenever a broker sends NOTIFY_CONSUMER_IDS_CHANGED);
 * each held queue has a ProcessQueue and one pull loop (push-pull-loop.ts) that fills it;
 * a consume service (concurrently or orderly) hands its messages to the listener and
 * moves the queue's offset; the offset store commits offsets every
 * persistConsumerOffsetInterval (client instance timer) and at shutdown.
 *
 * CLUSTERING subscribes `%RETRY%<group>` too (messages sent back come from there).
 *
 * shutdown(): pulls stop; listener calls under way may finish (awaitTerminationMillisWhenShutdown);
 * orderly queues are unlocked; offsets are committed; the group is left on every broker
 * (UNREGISTER_CLIENT, so the others rebalance at once); the inner producer and (when the
 * consumer owns it) the client instance are shut down.
 */
import type { ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result.js';
import type { ConsumerData, MessageModel } from '../../protocol/bodies/heartbeat-data.js';
import type { JsonObject } from '../../protocol/bodies/lenient-json.js';
import { messageQueueKey, type MessageQueue, type MessageQueueKey } from '../../protocol/bodies/message-queue.js';
import type { Logger } from '../../common/log.js';
import { ClientInstance, type ConsumerInner } from '../client-instance.js';
import { MQClientError } from '../errors.js';
import type { MessageExt } from '../message/message-ext.js';
import type { Producer } from '../producer/producer.js';
import { QueueAdmin } from '../queue-admin.js';
import type { ConsumeMessageService, ConsumeServiceHost } from './consume-service.js';
import { ConsumeMessageConcurrentlyService } from './consume-concurrently-service.js';
import { ConsumeMessageOrderlyService } from './consume-orderly-service.js';
import { ConsumerStats } from './consumer-stats.js';
import { acquireInnerProducer, releaseInnerProducer } from './inner-producer.js';
import { isOrderlyListener, type MessageListener, type MessageListenerConcurrently, type MessageListenerOrderly } from './message-listener.js';
import { LocalFileOffsetStore } from './offset-store/local-file-offset-store.js';
import type { OffsetStore } from './offset-store/offset-store.js';
import { RemoteBrokerOffsetStore } from './offset-store/remote-broker-offset-store.js';
import { PullAPIWrapper } from './pull-api-wrapper.js';
import { checkPushConsumerOptions, resolvePushConsumerOptions, type PushConsumerOptions, type ResolvedPushConsumerOptions } from './push-consumer-options.js';
import { PushPullLoop } from './push-pull-loop.js';
import { pushRebalanceHooks, startOffset, type PushRebalanceHost } from './push-rebalance-hooks.js';
import { RebalanceImpl } from './rebalance/rebalance-impl.js';
import { RunningInfoProperty, consumerRunningInfoJson, settingsProperties } from './running-info.js';
import { resendToRetryTopic, retryTopicOf, sendMessageBack, type SendBackContext } from './send-message-back.js';
import { SUB_ALL, buildSubscriptionData, checkSubscriptionRoom } from './subscription.js';
import { waitUntil } from './wait-until.js';

type State = 'CREATED' | 'RUNNING' | 'STOPPING' | 'SHUTDOWN';

/** How long a reset of offsets waits for listener calls on the reset queues (Java sleeps this long). */
const RESET_OFFSET_WAIT_MS = 10_000;

export class PushConsumer implements ConsumerInner, ConsumeServiceHost, PushRebalanceHost {
  readonly options: ResolvedPushConsumerOptions;
  readonly instance: ClientInstance;
  readonly queueAdmin: QueueAdmin;
  readonly rebalance: RebalanceImpl;
  readonly pullApi: PullAPIWrapper;
  readonly loop: PushPullLoop;
  readonly stats: ConsumerStats;
  readonly logger: Logger;
  thresholds: { messages: number; mebibytes: number };
  private readonly given: PushConsumerOptions;
  private readonly ownsInstance: boolean;
  private store: OffsetStore | undefined;
  private listener: MessageListener | undefined;
  private service: ConsumeMessageService | undefined;
  private innerProducer: Producer | undefined;
  private state: State = 'CREATED';
  private pause = false;
  private startTimestamp = 0;

  constructor(options: PushConsumerOptions) {
    this.given = options;
    this.options = resolvePushConsumerOptions(options);
    this.ownsInstance = options.clientInstance === undefined;
    this.instance = options.clientInstance ?? new ClientInstance(options, { now: this.options.clock });
    this.logger = this.instance.config.logger;
    this.queueAdmin = new QueueAdmin(this.instance);
    this.stats = new ConsumerStats(this.options.clock);
    this.thresholds = { messages: this.options.pullThresholdForQueue, mebibytes: this.options.pullThresholdSizeForQueue };
    const settings = { group: this.options.consumerGroup, messageModel: this.options.messageModel, strategy: this.options.allocateMessageQueueStrategy, pullMaxIdleTimeMs: this.options.pullMaxIdleTime, now: this.options.clock };
    this.rebalance = new RebalanceImpl(this.instance, settings, pushRebalanceHooks(() => this), this.logger);
    this.pullApi = new PullAPIWrapper(this.instance, this.options.consumerGroup);
    this.loop = new PushPullLoop(this);
    for (const [topic, expression] of Object.entries(options.subscription ?? {})) this.subscribe(topic, expression);
  }

  get group(): string {
    return this.options.consumerGroup;
  }

  get messageModel(): MessageModel {
    return this.options.messageModel;
  }

  get orderly(): boolean {
    return this.listener !== undefined && isOrderlyListener(this.listener);
  }

  get offsetStore(): OffsetStore {
    if (this.store === undefined) throw new MQClientError('CLIENT_STATE', `push consumer ${this.group} is not started`);
    return this.store;
  }

  // ------------------------------------------------------------------------ set-up

  /** Subscribes `topic` with a tag expression (`*`, `TagA || TagB`); may be called before or after start. */
  subscribe(topic: string, subExpression: string = SUB_ALL): void {
    checkSubscriptionRoom(this.rebalance.subscriptions, topic);
    this.rebalance.subscriptions.set(topic, buildSubscriptionData(topic, subExpression, this.options.clock()));
    if (this.state === 'RUNNING') this.announceSubscriptions();
  }

  unsubscribe(topic: string): void {
    this.rebalance.subscriptions.delete(topic);
  }

  registerMessageListener(listener: MessageListenerConcurrently): void;
  registerMessageListener(listener: MessageListenerOrderly): void;
  registerMessageListener(listener: MessageListener): void {
    if (this.state !== 'CREATED') throw new MQClientError('CLIENT_STATE', 'the message listener must be registered before start');
    this.listener = listener;
  }

  async start(): Promise<void> {
    if (this.state !== 'CREATED') throw new MQClientError('CLIENT_STATE', `The PushConsumer service state not OK, maybe started once, ${this.state}`);
    checkPushConsumerOptions(this.options);
    if (this.listener === undefined) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'messageListener is null: call registerMessageListener before start');
    if (this.options.messageModel === 'CLUSTERING') this.rebalance.subscriptions.set(retryTopicOf(this.group), buildSubscriptionData(retryTopicOf(this.group), SUB_ALL, this.options.clock()));
    this.store = this.given.offsetStore ?? this.defaultOffsetStore();
    await this.store.load();
    this.service = isOrderlyListener(this.listener) ? new ConsumeMessageOrderlyService(this, this.listener) : new ConsumeMessageConcurrentlyService(this, this.listener);
    this.instance.registerConsumer(this);
    if (this.ownsInstance) this.instance.start();
    this.service.start();
    this.state = 'RUNNING';
    this.startTimestamp = this.options.clock();
    this.innerProducer = await acquireInnerProducer(this.instance);
    await this.updateSubscribedRoutes();
    await this.instance.sendHeartbeatToAllBrokers();
    this.instance.rebalanceImmediately();
  }

  private defaultOffsetStore(): OffsetStore {
    if (this.options.messageModel === 'CLUSTERING') return new RemoteBrokerOffsetStore(this.instance, this.group);
    const dir = this.given.localOffsetStoreDir;
    return new LocalFileOffsetStore(dir === undefined ? { clientId: this.instance.clientId, group: this.group } : { clientId: this.instance.clientId, group: this.group, dir });
  }

  private async updateSubscribedRoutes(): Promise<void> {
    await Promise.all(
      [...this.rebalance.subscriptions.keys()].map((topic) =>
        this.instance.updateTopicRoute(topic).catch((error: unknown) => this.logger.warn({ topic, err: (error as Error).message }, 'route of a subscribed topic could not be read')),
      ),
    );
  }

  private announceSubscriptions(): void {
    void this.updateSubscribedRoutes()
      .then(() => this.instance.sendHeartbeatToAllBrokers())
      .then(() => this.instance.rebalanceImmediately());
  }

  async shutdown(awaitTerminationMillis: number = this.options.awaitTerminationMillisWhenShutdown): Promise<void> {
    if (this.state !== 'RUNNING') return;
    this.state = 'STOPPING';
    this.loop.stop();
    await this.service?.shutdown(awaitTerminationMillis);
    await this.persistHeldOffsets();
    await this.instance.unregisterConsumer(this.group);
    await releaseInnerProducer(this.instance).catch((error: unknown) => this.logger.warn({ err: (error as Error).message }, 'inner producer shutdown failed'));
    this.innerProducer = undefined;
    if (this.ownsInstance) await this.instance.shutdown();
    this.rebalance.destroy();
    this.state = 'SHUTDOWN';
  }

  /** Stops pulling (Java suspend); the queues stay assigned. */
  suspend(): void {
    this.pause = true;
  }

  /** Pulls again and rebalances at once. */
  resume(): void {
    this.pause = false;
    this.instance.rebalanceImmediately();
  }

  // ------------------------------------------------------------------------ queries

  /** The queues this member holds now. */
  assignment(): MessageQueue[] {
    return this.rebalance.heldQueues().filter(({ pq }) => !pq.dropped).map(({ mq }) => ({ ...mq }));
  }

  fetchSubscribeMessageQueues(topic: string): Promise<MessageQueue[]> {
    return this.queueAdmin.fetchSubscribeMessageQueues(topic);
  }

  searchOffset(mq: MessageQueue, timestamp: number): Promise<number> {
    return this.queueAdmin.searchOffset(mq, timestamp);
  }

  minOffset(mq: MessageQueue): Promise<number> {
    return this.queueAdmin.minOffset(mq);
  }

  maxOffset(mq: MessageQueue): Promise<number> {
    return this.queueAdmin.maxOffset(mq);
  }

  viewMessage(offsetMsgId: string): Promise<MessageExt> {
    return this.queueAdmin.viewMessage(offsetMsgId);
  }

  updateConsumeOffset(mq: MessageQueue, offset: number): void {
    this.offsetStore.updateOffset(mq, offset, false);
  }

  // ------------------------------------------------------------------------ send back

  private sendBackContext(): SendBackContext {
    const maxReconsumeTimes = this.options.maxReconsumeTimes === -1 ? (this.orderly ? 2147483647 : 16) : this.options.maxReconsumeTimes;
    return { instance: this.instance, group: this.group, maxReconsumeTimes, innerProducer: () => this.innerProducer, logger: this.logger };
  }

  /** Sends a message back for a later retry (CONSUMER_SEND_MSG_BACK, else via %RETRY%). */
  sendMessageBack(msg: MessageExt, delayLevel: number, brokerName?: string): Promise<void> {
    return sendMessageBack(this.sendBackContext(), msg, delayLevel, brokerName);
  }

  resendToRetryTopic(msg: MessageExt, reconsumeTimes: number): Promise<void> {
    return resendToRetryTopic(this.sendBackContext(), msg, reconsumeTimes);
  }

  // ------------------------------------------------------------------------ hosts' needs

  consumeService(): ConsumeMessageService {
    if (this.service === undefined) throw new MQClientError('CLIENT_STATE', `push consumer ${this.group} is not started`);
    return this.service;
  }

  running(): boolean {
    return this.state === 'RUNNING';
  }

  paused(): boolean {
    return this.pause;
  }

  pullThresholds(): { messages: number; mebibytes: number } {
    return this.thresholds;
  }

  computePullFromWhere(request: { messageQueue: MessageQueue }): Promise<number> {
    return startOffset(this, request.messageQueue);
  }

  // ------------------------------------------------------------------ ConsumerInner (instance)

  consumerData(): ConsumerData {
    return {
      groupName: this.group,
      consumeType: 'CONSUME_PASSIVELY',
      messageModel: this.options.messageModel,
      consumeFromWhere: this.options.consumeFromWhere,
      subscriptionDataSet: [...this.rebalance.subscriptions.values()],
      unitMode: false,
    };
  }

  subscribeTopics(): readonly string[] {
    return this.rebalance.subscribedTopics();
  }

  isSubscribeTopicNeedUpdate(topic: string): boolean {
    return this.rebalance.needsRoute(topic);
  }

  updateTopicSubscribeInfo(topic: string, queues: MessageQueue[]): void {
    this.rebalance.updateTopicSubscribeInfo(topic, queues);
  }

  async persistConsumerOffset(): Promise<void> {
    if (this.state !== 'RUNNING') return;
    await this.persistHeldOffsets();
  }

  private async persistHeldOffsets(): Promise<void> {
    if (this.store === undefined) return;
    await this.store
      .persistAll(this.rebalance.heldQueues().map(({ mq }) => mq))
      .catch((error: unknown) => this.logger.warn({ group: this.group, err: (error as Error).message }, 'offset persist failed'));
  }

  async doRebalance(): Promise<void> {
    if (this.state !== 'RUNNING' || this.pause) return;
    await this.rebalance.doRebalance(this.orderly);
  }

  /** RESET_CONSUMER_CLIENT_OFFSET: the held queues of `topic` restart from the given offsets. */
  async resetOffset(topic: string, offsets: ReadonlyMap<MessageQueueKey, number>): Promise<void> {
    if (this.state !== 'RUNNING') return;
    this.suspend();
    try {
      const affected = this.rebalance.heldQueues().filter(({ mq }) => mq.topic === topic && offsets.has(messageQueueKey(mq)));
      for (const { pq } of affected) {
        pq.dropped = true;
        pq.clear();
      }
      await waitUntil(() => affected.every(({ pq }) => pq.inFlight === 0), RESET_OFFSET_WAIT_MS);
      for (const { mq } of affected) {
        this.offsetStore.updateOffset(mq, offsets.get(messageQueueKey(mq)) as number, false);
        await this.rebalance.removeProcessQueue(mq);
      }
    } finally {
      this.resume();
    }
  }

  async runningInfo(): Promise<JsonObject> {
    const properties = settingsProperties({ ...this.options, allocateMessageQueueStrategy: this.options.allocateMessageQueueStrategy.name, namesrvAddr: this.instance.config.namesrvAddr, instanceName: this.instance.config.instanceName });
    properties[RunningInfoProperty.CONSUME_ORDERLY] = String(this.orderly);
    properties[RunningInfoProperty.THREADPOOL_CORE_SIZE] = String(this.service?.corePoolSize ?? 0);
    properties[RunningInfoProperty.CONSUMER_START_TIMESTAMP] = String(this.startTimestamp);
    const queues = await Promise.all(
      this.rebalance.heldQueues().map(async ({ mq, pq }) => ({ mq, info: pq.info(await this.offsetStore.readOffset(mq, 'MEMORY_FIRST_THEN_STORE')) })),
    );
    const status = new Map([...this.rebalance.subscriptions.keys()].map((topic) => [topic, this.stats.status(topic)] as const));
    return consumerRunningInfoJson({ properties, subscriptions: [...this.rebalance.subscriptions.values()], queues, status });
  }

  consumeMessageDirectly(message: MessageExt, brokerName: string | undefined): Promise<ConsumeMessageDirectlyResult> {
    return this.consumeService().consumeMessageDirectly(message, brokerName);
  }
}
