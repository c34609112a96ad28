/**
 * PushPullLoop: the pulls of a push consumer (Java `DefaultMQPushConsumerImpl.pullMessage`
 * with `PullMessageService`). Each held queue has one PullRequest; each pull, when it
 * ends, schedules the next one, so at most one pull per queue waits or is in flight.
 *
 * Before a pull (each check that fails re-schedules the pull):
 *   consumer not running → pullTimeDelayMillsWhenException; paused → 1 s;
 *   more than pullThresholdForQueue messages or pullThresholdSizeForQueue MiB cached, or
 *   (concurrently) cached offsets spanning more than consumeConcurrentlyMaxSpan → 50 ms;
 *   orderly: the queue not locked → pullTimeDelayMillsWhenException; the first pull after
 *   the lock re-reads the start offset from the store.
 * The pull: PULL_MESSAGE with SUSPEND (the broker holds it up to brokerSuspendMaxTimeMillis,
 * the client waits consumerTimeoutMillisWhenSuspend), COMMIT_OFFSET with the offset in
 * memory when CLUSTERING and it is > 0, SUBSCRIPTION only with postSubscriptionWhenPull.
 * The answer (protocol §6.5):
 *   FOUND           cache the messages, hand them to the consume service, pull again
 *                   (after pullInterval);
 *   NO_NEW_MSG / NO_MATCHED_MSG  move to nextBeginOffset (also the consumer offset when
 *                   nothing is cached), pull again at once;
 *   OFFSET_ILLEGAL  move to nextBeginOffset, drop the process queue; 10 s later store that
 *                   offset and remove the queue, so the next rebalance starts it afresh;
 *   error           FLOW_CONTROL → again in 20 ms; anything else → pullTimeDelayMillsWhenException.
 * Results that come back for a dropped queue or after the consumer stopped are ignored.
 */
import type { Logger } from '../../common/log.js';
import type { MessageModel } from '../../protocol/bodies/heartbeat-data.js';
import type { ConsumeMessageService } from './consume-service.js';
import type { ConsumerStats } from './consumer-stats.js';
import type { OffsetStore } from './offset-store/offset-store.js';
import type { PullAPIWrapper } from './pull-api-wrapper.js';
import { delayAfterPullFailure, PullDelays } from './pull-delays.js';
import type { PullRequest } from './pull-request.js';
import type { PullResult } from './pull-result.js';
import { buildPullSysFlag } from '../../protocol/pull-sys-flag.js';
import type { ResolvedPushConsumerOptions } from './push-consumer-options.js';
import type { RebalanceImpl } from './rebalance/rebalance-impl.js';

const OFFSET_ILLEGAL_FIX_DELAY_MS = 10_000;

export interface PullLoopHost {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly options: ResolvedPushConsumerOptions;
  readonly orderly: boolean;
  readonly rebalance: RebalanceImpl;
  readonly pullApi: PullAPIWrapper;
  readonly offsetStore: OffsetStore;
  readonly stats: ConsumerStats;
  readonly logger: Logger;
  consumeService(): ConsumeMessageService;
  running(): boolean;
  paused(): boolean;
  /** The current per-queue thresholds (pullThresholdFor/SizeForTopic divide among queues). */
  pullThresholds(): { messages: number; mebibytes: number };
  computePullFromWhere(request: PullRequest): Promise<number>;
}

