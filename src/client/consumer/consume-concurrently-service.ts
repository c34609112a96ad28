/**
 * ConsumeMessageConcurrentlyService: listener calls for any queue in any order, at most
 * consumeThreadMax at once (Java `ConsumeMessageConcurrentlyService`).
 *
 * A pull's messages are cut into batches of consumeMessageBatchMaxSize; each batch is one
 * listener call. Its outcome:
 *   CONSUME_SUCCESS  messages up to context.ackIndex are done, the rest failed;
 *   RECONSUME_LATER, a throw, no answer   every message failed;
 *   no answer within consumeTimeout minutes   every message failed, sent back with delay
 *                                             level 3 (Java's expired-message clean-up).
 * Failed messages: BROADCASTING drops them (logged); CLUSTERING sends each back
 * (send-message-back.ts, delay level from the context) and, when that fails too, keeps it
 * in the process queue with reconsumeTimes + 1 and consumes it again after
 * localRetryDelayMillis. Then the batch leaves the process queue and the queue's offset
 * moves to its smallest unfinished message (never backwards).
 *
 * A batch the limiter cannot queue is submitted again after localRetryDelayMillis. Results
 * for a queue dropped meanwhile (rebalanced away) are not committed.
 */
import type { ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result.js';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { MessageExt } from '../message/message-ext.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { AbandonedCalls, LaterTimers, resetRetryTopic, stampConsumeStart, type ConsumeMessageService, type ConsumeServiceHost } from './consume-service.js';
import { callListener, callListenerNow, type ListenerOutcome } from './listener-call.js';
import { concurrentlyContext, type ConsumeConcurrentlyContext, type ConsumeConcurrentlyStatus, type MessageListenerConcurrently } from './message-listener.js';
import type { ProcessQueue } from './process-queue.js';

/** Delay level of a message whose listener call timed out (Java cleanExpiredMsg). */
const EXPIRED_DELAY_LEVEL = 3;
/** Most batches waiting for the limiter (flow control keeps far fewer). */
const MAX_QUEUED_REQUESTS = 65536;
const DONE: Promise<void> = Promise.resolve();

interface ConsumeRequest {
  msgs: MessageExt[];
  pq: ProcessQueue;
  mq: MessageQueue;
}

export class ConsumeMessageConcurrentlyService implements ConsumeMessageService {
  private readonly limiter: ConcurrencyLimiter;
  private readonly later = new LaterTimers();
  private readonly abandoned = new AbandonedCalls();
  private stopped = false;

  constructor(
    private readonly host: ConsumeServiceHost,
    private readonly listener: MessageListenerConcurrently,
  ) {
    const limit = Math.max(host.options.consumeThreadMin, host.options.consumeThreadMax);
    this.limiter = new ConcurrencyLimiter(limit, MAX_QUEUED_REQUESTS, (error) => host.logger.error({ err: (error as Error).message }, 'consume request failed'));
  }

  get corePoolSize(): number {
    return this.limiter.concurrency;
  }

  get abandonedCalls(): number {
    return this.abandoned.count;
  }

  private get timeoutMs(): number {
    return this.host.options.consumeTimeout * 60_000;
  }

  start(): void {}

  async shutdown(awaitMs: number): Promise<void> {
    this.stopped = true;
    this.later.clear();
    await this.limiter.drain(awaitMs);
    this.limiter.clear();
  }

  submitConsumeRequest(msgs: MessageExt[], pq: ProcessQueue, mq: MessageQueue): void {
    const size = this.host.options.consumeMessageBatchMaxSize;
    for (let from = 0; from < msgs.length; from += size) this.submit({ msgs: msgs.slice(from, from + size), pq, mq });
  }

  private submit(request: ConsumeRequest): void {
    if (this.stopped) return;
    if (!this.limiter.tryRun(() => this.run(request))) this.later.schedule(this.host.options.localRetryDelayMillis, () => this.submit(request));
  }

  /**
   * One listener call. A listener that answers synchronously has its result committed at
   * once: no promise is made and no microtask turn is taken unless something is awaited.
   */
  private run(request: ConsumeRequest): Promise<void> {
    const { msgs, pq, mq } = request;
    if (pq.dropped) return DONE;
    const context = concurrentlyContext(mq);
    resetRetryTopic(msgs, this.host.group);
    const begin = this.host.options.clock();
    stampConsumeStart(msgs, begin);
    pq.inFlight++;
    const outcome = callListenerNow(() => this.listener.consumeConcurrently(msgs, context), this.timeoutMs, this.host.options.clock, begin);
    if (outcome instanceof Promise) return outcome.then((answered) => this.afterCall(request, context, answered));
    return this.afterCall(request, context, outcome);
  }

  private afterCall(request: ConsumeRequest, context: ConsumeConcurrentlyContext, outcome: ListenerOutcome<ConsumeConcurrentlyStatus>): Promise<void> {
    const { pq, mq } = request;
    pq.inFlight--;
    let status: ConsumeConcurrentlyStatus = outcome.status === 'CONSUME_SUCCESS' ? 'CONSUME_SUCCESS' : 'RECONSUME_LATER';
    if (outcome.timedOut) {
      this.abandoned.track(outcome.late);
      status = 'RECONSUME_LATER';
      context.delayLevelWhenNextConsume = EXPIRED_DELAY_LEVEL;
      this.host.logger.warn({ group: this.host.group, mq, timeoutMin: this.host.options.consumeTimeout }, 'listener call timed out; its messages are sent back');
    } else if (outcome.error !== undefined) {
      this.host.logger.warn({ group: this.host.group, mq, err: (outcome.error as Error).message ?? String(outcome.error) }, 'listener threw; its messages are sent back');
    }
    if (pq.dropped) {
      this.host.logger.warn({ group: this.host.group, mq }, 'the queue was dropped while its messages were consumed; the result is not committed');
      return DONE;
    }
    return this.processConsumeResult(status, context, request, outcome.spentMs);
  }

  private processConsumeResult(status: ConsumeConcurrentlyStatus, context: ConsumeConcurrentlyContext, request: ConsumeRequest, spentMs: number): Promise<void> {
    const { msgs, mq } = request;
    if (msgs.length === 0) return DONE;
    const ackIndex = status === 'CONSUME_SUCCESS' ? Math.max(-1, Math.min(context.ackIndex, msgs.length - 1)) : -1;
    this.host.stats.consumed(mq.topic, ackIndex + 1, msgs.length - ackIndex - 1, spentMs);
    if (ackIndex + 1 < msgs.length) {
      const failed = msgs.slice(ackIndex + 1);
      if (this.host.messageModel !== 'BROADCASTING') return this.sendBackAndCommit(failed, context, request);
      this.host.logger.warn({ group: this.host.group, mq, count: failed.length }, 'BROADCASTING: consume failed; the messages are dropped');
    }
    this.commit(request, msgs);
    return DONE;
  }

  /** CLUSTERING: failed messages go back to the broker; those that cannot are consumed again here later. */
  private async sendBackAndCommit(failed: readonly MessageExt[], context: ConsumeConcurrentlyContext, request: ConsumeRequest): Promise<void> {
    const { msgs, pq, mq } = request;
    let done = msgs;
    const backFailed = await this.sendBack(failed, context);
    if (backFailed.length > 0) {
      done = msgs.filter((msg) => !backFailed.includes(msg));
      this.later.schedule(this.host.options.localRetryDelayMillis, () => this.submitConsumeRequest(backFailed, pq, mq));
    }
    this.commit(request, done);
  }

  /** The batch's finished messages leave the process queue and the queue's offset moves on. */
  private commit(request: ConsumeRequest, done: readonly MessageExt[]): void {
    const { pq, mq } = request;
    const offset = pq.removeMessage(done);
    if (offset >= 0 && !pq.dropped) this.host.offsetStore.updateOffset(mq, offset, true);
  }

  /** Sends failed messages back; answers those that could not be (reconsumeTimes raised). */
  private async sendBack(failed: readonly MessageExt[], context: ConsumeConcurrentlyContext): Promise<MessageExt[]> {
    const backFailed: MessageExt[] = [];
    for (const msg of failed) {
      try {
        await this.host.sendMessageBack(msg, context.delayLevelWhenNextConsume, context.messageQueue.brokerName);
      } catch (error) {
        this.host.logger.error({ group: this.host.group, msgId: msg.msgId, err: (error as Error).message }, 'send back and re-send both failed; consumed again locally');
        msg.reconsumeTimes++;
        backFailed.push(msg);
      }
    }
    return backFailed;
  }

  async consumeMessageDirectly(msg: MessageExt, brokerName: string | undefined): Promise<ConsumeMessageDirectlyResult> {
    const mq = { topic: msg.topic, brokerName: brokerName ?? '', queueId: msg.queueId };
    const context = concurrentlyContext(mq);
    resetRetryTopic([msg], this.host.group);
    const outcome = await callListener(() => this.listener.consumeConcurrently([msg], context), this.timeoutMs, this.host.options.clock);
    const result: ConsumeMessageDirectlyResult = { order: false, autoCommit: true, spentTimeMills: outcome.spentMs };
    if (outcome.error !== undefined || outcome.timedOut) {
      result.consumeResult = 'CR_THROW_EXCEPTION';
      result.remark = outcome.timedOut ? `the listener did not answer in ${this.host.options.consumeTimeout} min` : String((outcome.error as Error).message ?? outcome.error);
    } else if (outcome.status === 'CONSUME_SUCCESS') result.consumeResult = 'CR_SUCCESS';
    else if (outcome.status === 'RECONSUME_LATER') result.consumeResult = 'CR_LATER';
    else result.consumeResult = 'CR_RETURN_NULL';
    return result;
  }
}
