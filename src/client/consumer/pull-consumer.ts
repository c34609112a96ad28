/**
 * PullConsumer: the application pulls queues itself (Java `DefaultMQPullConsumer`).
 *
 *   const consumer = new PullConsumer({ consumerGroup: 'CG', namesrvAddr: '127.0.0.1:9876' });
 *   await consumer.start();
 *   for (const mq of await consumer.fetchSubscribeMessageQueues('T')) {
 *     let offset = Math.max(0, await consumer.fetchConsumeOffset(mq, true));
 *     const result = await consumer.pull(mq, 'TagA || TagB', offset, 32);
 *     // result.pullStatus, result.msgFoundList, result.nextBeginOffset
 *     consumer.updateConsumeOffset(mq, result.nextBeginOffset);
 *   }
 *   await consumer.shutdown();   // commits the offsets
 *
 * A pull sends PULL_MESSAGE with the subscription in the request (sysFlag SUBSCRIPTION,
 * plus SUSPEND for pullBlockIfNotFound, whose broker hold is brokerSuspendMaxTimeMillis),
 * to the broker id the last answer suggested for that queue (the master at first), and
 * re-filters the found messages by tag. Offsets are kept on the brokers (CLUSTERING) or in
 * a local file (BROADCASTING), committed every persistConsumerOffsetInterval and at
 * shutdown. The consumer announces itself in heartbeats as CONSUME_ACTIVELY with a `*`
 * subscription for each topic it registered or pulled.
 */
