/**
 * LitePullConsumer: the application polls; background pulls keep a bounded buffer filled
 * (Java `DefaultLitePullConsumer`).
 *
 *   const consumer = new LitePullConsumer({ consumerGroup: 'CG', namesrvAddr });
 *   consumer.subscribe('T', 'TagA');          // the group shares the queues (rebalance)
 *   // or: consumer.assign(queues);           // exactly these queues, no rebalance
 *   await consumer.start();
 *   const msgs = await consumer.poll(1000);   // up to pullBatchSize messages of one queue
 *   await consumer.commitSync();              // or autoCommit (every 5 s, at poll)
 *   await consumer.seek(mq, 42); await consumer.seekToBegin(mq); await consumer.seekToEnd(mq);
 *   consumer.pause([mq]); consumer.resume([mq]);
 *   await consumer.shutdown();
 *
 * Subscribe and assign exclude each other. Offsets: each poll moves the queue's consume
 * offset past what it returned; a commit stores consume offsets in the offset store (the
 * brokers, or the local file when BROADCASTING); the client instance persists the store
 * every persistConsumerOffsetInterval, commitSync persists at once, and shutdown commits
 * (when autoCommit) and persists.
 */
import type { Logger } from '../../common/log.js';
import type { ConsumerData, MessageModel } from '../../protocol/bodies/heartbeat-data.js';
import type { JsonObject } from '../../protocol/bodies/lenient-json.js';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import { ClientInstance, type ConsumerInner } from '../client-instance.js';
import { MQClientError } from '../errors.js';
import type { MessageExt } from '../message/message-ext.js';
import { QueueAdmin } from '../queue-admin.js';
import { AssignedMessageQueue } from './assigned-message-queue.js';
import { computePullFromWhere } from './consume-from-where.js';
import { ConsumeRequestBuffer } from './consume-request-buffer.js';
import { ConsumerStats } from './consumer-stats.js';
import { checkLitePullConsumerOptions, resolveLitePullConsumerOptions, type LitePullConsumerOptions, type ResolvedLitePullConsumerOptions } from './lite-pull-consumer-options.js';
import { LitePullTasks, type LitePullHost } from './lite-pull-tasks.js';
import { LocalFileOffsetStore } from './offset-store/local-file-offset-store.js';
import type { OffsetStore } from './offset-store/offset-store.js';
import { RemoteBrokerOffsetStore } from './offset-store/remote-broker-offset-store.js';
import { PullAPIWrapper } from './pull-api-wrapper.js';
import { RebalanceImpl, type RebalanceHooks } from './rebalance/rebalance-impl.js';
import { consumerRunningInfoJson, settingsProperties } from './running-info.js';
import { SUB_ALL, buildSubscriptionData, checkSubscriptionRoom } from './subscription.js';

type State = 'CREATED' | 'RUNNING' | 'SHUTDOWN';
type SubscriptionType = 'NONE' | 'SUBSCRIBE' | 'ASSIGN';

/** Called with the queues a subscribing consumer holds after each change (Java MessageQueueListener). */
export type MessageQueueListener = (topic: string, mqAll: readonly MessageQueue[], mqDivided: readonly MessageQueue[]) => void;

export class LitePullConsumer implements ConsumerInner, LitePullHost {
  readonly options: ResolvedLitePullConsumerOptions;
  readonly instance: ClientInstance;
  readonly logger: Logger;
  readonly rebalance: RebalanceImpl;
  readonly assigned: AssignedMessageQueue;
  readonly buffer = new ConsumeRequestBuffer();
  readonly pullApi: PullAPIWrapper;
  private readonly tasks: LitePullTasks;
  private readonly queueAdmin: QueueAdmin;
  private readonly stats: ConsumerStats;
  private readonly given: LitePullConsumerOptions;
  private readonly ownsInstance: boolean;
  private readonly assignExpressions = new Map<string, string>();
  private store: OffsetStore | undefined;
  private state: State = 'CREATED';
  private subscriptionType: SubscriptionType = 'NONE';
  private queueListener: MessageQueueListener | undefined;
  private nextAutoCommitDeadline = 0;

