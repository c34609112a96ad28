/**
 * ConsumeMessageOrderlyService: the messages of a queue reach the listener one batch at a
 * time, in offset order (Java `ConsumeMessageOrderlyService`); different queues run side
 * by side, at most consumeThreadMax at once.
 *
 * CLUSTERING: a queue is consumed only while this client holds its broker lock
 * (LOCK_BATCH_MQ, renewed every rebalanceLockInterval, trusted for
 * rebalanceLockMaxLiveTime); without it the queue is retried after locking again.
 * BROADCASTING needs no lock.
 *
 * A consume request for a queue loops: take up to consumeMessageBatchMaxSize messages,
 * call the listener, act on the answer, until the queue is empty, the answer suspends it,
 * or it ran for a minute (then it yields and continues 10 ms later). Answers:
 *   SUCCESS (autoCommit) / COMMIT          the batch is done; the offset moves past it
 *   SUSPEND_CURRENT_QUEUE_A_MOMENT, a throw, no answer, a timeout
 *                                          the same batch again after the context's (or
 *                                          the consumer's) suspend time — unless a
 *                                          message reached maxReconsumeTimes: that one
 *                                          goes to %RETRY% (and so the DLQ) and is done
 *   ROLLBACK (manual commit)               the whole uncommitted batch again later
 *   SUCCESS (manual commit)                nothing committed yet
 * Orderly consumers never send CONSUMER_SEND_MSG_BACK.
 */