export class PushPullLoop {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly host: PullLoopHost) {}

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  executePullRequestImmediately(request: PullRequest): void {
    if (this.stopped) return;
    queueMicrotask(() => void this.pullMessage(request));
  }

  executePullRequestLater(request: PullRequest, delayMs: number): void {
    this.executeTaskLater(() => void this.pullMessage(request), delayMs);
  }

  executeTaskLater(task: () => void, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) task();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async pullMessage(request: PullRequest): Promise<void> {
    const { processQueue: pq, messageQueue: mq } = request;
    if (pq.dropped || this.stopped) return;
    pq.lastPullTimestamp = this.host.options.clock();
    const delayMs = this.holdBack(request);
    if (delayMs !== null) return this.executePullRequestLater(request, delayMs);
    if (this.host.orderly && !(await this.fixOffsetOnFirstLock(request))) return;
    const subscription = this.host.rebalance.subscriptions.get(mq.topic);
    if (subscription === undefined) {
      this.host.logger.warn({ group: this.host.group, mq }, 'no subscription for the queue\'s topic');
      return this.executePullRequestLater(request, this.host.options.pullTimeDelayMillsWhenException);
    }
    const commitOffset = this.host.messageModel === 'CLUSTERING' ? await this.host.offsetStore.readOffset(mq, 'READ_FROM_MEMORY') : 0;
    const posted = this.host.options.postSubscriptionWhenPull && !subscription.classFilterMode ? subscription.subString : undefined;
    const begin = this.host.options.clock();
    let result: PullResult;
    try {
      result = await this.host.pullApi.pullKernel({
        mq,
        subscription,
        postedExpression: posted,
        offset: request.nextOffset,
        maxNums: this.host.options.pullBatchSize,
        sysFlag: buildPullSysFlag({ commitOffset: commitOffset > 0, suspend: true, subscription: posted !== undefined, classFilter: subscription.classFilterMode }),
        commitOffset: Math.max(0, commitOffset),
        brokerSuspendMaxTimeMillis: this.host.options.brokerSuspendMaxTimeMillis,
        timeoutMs: this.host.options.consumerTimeoutMillisWhenSuspend,
      });
    } catch (error) {
      return this.onPullFailed(request, error);
    }
    if (pq.dropped || this.stopped) return;
    this.onPullAnswered(request, result, this.host.options.clock() - begin);
  }

  /** The delay to pull later with, or null to pull now. */
  private holdBack(request: PullRequest): number | null {
    const pq = request.processQueue;
    if (!this.host.running()) return this.host.options.pullTimeDelayMillsWhenException;
    if (this.host.paused()) return PullDelays.whenPausedMs;
    const thresholds = this.host.pullThresholds();
    if (pq.count > thresholds.messages) return PullDelays.whenCacheFlowControlMs;
    if (pq.sizeBytes / (1024 * 1024) > thresholds.mebibytes) return PullDelays.whenCacheFlowControlMs;
    if (!this.host.orderly && pq.maxSpan() > this.host.options.consumeConcurrentlyMaxSpan) return PullDelays.whenCacheFlowControlMs;
    if (this.host.orderly && !pq.locked) return this.host.options.pullTimeDelayMillsWhenException;
    return null;
  }

  /** Orderly: the first pull after the lock starts from the store's offset. False: pull later. */
  private async fixOffsetOnFirstLock(request: PullRequest): Promise<boolean> {
    if (request.previouslyLocked) return true;
    try {
      const offset = await this.host.computePullFromWhere(request);
      if (offset < 0) throw new Error(`no start offset for ${request.messageQueue.topic}:${request.messageQueue.queueId}`);
      request.previouslyLocked = true;
      request.nextOffset = offset;
      return true;
    } catch (error) {
      this.host.logger.error({ group: this.host.group, mq: request.messageQueue, err: (error as Error).message }, 'the start offset could not be read');
      this.executePullRequestLater(request, this.host.options.pullTimeDelayMillsWhenException);
      return false;
    }
  }

  private onPullAnswered(request: PullRequest, result: PullResult, rtMs: number): void {
    const { processQueue: pq, messageQueue: mq } = request;
    switch (result.pullStatus) {
      case 'FOUND': {
        request.nextOffset = result.nextBeginOffset;
        if (result.msgFoundList.length === 0) return this.executePullRequestImmediately(request);
        this.host.stats.pulled(mq.topic, result.msgFoundList.length, rtMs);
        const dispatch = pq.putMessage(result.msgFoundList);
        this.host.consumeService().submitConsumeRequest(result.msgFoundList, pq, mq, dispatch);
        if (this.host.options.pullInterval > 0) return this.executePullRequestLater(request, this.host.options.pullInterval);
        return this.executePullRequestImmediately(request);
      }
      case 'NO_NEW_MSG':
      case 'NO_MATCHED_MSG':
        request.nextOffset = result.nextBeginOffset;
        if (pq.count === 0) this.host.offsetStore.updateOffset(mq, request.nextOffset, true);
        return this.executePullRequestImmediately(request);
      case 'OFFSET_ILLEGAL':
        this.host.logger.warn({ group: this.host.group, mq, offset: request.nextOffset, next: result.nextBeginOffset }, 'the pull offset is illegal; the queue restarts from the broker\'s offset');
        request.nextOffset = result.nextBeginOffset;
        pq.dropped = true;
        return this.executeTaskLater(() => void this.fixIllegalOffset(request), OFFSET_ILLEGAL_FIX_DELAY_MS);
    }
  }

  private async fixIllegalOffset(request: PullRequest): Promise<void> {
    const mq = request.messageQueue;
    try {
      this.host.offsetStore.updateOffset(mq, request.nextOffset, false);
      await this.host.offsetStore.persist(mq);
      await this.host.rebalance.removeProcessQueue(mq);
    } catch (error) {
      this.host.logger.error({ group: this.host.group, mq, err: (error as Error).message }, 'fixing an illegal offset failed');
    }
  }

  private onPullFailed(request: PullRequest, error: unknown): void {
    if (this.stopped || request.processQueue.dropped) return;
    if (!request.messageQueue.topic.startsWith('%RETRY%')) {
      this.host.logger.warn({ group: this.host.group, mq: request.messageQueue, err: (error as Error).message }, 'pull failed');
    }
    this.executePullRequestLater(request, delayAfterPullFailure(error, this.host.options.pullTimeDelayMillsWhenException));
  }
}