  constructor(options: LitePullConsumerOptions) {
    this.given = options;
    this.options = resolveLitePullConsumerOptions(options);
    this.ownsInstance = options.clientInstance === undefined;
    this.instance = options.clientInstance ?? new ClientInstance(options, { now: this.options.clock });
    this.logger = this.instance.config.logger;
    this.queueAdmin = new QueueAdmin(this.instance);
    this.stats = new ConsumerStats(this.options.clock);
    const settings = { group: this.group, messageModel: this.options.messageModel, strategy: this.options.allocateMessageQueueStrategy, pullMaxIdleTimeMs: 120_000, now: this.options.clock };
    this.rebalance = new RebalanceImpl(this.instance, settings, this.rebalanceHooks(), this.logger);
    this.assigned = new AssignedMessageQueue((mq) => this.rebalance.processQueue(mq), this.options.clock);
    this.pullApi = new PullAPIWrapper(this.instance, this.group);
    this.tasks = new LitePullTasks(this);
  }

  get group(): string {
    return this.options.consumerGroup;
  }

  get messageModel(): MessageModel {
    return this.options.messageModel;
  }

  private get offsetStore(): OffsetStore {
    if (this.store === undefined) throw new MQClientError('CLIENT_STATE', 'The consumer not running, please start it first.');
    return this.store;
  }

  private rebalanceHooks(): RebalanceHooks {
    return {
      consumeType: 'CONSUME_ACTIVELY',
      messageQueueChanged: async (topic, mqAll, mqDivided) => {
        const held = this.options.messageModel === 'BROADCASTING' ? mqAll : mqDivided;
        this.assigned.update(held, topic);
        this.tasks.update(held, topic);
        this.queueListener?.(topic, mqAll, mqDivided);
      },
      removeUnnecessaryMessageQueue: async (mq) => {
        await this.offsetStore.persist(mq).catch(() => undefined);
        this.offsetStore.removeOffset(mq);
        return true;
      },
      removeDirtyOffset: (mq) => this.offsetStore.removeOffset(mq),
      computePullFromWhere: (mq) => this.startOffset(mq),
      dispatchPullRequests: () => undefined,
    };
  }

  startOffset(mq: MessageQueue): Promise<number> {
    return computePullFromWhere(mq, this.options, this.offsetStore, this.queueAdmin);
  }

  subscriptionFor(topic: string): SubscriptionData {
    if (this.subscriptionType === 'SUBSCRIBE') {
      const subscription = this.rebalance.subscriptions.get(topic);
      if (subscription !== undefined) return subscription;
    }
    return buildSubscriptionData(topic, this.assignExpressions.get(topic) ?? SUB_ALL, 0);
  }

  private setSubscriptionType(type: SubscriptionType): void {
    if (this.subscriptionType === 'NONE') this.subscriptionType = type;
    else if (this.subscriptionType !== type) throw new MQClientError('CLIENT_STATE', 'Subscribe and assign are mutually exclusive.');
  }

  // ------------------------------------------------------------------------ set-up

  subscribe(topic: string, subExpression: string = SUB_ALL, listener?: MessageQueueListener): void {
    if (topic.length === 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'Topic can not be null or empty.');
    this.setSubscriptionType('SUBSCRIBE');
    checkSubscriptionRoom(this.rebalance.subscriptions, topic);
    this.rebalance.subscriptions.set(topic, buildSubscriptionData(topic, subExpression, this.options.clock()));
    if (listener !== undefined) this.queueListener = listener;
    if (this.state === 'RUNNING') void this.announce();
  }

  unsubscribe(topic: string): void {
    this.rebalance.subscriptions.delete(topic);
    this.assigned.removeTopic(topic);
    this.tasks.update([], topic);
  }

  /** Reads exactly these queues (no rebalance). */
  assign(mqs: readonly MessageQueue[]): void {
    if (mqs.length === 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'Message queues can not be null or empty.');
    this.setSubscriptionType('ASSIGN');
    this.assigned.update(mqs);
    if (this.state === 'RUNNING') this.tasks.update(mqs);
  }

  /** The tag expression of an assigned topic (before start). */
  setSubExpressionForAssign(topic: string, subExpression: string): void {
    if (subExpression.trim().length === 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'subExpression can not be null or empty.');
    if (this.state !== 'CREATED') throw new MQClientError('CLIENT_STATE', 'setAssignTag only can be called before start.');
    this.setSubscriptionType('ASSIGN');
    this.assignExpressions.set(topic, subExpression);
  }