import type { ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result.js';
import { messageQueueKey, type MessageQueue } from '../../protocol/bodies/message-queue.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import type { MessageExt } from '../message/message-ext.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { AbandonedCalls, LaterTimers, resetRetryTopic, stampConsumeStart, type ConsumeMessageService, type ConsumeServiceHost } from './consume-service.js';
import { callListener } from './listener-call.js';
import { orderlyContext, type ConsumeOrderlyContext, type ConsumeOrderlyStatus, type MessageListenerOrderly } from './message-listener.js';
import type { ProcessQueue } from './process-queue.js';

/** How long one consume request may loop over a queue before yielding (Java maxTimeConsumeContinuously). */
const MAX_TIME_CONSUME_CONTINUOUSLY_MS = 60_000;
const MAX_QUEUED_REQUESTS = 65536;
/** Java Integer.MAX_VALUE: orderly messages are retried without end unless maxReconsumeTimes is set. */
const UNLIMITED = 2147483647;
const ORDERLY_STATUSES: ReadonlySet<string> = new Set(['SUCCESS', 'SUSPEND_CURRENT_QUEUE_A_MOMENT', 'COMMIT', 'ROLLBACK']);

export class ConsumeMessageOrderlyService implements ConsumeMessageService {
  private readonly limiter: ConcurrencyLimiter;
  private readonly later = new LaterTimers();
  private readonly abandoned = new AbandonedCalls();
  /** Queues with a consume request running → whether another was asked for meanwhile. */
  private readonly running = new Map<string, boolean>();
  private lockTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly host: ConsumeServiceHost,
    private readonly listener: MessageListenerOrderly,
  ) {
    const limit = Math.max(host.options.consumeThreadMin, host.options.consumeThreadMax);
    this.limiter = new ConcurrencyLimiter(limit, MAX_QUEUED_REQUESTS, (error) => host.logger.error({ err: (error as Error).message }, 'orderly consume request failed'));
  }

  get corePoolSize(): number {
    return this.limiter.concurrency;
  }

  get abandonedCalls(): number {
    return this.abandoned.count;
  }

  private get clustering(): boolean {
    return this.host.messageModel === 'CLUSTERING';
  }

  private get maxReconsumeTimes(): number {
    return this.host.options.maxReconsumeTimes === -1 ? UNLIMITED : this.host.options.maxReconsumeTimes;
  }

  start(): void {
    if (!this.clustering) return;
    const renew = (delayMs: number): void => {
      this.lockTimer = setTimeout(() => {
        void this.host.rebalance.lockAll().finally(() => {
          if (!this.stopped) renew(this.host.options.rebalanceLockInterval);
        });
      }, delayMs);
      this.lockTimer.unref();
    };
    renew(1000);
  }

  async shutdown(awaitMs: number): Promise<void> {
    this.stopped = true;
    if (this.lockTimer) clearTimeout(this.lockTimer);
    this.later.clear();
    await this.limiter.drain(awaitMs);
    this.limiter.clear();
    if (this.clustering) await this.host.rebalance.unlockAll(false);
  }

  submitConsumeRequest(_msgs: MessageExt[], pq: ProcessQueue, mq: MessageQueue, dispatchToConsume: boolean): void {
    if (dispatchToConsume) this.submit(pq, mq);
  }

  private submit(pq: ProcessQueue, mq: MessageQueue): void {
    if (this.stopped) return;
    if (!this.limiter.tryRun(() => this.run(pq, mq))) this.submitLater(pq, mq, 100);
  }

  /** Java submitConsumeRequestLater: -1 means suspendCurrentQueueTimeMillis; clamped to 10 ms … 30 s. */
  private submitLater(pq: ProcessQueue, mq: MessageQueue, suspendMs: number): void {
    const delay = Math.min(30_000, Math.max(10, suspendMs === -1 ? this.host.options.suspendCurrentQueueTimeMillis : suspendMs));
    this.later.schedule(delay, () => this.submit(pq, mq));
  }

  private tryLockLaterAndReconsume(pq: ProcessQueue, mq: MessageQueue, delayMs: number): void {
    this.later.schedule(delayMs, () => {
      if (this.stopped) return;
      void this.host.rebalance.lock(mq).then((locked) => this.submitLater(pq, mq, locked ? 10 : 3000));
    });
  }

  private async run(pq: ProcessQueue, mq: MessageQueue): Promise<void> {
    if (pq.dropped) return;
    const key = messageQueueKey(mq);
    if (this.running.has(key)) {
      this.running.set(key, true);
      return;
    }
    this.running.set(key, false);
    try {
      await this.consumeLoop(pq, mq);
    } finally {
      const again = this.running.get(key) === true;
      this.running.delete(key);
      if (again && !pq.dropped) this.submit(pq, mq);
    }
  }

  private lockUsable(pq: ProcessQueue): boolean {
    return pq.locked && !pq.isLockExpired(this.host.options.rebalanceLockMaxLiveTime);
  }

  private async consumeLoop(pq: ProcessQueue, mq: MessageQueue): Promise<void> {
    if (this.clustering && !this.lockUsable(pq)) {
      if (!pq.dropped) this.tryLockLaterAndReconsume(pq, mq, 100);
      return;
    }
    const begin = this.host.options.clock();
    for (;;) {
      if (pq.dropped || this.stopped) return;
      if (this.clustering && !this.lockUsable(pq)) return this.tryLockLaterAndReconsume(pq, mq, 10);
      if (this.host.options.clock() - begin > MAX_TIME_CONSUME_CONTINUOUSLY_MS) return this.submitLater(pq, mq, 10);
      const msgs = pq.takeMessages(this.host.options.consumeMessageBatchMaxSize);
      if (msgs.length === 0) return;
      resetRetryTopic(msgs, this.host.group);
      if (!(await this.consumeBatch(msgs, pq, mq))) return;
    }
  }

  /** One listener call; answers whether the loop may go on. */
  private async consumeBatch(msgs: MessageExt[], pq: ProcessQueue, mq: MessageQueue): Promise<boolean> {
    const context = orderlyContext(mq);
    stampConsumeStart(msgs, this.host.options.clock());
    pq.inFlight++;
    const outcome = await callListener(() => this.listener.consumeOrderly(msgs, context), this.host.options.consumeTimeout * 60_000, this.host.options.clock);
    pq.inFlight--;
    if (outcome.timedOut) {
      this.abandoned.track(outcome.late);
      this.host.logger.warn({ group: this.host.group, mq, timeoutMin: this.host.options.consumeTimeout }, 'orderly listener call timed out; the queue is suspended');
    } else if (outcome.error !== undefined) {
      this.host.logger.warn({ group: this.host.group, mq, err: (outcome.error as Error).message ?? String(outcome.error) }, 'orderly listener threw; the queue is suspended');
    }
    const answered = outcome.status !== undefined && ORDERLY_STATUSES.has(outcome.status) ? outcome.status : undefined;
    const status: ConsumeOrderlyStatus = outcome.timedOut || answered === undefined ? 'SUSPEND_CURRENT_QUEUE_A_MOMENT' : answered;
    const ok = status === 'SUCCESS' || status === 'COMMIT';
    this.host.stats.consumed(mq.topic, ok ? msgs.length : 0, ok ? 0 : msgs.length, outcome.spentMs);
    if (pq.dropped) return false;
    return this.processConsumeResult(msgs, status, context, pq, mq);
  }

  private async processConsumeResult(msgs: MessageExt[], status: ConsumeOrderlyStatus, context: ConsumeOrderlyContext, pq: ProcessQueue, mq: MessageQueue): Promise<boolean> {
    let commitOffset = -1;
    let goOn = true;
    const suspend = async (): Promise<void> => {
      if (await this.checkReconsumeTimes(msgs)) {
        pq.makeMessageToConsumeAgain(msgs);
        this.submitLater(pq, mq, context.suspendCurrentQueueTimeMillis);
        goOn = false;
      } else if (context.autoCommit) commitOffset = pq.commit();
    };
    if (context.autoCommit) {
      if (status === 'SUSPEND_CURRENT_QUEUE_A_MOMENT') await suspend();
      else commitOffset = pq.commit();
    } else if (status === 'COMMIT') commitOffset = pq.commit();
    else if (status === 'ROLLBACK') {
      pq.rollback();
      this.submitLater(pq, mq, context.suspendCurrentQueueTimeMillis);
      goOn = false;
    } else if (status === 'SUSPEND_CURRENT_QUEUE_A_MOMENT') await suspend();
    if (commitOffset >= 0 && !pq.dropped) this.host.offsetStore.updateOffset(mq, commitOffset, false);
    return goOn;
  }

  /**
   * Whether the batch must be suspended: a message below maxReconsumeTimes is retried
   * (reconsumeTimes + 1); one at the limit goes to %RETRY% (then the DLQ) and is done,
   * unless that send fails.
   */
  private async checkReconsumeTimes(msgs: MessageExt[]): Promise<boolean> {
    let suspend = false;
    for (const msg of msgs) {
      if (msg.reconsumeTimes >= this.maxReconsumeTimes) {
        msg.properties[PropertyKey.RECONSUME_TIME] = String(msg.reconsumeTimes);
        try {
          await this.host.resendToRetryTopic(msg, msg.reconsumeTimes);
          continue;
        } catch (error) {
          this.host.logger.error({ group: this.host.group, msgId: msg.msgId, err: (error as Error).message }, 'orderly: sending a message to the DLQ failed');
        }
      }
      suspend = true;
      msg.reconsumeTimes++;
    }
    return suspend;
  }

  async consumeMessageDirectly(msg: MessageExt, brokerName: string | undefined): Promise<ConsumeMessageDirectlyResult> {
    const context = orderlyContext({ topic: msg.topic, brokerName: brokerName ?? '', queueId: msg.queueId });
    resetRetryTopic([msg], this.host.group);
    const outcome = await callListener(() => this.listener.consumeOrderly([msg], context), this.host.options.consumeTimeout * 60_000, this.host.options.clock);
    const result: ConsumeMessageDirectlyResult = { order: true, autoCommit: context.autoCommit, spentTimeMills: outcome.spentMs };
    if (outcome.error !== undefined || outcome.timedOut) {
      result.consumeResult = 'CR_THROW_EXCEPTION';
      result.remark = outcome.timedOut ? `the listener did not answer in ${this.host.options.consumeTimeout} min` : String((outcome.error as Error).message ?? outcome.error);
      return result;
    }
    const byStatus: Record<ConsumeOrderlyStatus, ConsumeMessageDirectlyResult['consumeResult']> = {
      COMMIT: 'CR_COMMIT',
      ROLLBACK: 'CR_ROLLBACK',
      SUCCESS: 'CR_SUCCESS',
      SUSPEND_CURRENT_QUEUE_A_MOMENT: 'CR_LATER',
    };
    result.consumeResult = outcome.status !== undefined && ORDERLY_STATUSES.has(outcome.status) ? byStatus[outcome.status] : 'CR_RETURN_NULL';
    return result;
  }
}