import type { ConsumerData, MessageModel } from '../../protocol/bodies/heartbeat-data.js';
import { messageQueueFromKey, type MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { ClientConfig } from '../client-config.js';
import { ClientInstance, type ConsumerInner } from '../client-instance.js';
import { ClientLimits } from '../client-limits.js';
import { MQClientError } from '../errors.js';
import type { MessageExt } from '../message/message-ext.js';
import { QueueAdmin } from '../queue-admin.js';
import { checkGroup } from '../validators.js';
import { LocalFileOffsetStore } from './offset-store/local-file-offset-store.js';
import type { OffsetStore } from './offset-store/offset-store.js';
import { RemoteBrokerOffsetStore } from './offset-store/remote-broker-offset-store.js';
import { PullAPIWrapper } from './pull-api-wrapper.js';
import { buildPullSysFlag } from '../../protocol/pull-sys-flag.js';
import type { PullResult } from './pull-result.js';
import { SUB_ALL, buildSubscriptionData } from './subscription.js';

export interface PullConsumerOptions extends ClientConfig {
  consumerGroup?: string;
  messageModel?: MessageModel;
  /** Topics announced in heartbeats from the start (Java registerTopics). */
  registerTopics?: readonly string[];
  /** Longest time the broker may hold a blocking pull (20000). */
  brokerSuspendMaxTimeMillis?: number;
  /** Client timeout of a blocking pull (30000). */
  consumerTimeoutMillisWhenSuspend?: number;
  /** Client timeout of a non-blocking pull (10000). */
  consumerPullTimeoutMillis?: number;
  /** Root directory of BROADCASTING offset files (~/.rocketmq_offsets). */
  localOffsetStoreDir?: string;
  offsetStore?: OffsetStore;
  clientInstance?: ClientInstance;
}

export const DEFAULT_CONSUMER_GROUP = 'DEFAULT_CONSUMER';

type State = 'CREATED' | 'RUNNING' | 'SHUTDOWN';

export class PullConsumer implements ConsumerInner {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly instance: ClientInstance;
  readonly offsetStore: OffsetStore;
  private readonly options: PullConsumerOptions;
  private readonly ownsInstance: boolean;
  private readonly queueAdmin: QueueAdmin;
  private readonly topics = new Set<string>();
  private readonly subscribeQueues = new Map<string, MessageQueue[]>();
  private readonly pullApi: PullAPIWrapper;
  private state: State = 'CREATED';

  constructor(options: PullConsumerOptions = {}) {
    this.options = options;
    this.group = options.consumerGroup ?? DEFAULT_CONSUMER_GROUP;
    this.messageModel = options.messageModel ?? 'CLUSTERING';
    this.ownsInstance = options.clientInstance === undefined;
    this.instance = options.clientInstance ?? new ClientInstance(options);
    this.queueAdmin = new QueueAdmin(this.instance);
    this.pullApi = new PullAPIWrapper(this.instance, this.group);
    this.offsetStore = options.offsetStore ?? this.defaultOffsetStore();
    for (const topic of options.registerTopics ?? []) this.topics.add(topic);
  }

  private defaultOffsetStore(): OffsetStore {
    if (this.messageModel === 'CLUSTERING') return new RemoteBrokerOffsetStore(this.instance, this.group);
    const dir = this.options.localOffsetStoreDir;
    return new LocalFileOffsetStore(dir === undefined ? { clientId: this.instance.clientId, group: this.group } : { clientId: this.instance.clientId, group: this.group, dir });
  }

  async start(): Promise<void> {
    if (this.state !== 'CREATED') throw new MQClientError('CLIENT_STATE', `pull consumer ${this.group} is ${this.state === 'RUNNING' ? 'already started' : 'shut down'}`);
    checkGroup(this.group);
    await this.offsetStore.load();
    this.instance.registerConsumer(this);
    if (this.ownsInstance) this.instance.start();
    this.state = 'RUNNING';
    await this.instance.updateAllTopicRoutes();
    await this.instance.sendHeartbeatToAllBrokers();
  }

  /** Commits the offsets, leaves the group on every broker, and closes. */
  async shutdown(): Promise<void> {
    if (this.state !== 'RUNNING') return;
    this.state = 'SHUTDOWN';
    await this.persistConsumerOffset().catch((error: unknown) => this.instance.config.logger.warn({ err: (error as Error).message }, 'offset persist at shutdown failed'));
    await this.instance.unregisterConsumer(this.group);
    if (this.ownsInstance) await this.instance.shutdown();
  }

  // ----------------------------------------------------------------------------- pulls

  /** Pulls up to `maxNums` messages of `mq` from `offset`; answers at once when there are none. */
  pull(mq: MessageQueue, subExpression: string, offset: number, maxNums: number, timeoutMs?: number): Promise<PullResult> {
    return this.pullSync(mq, subExpression, offset, maxNums, false, timeoutMs ?? this.options.consumerPullTimeoutMillis ?? 10_000);
  }

  /** Like pull, but the broker holds the request until a message arrives or its hold time ends. */
  pullBlockIfNotFound(mq: MessageQueue, subExpression: string, offset: number, maxNums: number): Promise<PullResult> {
    return this.pullSync(mq, subExpression, offset, maxNums, true, this.options.consumerTimeoutMillisWhenSuspend ?? 30_000);
  }

  private async pullSync(mq: MessageQueue, subExpression: string, offset: number, maxNums: number, block: boolean, timeoutMs: number): Promise<PullResult> {
    this.ensureRunning();
    if (!Number.isSafeInteger(offset) || offset < 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `offset ${offset} < 0`);
    if (!Number.isInteger(maxNums) || maxNums <= 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `maxNums ${maxNums} <= 0`);
    this.subscribeAutomatically(mq.topic);
    // Java's pull consumer sends subVersion 0: the subscription in the request is authoritative.
    const subscription = buildSubscriptionData(mq.topic, subExpression, 0);
    return this.pullApi.pullKernel({
      mq,
      subscription,
      postedExpression: subscription.subString,
      offset,
      maxNums,
      sysFlag: buildPullSysFlag({ suspend: block, subscription: true }),
      commitOffset: 0,
      brokerSuspendMaxTimeMillis: this.options.brokerSuspendMaxTimeMillis ?? 20_000,
      timeoutMs,
    });
  }

  private subscribeAutomatically(topic: string): void {
    if (this.topics.has(topic) || this.topics.size >= ClientLimits.maxSubscriptions) return;
    this.topics.add(topic);
  }

  // ----------------------------------------------------------------------------- queues

  /** The readable queues of a topic, from the name servers. */
  async fetchSubscribeMessageQueues(topic: string): Promise<MessageQueue[]> {
    this.ensureRunning();
    const queues = await this.queueAdmin.fetchSubscribeMessageQueues(topic);
    this.subscribeAutomatically(topic);
    return queues;
  }

  minOffset(mq: MessageQueue): Promise<number> {
    return this.queueAdmin.minOffset(mq);
  }

  maxOffset(mq: MessageQueue): Promise<number> {
    return this.queueAdmin.maxOffset(mq);
  }

  searchOffset(mq: MessageQueue, timestamp: number): Promise<number> {
    return this.queueAdmin.searchOffset(mq, timestamp);
  }

  earliestMsgStoreTime(mq: MessageQueue): Promise<number> {
    return this.queueAdmin.earliestMsgStoreTime(mq);
  }

  viewMessage(offsetMsgId: string): Promise<MessageExt> {
    return this.queueAdmin.viewMessage(offsetMsgId);
  }

  // ---------------------------------------------------------------------------- offsets

  /** The group's next offset of `mq`: from the store (broker or file) or memory first; -1 when none. */
  fetchConsumeOffset(mq: MessageQueue, fromStore: boolean): Promise<number> {
    this.ensureRunning();
    return this.offsetStore.readOffset(mq, fromStore ? 'READ_FROM_STORE' : 'MEMORY_FIRST_THEN_STORE');
  }

  /** Records the group's next offset of `mq` (committed with the next persist). */
  updateConsumeOffset(mq: MessageQueue, offset: number): void {
    this.ensureRunning();
    this.offsetStore.updateOffset(mq, offset, false);
  }

  /** Commits every offset in memory now. */
  async persistConsumerOffset(): Promise<void> {
    const queues = [...this.offsetStore.cloneOffsetTable().keys()].map((key) => messageQueueFromKey(key));
    await this.offsetStore.persistAll(queues);
  }

  private ensureRunning(): void {
    if (this.state !== 'RUNNING') throw new MQClientError('CLIENT_STATE', `the pull consumer service state is not OK (${this.state === 'CREATED' ? 'not started' : 'shut down'})`);
  }

  // ------------------------------------------------------------------ ConsumerInner (instance)

  consumerData(): ConsumerData {
    return {
      groupName: this.group,
      consumeType: 'CONSUME_ACTIVELY',
      messageModel: this.messageModel,
      consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
      subscriptionDataSet: [...this.topics].map((topic) => buildSubscriptionData(topic, SUB_ALL, Date.now())),
      unitMode: false,
    };
  }

  subscribeTopics(): readonly string[] {
    return [...this.topics];
  }

  isSubscribeTopicNeedUpdate(topic: string): boolean {
    return this.topics.has(topic) && !this.subscribeQueues.has(topic);
  }

  updateTopicSubscribeInfo(topic: string, queues: MessageQueue[]): void {
    if (this.topics.has(topic)) this.subscribeQueues.set(topic, queues);
  }
}