  async start(): Promise<void> {
    if (this.state !== 'CREATED') throw new MQClientError('CLIENT_STATE', `The PullConsumer service state not OK, maybe started once, ${this.state}`);
    checkLitePullConsumerOptions(this.options);
    this.store = this.given.offsetStore ?? this.defaultOffsetStore();
    await this.store.load();
    this.instance.registerConsumer(this);
    if (this.ownsInstance) this.instance.start();
    this.state = 'RUNNING';
    this.nextAutoCommitDeadline = this.options.clock() + this.options.autoCommitIntervalMillis;
    if (this.subscriptionType === 'SUBSCRIBE') await this.announce();
    if (this.subscriptionType === 'ASSIGN') this.tasks.update(this.assigned.messageQueues());
  }

  private defaultOffsetStore(): OffsetStore {
    if (this.options.messageModel === 'CLUSTERING') return new RemoteBrokerOffsetStore(this.instance, this.group);
    const dir = this.given.localOffsetStoreDir;
    return new LocalFileOffsetStore(dir === undefined ? { clientId: this.instance.clientId, group: this.group } : { clientId: this.instance.clientId, group: this.group, dir });
  }

  private async announce(): Promise<void> {
    await Promise.all([...this.rebalance.subscriptions.keys()].map((topic) => this.instance.updateTopicRoute(topic).catch(() => false)));
    await this.instance.sendHeartbeatToAllBrokers();
    this.instance.rebalanceImmediately();
  }

  async shutdown(): Promise<void> {
    if (this.state !== 'RUNNING') return;
    if (this.options.autoCommit) this.commitAll();
    this.state = 'SHUTDOWN';
    this.tasks.stop();
    this.buffer.close();
    await this.persistOffsets();
    await this.instance.unregisterConsumer(this.group);
    if (this.ownsInstance) await this.instance.shutdown();
    this.rebalance.destroy();
    this.assigned.clear();
  }

  private ensureRunning(): void {
    if (this.state !== 'RUNNING') throw new MQClientError('CLIENT_STATE', 'The consumer not running, please start it first.');
  }

  // ------------------------------------------------------------------------ polling

  /** The next buffered batch (messages of one queue, oldest first), or [] after `timeoutMs`. */
  async poll(timeoutMs: number = this.options.pollTimeoutMillis): Promise<MessageExt[]> {
    this.ensureRunning();
    if (timeoutMs < 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'Timeout must not be negative');
    if (this.options.autoCommit) this.maybeAutoCommit();
    const batch = await this.buffer.take(timeoutMs);
    if (batch === undefined || batch.pq.dropped) return [];
    const offset = batch.pq.removeMessage(batch.msgs);
    const state = this.assigned.state(batch.mq);
    if (state !== undefined && offset >= 0) state.consumeOffset = offset;
    this.stats.consumed(batch.mq.topic, batch.msgs.length, 0, 0);
    return batch.msgs;
  }

  private maybeAutoCommit(): void {
    const now = this.options.clock();
    if (now < this.nextAutoCommitDeadline) return;
    this.commitAll();
    this.nextAutoCommitDeadline = now + this.options.autoCommitIntervalMillis;
  }

  /** Stores the consume offset of every assigned queue in the offset store (memory). */
  commitAll(): void {
    for (const mq of this.assigned.messageQueues()) this.commitQueue(mq);
  }

  private commitQueue(mq: MessageQueue): void {
    const state = this.assigned.state(mq);
    if (state === undefined || state.consumeOffset === -1 || state.pq.dropped) return;
    this.offsetStore.updateOffset(mq, state.consumeOffset, false);
  }

  /** Commits what was polled and persists it now (to the brokers or the local file). */
  async commitSync(): Promise<void> {
    this.ensureRunning();
    this.commitAll();
    await this.persistOffsets();
  }

  /** Commits given offsets (queue → next offset to read), persisting them when asked. */
  async commit(offsets: ReadonlyMap<MessageQueue, number>, persist = true): Promise<void> {
    this.ensureRunning();
    for (const [mq, offset] of offsets) {
      const state = this.assigned.state(mq);
      if (offset !== -1 && state !== undefined && !state.pq.dropped) this.offsetStore.updateOffset(mq, offset, false);
    }
    if (persist) await this.offsetStore.persistAll([...offsets.keys()]);
  }

