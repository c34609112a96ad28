/**
 * RebalanceImpl: which queues of its subscribed topics this consumer holds (Java
 * `RebalanceImpl`), shared by the push and lite pull consumers; what differs between
 * them comes in through RebalanceHooks.
 *
 * A rebalance, per subscribed topic:
 *   BROADCASTING: every readable queue of the topic;
 *   CLUSTERING:   the topic's queues and the group's client ids (GET_CONSUMER_LIST_BY_GROUP
 *                 to a broker of the topic), both sorted, cut by the allocation strategy.
 * A topic with no route known yet is looked up on the name server first.
 * Then the process queue table is brought in line: queues no longer held are dropped
 * (their offset persisted; orderly: unlocked), queues idle for pullMaxIdleTime are
 * replaced, and each new queue gets a process queue starting at computePullFromWhere
 * (orderly: only once LOCK_BATCH_MQ granted it). When the set changed, the hooks learn
 * of it before the new pull requests are dispatched (the push consumer bumps its
 * subscription version and sends a heartbeat first, so its pulls are not answered
 * SUBSCRIPTION_NOT_LATEST). Queues of topics no longer subscribed are dropped.
 *
 * Queue locks (orderly, CLUSTERING): `lock` one queue, `lockAll` renews every held queue
 * per broker (a queue the broker no longer grants is marked unlocked), `unlockAll` at
 * shutdown; each request has a 1 s timeout as in Java.
 *
 * The table holds at most ClientLimits.maxOffsetQueues queues.
 */
import type { Logger } from '../../../common/log.js';
import type { ConsumeType, MessageModel } from '../../../protocol/bodies/heartbeat-data.js';
import { compareMessageQueues, messageQueueKey, type MessageQueue, type MessageQueueKey } from '../../../protocol/bodies/message-queue.js';
import type { SubscriptionData } from '../../../protocol/bodies/subscription-data.js';
import { lockBatchMQ, unlockBatchMQ } from '../../api/consumer-api.js';
import type { ClientInstance } from '../../client-instance.js';
import { ClientLimits } from '../../client-limits.js';
import { MASTER_ID } from '../../route/broker-address-table.js';
import { RETRY_GROUP_TOPIC_PREFIX } from '../../validators.js';
import { ProcessQueue } from '../process-queue.js';
import type { PullRequest } from '../pull-request.js';
import type { AllocateMessageQueueStrategy } from './allocate-strategy.js';

/** Timeout of LOCK_BATCH_MQ / UNLOCK_BATCH_MQ (ms), as the Java client. */
const LOCK_TIMEOUT_MS = 1000;

export interface RebalanceHooks {
  readonly consumeType: ConsumeType;
  /** The set of held queues of `topic` changed. */
  messageQueueChanged(topic: string, mqAll: readonly MessageQueue[], mqDivided: readonly MessageQueue[]): Promise<void>;
  /** A queue is given up: persist its offset (orderly: unlock it); false keeps it for now. */
  removeUnnecessaryMessageQueue(mq: MessageQueue, pq: ProcessQueue): Promise<boolean>;
  removeDirtyOffset(mq: MessageQueue): void;
  computePullFromWhere(mq: MessageQueue): Promise<number>;
  dispatchPullRequests(requests: readonly PullRequest[]): void;
}

export interface HeldQueue {
  mq: MessageQueue;
  pq: ProcessQueue;
}

export interface RebalanceSettings {
  group: string;
  messageModel: MessageModel;
  strategy: AllocateMessageQueueStrategy;
  pullMaxIdleTimeMs: number;
  now: () => number;
}

export class RebalanceImpl {
  readonly subscriptions = new Map<string, SubscriptionData>();
  readonly topicSubscribeInfo = new Map<string, MessageQueue[]>();
  private readonly held = new Map<MessageQueueKey, HeldQueue>();

  constructor(
    private readonly instance: ClientInstance,
    readonly settings: RebalanceSettings,
    private readonly hooks: RebalanceHooks,
    private readonly logger: Logger,
  ) {}

  get group(): string {
    return this.settings.group;
  }

