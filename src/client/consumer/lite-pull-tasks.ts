/**
 * LitePullTasks: the background pulls of a lite pull consumer (Java
 * `DefaultLitePullConsumerImpl.PullTaskImpl`), one task per assigned queue, each pulling
 * again as soon as its previous pull ended.
 *
 * A task waits (and tries again) while: its queue is paused (1 s); the buffer holds more
 * than pullThresholdForAll messages, or the queue caches more than pullThresholdForQueue
 * messages / pullThresholdSizeForQueue MiB, or its cached offsets span more than
 * consumeMaxSpan (50 ms). It pulls from the seek offset if one was set, else from where
 * its last pull ended, else from the offset store (computePullFromWhere). Pulls carry the
 * subscription and LITE_PULL and may be held by the broker (brokerSuspendMaxTimeMillis).
 * FOUND batches go to the buffer (unless a seek came meanwhile); every answer moves the
 * pull offset to nextBeginOffset. Failures: FLOW_CONTROL → 20 ms, others →
 * pullTimeDelayMillsWhenException. A cancelled task (queue unassigned, seek, shutdown)
 * drops the answer of the pull it has in flight.
 */
import type { Logger } from '../../common/log.js';
import { messageQueueKey, type MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import type { AssignedMessageQueue, QueueState } from './assigned-message-queue.js';
import type { ConsumeRequestBuffer } from './consume-request-buffer.js';
import type { ResolvedLitePullConsumerOptions } from './lite-pull-consumer-options.js';
import type { PullAPIWrapper } from './pull-api-wrapper.js';
import { delayAfterPullFailure, PullDelays } from './pull-delays.js';
import { buildPullSysFlag } from '../../protocol/pull-sys-flag.js';


export interface LitePullHost {
  readonly group: string;
  readonly options: ResolvedLitePullConsumerOptions;
  readonly logger: Logger;
  readonly assigned: AssignedMessageQueue;
  readonly buffer: ConsumeRequestBuffer;
  readonly pullApi: PullAPIWrapper;
  subscriptionFor(topic: string): SubscriptionData;
  startOffset(mq: MessageQueue): Promise<number>;
}

interface Task {
  readonly mq: MessageQueue;
  cancelled: boolean;
}

export class LitePullTasks {
  private readonly tasks = new Map<string, Task>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly host: LitePullHost) {}

  /** Keeps tasks for exactly `mqs` (within `topic` when given). */
  update(mqs: readonly MessageQueue[], topic?: string): void {
    const wanted = new Set(mqs.map(messageQueueKey));
    for (const [key, task] of this.tasks) {
      if (topic !== undefined && task.mq.topic !== topic) continue;
      if (!wanted.has(key)) this.cancel(task.mq);
    }
    for (const mq of mqs) this.start(mq);
  }

  start(mq: MessageQueue): void {
    const key = messageQueueKey(mq);
    if (this.stopped || this.tasks.has(key)) return;
    const task: Task = { mq, cancelled: false };
    this.tasks.set(key, task);
    this.later(task, 0);
  }

  cancel(mq: MessageQueue): void {
    const key = messageQueueKey(mq);
    const task = this.tasks.get(key);
    if (task === undefined) return;
    task.cancelled = true;
    this.tasks.delete(key);
  }

  stop(): void {
    this.stopped = true;
    for (const task of this.tasks.values()) task.cancelled = true;
    this.tasks.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(task: Task, delayMs: number): void {
    if (task.cancelled || this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.run(task);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async run(task: Task): Promise<void> {
    if (task.cancelled) return;
    const state = this.host.assigned.state(task.mq);
    if (state === undefined || state.pq.dropped) return;
    const wait = this.holdBack(state);
    if (wait !== null) return this.later(task, wait);
    let offset: number;
    try {
      offset = await this.nextPullOffset(state);
    } catch (error) {
      this.host.logger.warn({ group: this.host.group, mq: task.mq, err: (error as Error).message }, 'lite pull: no start offset');
      return this.later(task, this.host.options.pullTimeDelayMillsWhenException);
    }
    if (task.cancelled || state.pq.dropped) return;
    this.later(task, await this.pullOnce(task, state, offset));
  }

  private holdBack(state: QueueState): number | null {
    const { options } = this.host;
    if (state.paused) return PullDelays.whenPausedMs;
    if (this.host.buffer.size * options.pullBatchSize > options.pullThresholdForAll) return PullDelays.whenCacheFlowControlMs;
    if (state.pq.count > options.pullThresholdForQueue) return PullDelays.whenCacheFlowControlMs;
    if (state.pq.sizeBytes / (1024 * 1024) > options.pullThresholdSizeForQueue) return PullDelays.whenCacheFlowControlMs;
    if (state.pq.maxSpan() > options.consumeMaxSpan) return PullDelays.whenCacheFlowControlMs;
    return null;
  }

  private async nextPullOffset(state: QueueState): Promise<number> {
    if (state.seekOffset !== -1) {
      const offset = state.seekOffset;
      state.consumeOffset = offset;
      state.seekOffset = -1;
      return offset;
    }
    if (state.pullOffset !== -1) return state.pullOffset;
    const offset = await this.host.startOffset(state.mq);
    if (offset < 0) throw new Error(`no offset could be read for ${state.mq.topic}:${state.mq.queueId}`);
    return offset;
  }

  /** One pull; answers the delay before the next one. */
  private async pullOnce(task: Task, state: QueueState, offset: number): Promise<number> {
    const { options } = this.host;
    const subscription = this.host.subscriptionFor(task.mq.topic);
    try {
      const result = await this.host.pullApi.pullKernel({
        mq: task.mq,
        subscription,
        postedExpression: subscription.subString,
        offset,
        maxNums: options.pullBatchSize,
        sysFlag: buildPullSysFlag({ suspend: true, subscription: true, litePull: true }),
        commitOffset: 0,
        brokerSuspendMaxTimeMillis: options.brokerSuspendMaxTimeMillis,
        timeoutMs: options.consumerTimeoutMillisWhenSuspend,
      });
      if (task.cancelled || state.pq.dropped) return 0;
      if (result.pullStatus === 'FOUND' && result.msgFoundList.length > 0 && state.seekOffset === -1) {
        state.pq.putMessage(result.msgFoundList);
        this.host.buffer.push({ mq: task.mq, pq: state.pq, msgs: result.msgFoundList });
      }
      if (state.seekOffset === -1) state.pullOffset = result.nextBeginOffset;
      return 0;
    } catch (error) {
      if (task.cancelled) return 0;
      this.host.logger.warn({ group: this.host.group, mq: task.mq, err: (error as Error).message }, 'lite pull failed');
      return delayAfterPullFailure(error, options.pullTimeDelayMillsWhenException);
    }
  }
}