  /** The committed offset of a queue (memory first, then the store); -1 when none. */
  async committed(mq: MessageQueue): Promise<number> {
    this.ensureRunning();
    const offset = await this.offsetStore.readOffset(mq, 'MEMORY_FIRST_THEN_STORE');
    if (offset === -2) throw new MQClientError('CLIENT_OFFSET_STORE', 'Fetch consume offset from broker exception');
    return offset;
  }

  // ------------------------------------------------------------------------ positions

  /** The next poll of `mq` starts at `offset` (within the queue's min and max). */
  async seek(mq: MessageQueue, offset: number): Promise<void> {
    this.ensureRunning();
    const state = this.assigned.state(mq);
    if (state === undefined) {
      const why = this.subscriptionType === 'SUBSCRIBE' ? ', may be rebalancing' : '';
      throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `The message queue is not in assigned list${why}, message queue: ${JSON.stringify(mq)}`);
    }
    const [min, max] = await Promise.all([this.queueAdmin.minOffset(mq), this.queueAdmin.maxOffset(mq)]);
    if (offset < min || offset > max) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `Seek offset illegal, seek offset = ${offset}, min offset = ${min}, max offset = ${max}`);
    this.tasks.cancel(mq);
    state.pq.clear();
    this.buffer.removeQueue(mq);
    state.seekOffset = offset;
    state.pullOffset = -1;
    this.tasks.start(mq);
  }

  async seekToBegin(mq: MessageQueue): Promise<void> {
    await this.seek(mq, await this.queueAdmin.minOffset(mq));
  }

  async seekToEnd(mq: MessageQueue): Promise<void> {
    await this.seek(mq, await this.queueAdmin.maxOffset(mq));
  }

  pause(mqs: readonly MessageQueue[]): void {
    this.assigned.setPaused(mqs, true);
  }

  resume(mqs: readonly MessageQueue[]): void {
    this.assigned.setPaused(mqs, false);
  }

  /** The queues read now. */
  assignment(): MessageQueue[] {
    return this.assigned.messageQueues().map((mq) => ({ ...mq }));
  }

  fetchMessageQueues(topic: string): Promise<MessageQueue[]> {
    return this.queueAdmin.fetchSubscribeMessageQueues(topic);
  }

  offsetForTimestamp(mq: MessageQueue, timestamp: number): Promise<number> {
    return this.queueAdmin.searchOffset(mq, timestamp);
  }

  // ------------------------------------------------------------------ ConsumerInner (instance)

  consumerData(): ConsumerData {
    return {
      groupName: this.group,
      consumeType: 'CONSUME_ACTIVELY',
      messageModel: this.options.messageModel,
      consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
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
    await this.persistOffsets();
  }

  private async persistOffsets(): Promise<void> {
    if (this.store === undefined) return;
    const queues = this.subscriptionType === 'SUBSCRIBE' ? this.rebalance.heldQueues().map(({ mq }) => mq) : this.assigned.messageQueues();
    await this.store.persistAll(queues).catch((error: unknown) => this.logger.warn({ group: this.group, err: (error as Error).message }, 'offset persist failed'));
  }

  async doRebalance(): Promise<void> {
    if (this.state === 'RUNNING' && this.subscriptionType === 'SUBSCRIBE') await this.rebalance.doRebalance(false);
  }

  async runningInfo(): Promise<JsonObject> {
    const properties = settingsProperties({ ...this.options, allocateMessageQueueStrategy: this.options.allocateMessageQueueStrategy.name });
    const queues = await Promise.all(
      this.assigned.messageQueues().map(async (mq) => ({ mq, info: (this.assigned.state(mq)?.pq ?? this.rebalance.processQueue(mq))?.info(await this.offsetStore.readOffset(mq, 'READ_FROM_MEMORY')) })),
    );
    const status = new Map([...this.rebalance.subscriptions.keys()].map((topic) => [topic, this.stats.status(topic)] as const));
    return consumerRunningInfoJson({
      properties,
      subscriptions: [...this.rebalance.subscriptions.values()],
      queues: queues.flatMap(({ mq, info }) => (info === undefined ? [] : [{ mq, info }])),
      status,
    });
  }
}