  /** The subscribed topics (the retry topic included), whose routes the client keeps. */
  subscribedTopics(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** A subscribed topic whose queues are not known yet. */
  needsRoute(topic: string): boolean {
    return this.subscriptions.has(topic) && !this.topicSubscribeInfo.has(topic);
  }

  /** The readable queues of a subscribed topic's new route (ignored for other topics). */
  updateTopicSubscribeInfo(topic: string, queues: MessageQueue[]): void {
    if (this.subscriptions.has(topic)) this.topicSubscribeInfo.set(topic, queues);
  }

  processQueue(mq: MessageQueue): ProcessQueue | undefined {
    return this.held.get(messageQueueKey(mq))?.pq;
  }

  heldQueues(): HeldQueue[] {
    return [...this.held.values()];
  }

  async doRebalance(isOrder: boolean): Promise<void> {
    for (const topic of [...this.subscriptions.keys()]) {
      try {
        await this.rebalanceByTopic(topic, isOrder);
      } catch (error) {
        if (!topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) this.logger.warn({ group: this.group, topic, err: (error as Error).message }, 'rebalance of a topic failed');
      }
    }
    this.truncateMessageQueueNotMyTopic();
  }

  private async rebalanceByTopic(topic: string, isOrder: boolean): Promise<void> {
    const mqSet = this.topicSubscribeInfo.get(topic) ?? (await this.fetchMissingRoute(topic));
    if (mqSet === undefined) {
      if (!topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) this.logger.warn({ group: this.group, topic }, 'rebalance: the topic has no route');
      return;
    }
    const allocated = this.settings.messageModel === 'BROADCASTING' ? mqSet : await this.allocate(topic, mqSet);
    if (allocated === undefined) return;
    const { changed, requests } = await this.updateProcessQueueTable(topic, allocated, isOrder);
    if (changed) await this.hooks.messageQueueChanged(topic, mqSet, allocated);
    if (requests.length > 0) this.hooks.dispatchPullRequests(requests);
  }

  /**
   * A subscribed topic whose route is not known yet (typically `%RETRY%<group>`, created by
   * the broker at this consumer's first heartbeat, after the start-up route fetch): asked of
   * the name server again now, rather than at the next pollNameServerInterval.
   */
  private async fetchMissingRoute(topic: string): Promise<MessageQueue[] | undefined> {
    await this.instance.updateTopicRoute(topic).catch(() => false);
    return this.topicSubscribeInfo.get(topic);
  }

  private async allocate(topic: string, mqSet: readonly MessageQueue[]): Promise<MessageQueue[] | undefined> {
    const cidAll = await this.instance.findConsumerIdList(topic, this.group);
    if (cidAll === undefined) {
      this.logger.warn({ group: this.group, topic }, 'rebalance: the consumer id list could not be read');
      return undefined;
    }
    if (cidAll.length === 0) return undefined;
    const mqAll = [...mqSet].sort(compareMessageQueues);
    const cids = [...cidAll].sort();
    try {
      return this.settings.strategy.allocate(this.group, this.instance.clientId, mqAll, cids);
    } catch (error) {
      this.logger.error({ group: this.group, strategy: this.settings.strategy.name, err: (error as Error).message }, 'allocation strategy failed');
      return undefined;
    }
  }

  private async updateProcessQueueTable(topic: string, mqSet: readonly MessageQueue[], isOrder: boolean): Promise<{ changed: boolean; requests: PullRequest[] }> {
    const wanted = new Set(mqSet.map(messageQueueKey));
    let changed = false;
    for (const [key, { mq, pq }] of [...this.held]) {
      if (mq.topic !== topic) continue;
      const gone = !wanted.has(key);
      if (!gone && !(this.hooks.consumeType === 'CONSUME_PASSIVELY' && pq.isPullExpired(this.settings.pullMaxIdleTimeMs))) continue;
      pq.dropped = true;
      if (await this.hooks.removeUnnecessaryMessageQueue(mq, pq)) {
        if (this.held.get(key)?.pq === pq) this.held.delete(key);
        changed = true;
        if (!gone) this.logger.error({ group: this.group, mq }, 'a queue was not pulled for too long; replaced');
      }
    }
    const requests: PullRequest[] = [];
    for (const mq of mqSet) {
      const request = await this.addQueue(mq, isOrder);
      if (request === undefined) continue;
      requests.push(request);
      changed = true;
    }
    return { changed, requests };
  }

  /** Takes a newly assigned queue; its pull request, or undefined when it is not taken now. */
  private async addQueue(mq: MessageQueue, isOrder: boolean): Promise<PullRequest | undefined> {
    const key = messageQueueKey(mq);
    if (this.held.has(key) || this.held.size >= ClientLimits.maxOffsetQueues) return undefined;
    if (isOrder && !(await this.lock(mq))) {
      this.logger.warn({ group: this.group, mq }, 'rebalance: the queue could not be locked; not taken this time');
      return undefined;
    }
    this.hooks.removeDirtyOffset(mq);
    const pq = new ProcessQueue(this.settings.now);
    pq.locked = true;
    let nextOffset: number;
    try {
      nextOffset = await this.hooks.computePullFromWhere(mq);
    } catch (error) {
      this.logger.info({ group: this.group, mq, err: (error as Error).message }, 'rebalance: the start offset could not be computed');
      return undefined;
    }
    if (nextOffset < 0 || this.held.has(key)) return undefined;
    this.held.set(key, { mq, pq });
    return { consumerGroup: this.group, messageQueue: mq, processQueue: pq, nextOffset, previouslyLocked: false };
  }

  private truncateMessageQueueNotMyTopic(): void {
    for (const [key, { mq, pq }] of [...this.held]) {
      if (this.subscriptions.has(mq.topic)) continue;
      pq.dropped = true;
      this.held.delete(key);
    }
  }

  /** Drops a queue's process queue now (offset moved, offset reset). */
  async removeProcessQueue(mq: MessageQueue): Promise<void> {
    const key = messageQueueKey(mq);
    const entry = this.held.get(key);
    if (entry === undefined) return;
    this.held.delete(key);
    entry.pq.dropped = true;
    await this.hooks.removeUnnecessaryMessageQueue(mq, entry.pq);
  }

  /** Drops every process queue (shutdown). */
  destroy(): void {
    for (const { pq } of this.held.values()) pq.dropped = true;
    this.held.clear();
  }

  // ---------------------------------------------------------------------------- locks

  private lockBody(mqSet: MessageQueue[]): { consumerGroup: string; clientId: string; mqSet: MessageQueue[] } {
    return { consumerGroup: this.group, clientId: this.instance.clientId, mqSet };
  }

  private masterOf(brokerName: string): string | undefined {
    return this.instance.findBrokerAddressInSubscribe(brokerName, MASTER_ID, true)?.address;
  }

  /** LOCK_BATCH_MQ for one queue; whether this client now holds it. */
  async lock(mq: MessageQueue): Promise<boolean> {
    const address = this.masterOf(mq.brokerName);
    if (address === undefined) return false;
    try {
      const locked = await lockBatchMQ(this.instance.remoting, address, this.lockBody([mq]), LOCK_TIMEOUT_MS);
      for (const queue of locked) this.markLocked(queue, true);
      return locked.some((queue) => messageQueueKey(queue) === messageQueueKey(mq));
    } catch (error) {
      this.logger.warn({ group: this.group, mq, err: (error as Error).message }, 'lock of a queue failed');
      return false;
    }
  }

  /** Renews the locks of every held queue, one request per broker. */
  async lockAll(): Promise<void> {
    for (const [brokerName, mqs] of this.heldByBroker()) {
      const address = this.masterOf(brokerName);
      if (address === undefined) continue;
      try {
        const locked = new Set((await lockBatchMQ(this.instance.remoting, address, this.lockBody(mqs), LOCK_TIMEOUT_MS)).map(messageQueueKey));
        for (const mq of mqs) this.markLocked(mq, locked.has(messageQueueKey(mq)));
      } catch (error) {
        this.logger.warn({ group: this.group, brokerName, err: (error as Error).message }, 'lock renewal failed');
      }
    }
  }

  private markLocked(mq: MessageQueue, locked: boolean): void {
    const pq = this.processQueue(mq);
    if (pq === undefined) return;
    pq.locked = locked;
    if (locked) pq.lastLockTimestamp = this.settings.now();
  }

  async unlock(mq: MessageQueue, oneway: boolean): Promise<void> {
    const address = this.masterOf(mq.brokerName);
    if (address === undefined) return;
    await unlockBatchMQ(this.instance.remoting, address, this.lockBody([mq]), oneway, LOCK_TIMEOUT_MS).catch((error: unknown) =>
      this.logger.warn({ group: this.group, mq, err: (error as Error).message }, 'unlock of a queue failed'),
    );
  }

  async unlockAll(oneway: boolean): Promise<void> {
    for (const [brokerName, mqs] of this.heldByBroker()) {
      const address = this.masterOf(brokerName);
      if (address === undefined) continue;
      try {
        await unlockBatchMQ(this.instance.remoting, address, this.lockBody(mqs), oneway, LOCK_TIMEOUT_MS);
        for (const mq of mqs) this.markLocked(mq, false);
      } catch (error) {
        this.logger.warn({ group: this.group, brokerName, err: (error as Error).message }, 'unlock of queues failed');
      }
    }
  }

  private heldByBroker(): Map<string, MessageQueue[]> {
    const byBroker = new Map<string, MessageQueue[]>();
    for (const { mq } of this.held.values()) {
      const list = byBroker.get(mq.brokerName) ?? [];
      list.push(mq);
      byBroker.set(mq.brokerName, list);
    }
    return byBroker;
  }
}
