/**
 * Producer: sends messages to brokers (Java `DefaultMQProducer`).
 *
 *   const producer = new Producer({ producerGroup: 'PG', namesrvAddr: '127.0.0.1:9876' });
 *   await producer.start();
 *   const result = await producer.send({ topic: 'T', body: 'hello', tags: 'TagA', keys: 'k1' });
 *   await producer.sendAsync({ topic: 'T', body: 'x' });         // retries transport failures only
 *   await producer.sendOneway({ topic: 'T', body: 'y' });        // no answer awaited
 *   await producer.sendBatch([{ topic: 'T', body: 'a' }, { topic: 'T', body: 'b' }]);
 *   await producer.send(msg, { selector: selectMessageQueueByHash, arg: orderId });  // ordered
 *   const reply = await producer.request({ topic: 'RPC', body: 'ping' }, 3000);     // request/reply
 *   await producer.send(createReplyMessage(requestMsg, 'pong'));                    // a replier's answer
 *   await producer.shutdown();
 *
 * A send finds the topic's route (falling back to the `createTopicKey` template route so the
 * broker auto-creates the topic), picks a queue (round robin, avoiding failed or slow
 * brokers when `sendLatencyFaultEnable`), and retries as send-loop.ts describes. Sends to
 * a given queue or through a selector are single attempts, as in Java.
 *
 * Request/reply (Java `DefaultMQProducer.request`): `request` sends a message carrying
 * CORRELATION_ID, REPLY_TO_CLIENT and TTL (the async send policy, as Java) and settles
 * with the reply the broker pushes back (PUSH_REPLY_MESSAGE_TO_CLIENT) or a
 * RequestTimeoutError at its timeout; `requestAsync` is Java's RequestCallback form. A
 * message made by `createReplyMessage` is sent with SEND_REPLY_MESSAGE_V2 (see
 * reply-message.ts and request-table.ts).
 *
 * `shutdown()` first lets the sends in flight settle (each resolves or rejects; at most
 * sendMsgTimeout is waited), rejects the requests still waiting for a reply, then leaves
 * the group on every broker and closes.
 */
import { randomUUID } from 'node:crypto';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { ClientInstance, type ProducerInner } from '../client-instance.js';
import { ClientLimits } from '../client-limits.js';
import { sendMessage, sendMessageOneway } from '../api/send-api.js';
import { ClientErrorCode, MQClientError } from '../errors.js';
import type { Message } from '../message/message.js';
import { TopicPublishInfo } from '../route/topic-publish-info.js';
import { checkGroup, checkTopic } from '../validators.js';
import { MQFaultStrategy } from './fault/mq-fault-strategy.js';
import type { FaultItem } from './fault/latency-fault-tolerance.js';
import type { MessageQueueSelector } from './message-queue-selector.js';
import { outgoingBatch, outgoingMessage, sendHeader, type OutgoingMessage } from './outgoing-message.js';
import { resolveProducerOptions, type ProducerOptions, type ResolvedProducerOptions } from './producer-options.js';
import type { CommunicationMode, SendMessageContext } from './send-hook.js';
import { sendWithRetries } from './send-loop.js';
import { sendResultOfResponse, type SendResult } from './send-result.js';
import { isReplyMessage, replySystemProperties, requestSystemProperties, type ReceivedReply } from './reply-message.js';
import type { RequestCallback } from './request-table.js';

export interface SendOptions<A = unknown> {
  /** Overrides sendMsgTimeout for this send. */
  timeoutMs?: number;
  /** Send to exactly this queue (one attempt). */
  queue?: MessageQueue;
  /** Choose the queue with this selector and argument (one attempt; ordered messages). */
  selector?: MessageQueueSelector<A>;
  arg?: A;
}

export interface SendCallback {
  onSuccess(result: SendResult): void;
  onException(error: unknown): void;
}

/** Where a request goes: a queue selector and its argument, or one queue (Java's request overloads). */
export type RequestTarget<A = unknown> = { selector: MessageQueueSelector<A>; arg?: A } | MessageQueue;

type State = 'CREATED' | 'RUNNING' | 'SHUTDOWN';

export class Producer implements ProducerInner {
  readonly options: ResolvedProducerOptions;
  readonly instance: ClientInstance;
  private readonly ownsInstance: boolean;
  private readonly fault: MQFaultStrategy;
  private readonly publishInfos = new Map<string, TopicPublishInfo>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private state: State = 'CREATED';

  constructor(options: ProducerOptions = {}) {
    this.options = resolveProducerOptions(options);
    this.ownsInstance = options.clientInstance === undefined;
    this.instance = options.clientInstance ?? new ClientInstance(options, { now: this.options.clock });
    this.fault = new MQFaultStrategy({
      sendLatencyFaultEnable: this.options.sendLatencyFaultEnable,
      latencyMax: this.options.latencyMax,
      notAvailableDuration: this.options.notAvailableDuration,
      clock: this.options.clock,
    });
  }

  get group(): string {
    return this.options.producerGroup;
  }

  async start(): Promise<void> {
    if (this.state !== 'CREATED') throw new MQClientError('CLIENT_STATE', `producer ${this.group} is ${this.state === 'RUNNING' ? 'already started' : 'shut down'}`);
    checkGroup(this.group);
    this.instance.registerProducer(this);
    this.publishInfos.set(this.options.createTopicKey, new TopicPublishInfo([], null, false));
    if (this.ownsInstance) this.instance.start();
    this.state = 'RUNNING';
    await this.instance.sendHeartbeatToAllBrokers();
  }

  async shutdown(): Promise<void> {
    if (this.state !== 'RUNNING') return;
    this.state = 'SHUTDOWN';
    await this.settleInFlight(this.options.sendMsgTimeout);
    this.instance.requests.settleOwner(this, new MQClientError('CLIENT_STATE', `producer ${this.group} shut down before the reply came`));
    await this.instance.unregisterProducer(this.group);
    if (this.ownsInstance) await this.instance.shutdown();
  }

  /** Waits until every send in flight has settled, or `timeoutMs` passed. */
  private async settleInFlight(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(resolve);
    });
    clearTimeout(timer);
  }

  /** Counts a send in flight until it settles. */
  private async track<T>(sending: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await sending();
    } finally {
      if (--this.inFlight === 0 && this.idleWaiters.length > 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  // ----------------------------------------------------------------------------- sends

  /** Sends and waits for the broker's answer, retrying as configured (Java sync send). */
  async send<A>(message: Message, options: SendOptions<A> = {}): Promise<SendResult> {
    this.ensureRunning();
    const outgoing = this.outgoingOf(message);
    return this.track(() => this.dispatch(outgoing, message, 'SYNC', options));
  }

  /**
   * A sync send with properties the system reserves (RETRY_TOPIC, ORIGIN_MESSAGE_ID,
   * RECONSUME_TIME, …): how the consumers' inner producer re-sends a message it failed
   * to send back. Not for applications.
   */
  async sendSystemMessage(message: Message, systemProperties: Readonly<Record<string, string>>, options: SendOptions = {}): Promise<SendResult> {
    this.ensureRunning();
    const outgoing = outgoingMessage(message, this.instance.uniqueKeys.next(), this.options.maxMessageSize, this.options, systemProperties);
    return this.track(() => this.dispatch(outgoing, message, 'SYNC', options));
  }

  /**
   * Sends without the sync retry policy (Java async send): transport failures are retried
   * up to retryTimesWhenSendAsyncFailed times, broker errors are not. With a callback, the
   * outcome also goes to it.
   */
  sendAsync<A>(message: Message, callback?: SendCallback, options: SendOptions<A> = {}): Promise<SendResult> {
    const sending = this.track(() => {
      this.ensureRunning();
      const outgoing = this.outgoingOf(message);
      return this.dispatch(outgoing, message, 'ASYNC', options);
    });
    if (callback) sending.then((result) => safely(() => callback.onSuccess(result)), (error: unknown) => safely(() => callback.onException(error)));
    return sending;
  }

  /** Writes the message to one broker and does not wait for an answer. */
  sendOneway<A>(message: Message, options: SendOptions<A> = {}): Promise<void> {
    return this.track(() => this.onewayKernel(message, options));
  }

  private async onewayKernel<A>(message: Message, options: SendOptions<A>): Promise<void> {
    this.ensureRunning();
    const outgoing = this.outgoingOf(message);
    const mq = await this.chooseQueue(outgoing, message, options);
    const address = await this.brokerAddress(mq);
    const context = this.hookContext(outgoing, mq, address, 'ONEWAY');
    this.runHooks('before', context);
    const start = this.options.clock();
    try {
      await sendMessageOneway(this.instance.remoting, address, { header: sendHeader(outgoing, mq, this.options, start), body: outgoing.body, reply: outgoing.reply });
      this.fault.updateFaultItem(mq.brokerName, this.options.clock() - start, false);
    } catch (error) {
      this.fault.updateFaultItem(mq.brokerName, this.options.clock() - start, true);
      context.exception = error;
      throw error;
    } finally {
      this.runHooks('after', context);
    }
  }

  /** What goes on the wire for one message; a reply (createReplyMessage) gets its reserved properties. */
  private outgoingOf(message: Message): OutgoingMessage {
    const systemProperties = isReplyMessage(message) ? replySystemProperties(message.reply) : undefined;
    return outgoingMessage(message, this.instance.uniqueKeys.next(), this.options.maxMessageSize, this.options, systemProperties);
  }

  // --------------------------------------------------------------------- request/reply

  /**
   * Sends `message` as a request and resolves with its reply (Java `request(msg, timeout)`,
   * `request(msg, selector, arg, timeout)`, `request(msg, mq, timeout)`). Rejects with a
   * RequestTimeoutError (10006) when no reply came within `timeoutMs` (default
   * sendMsgTimeout), with CLIENT_SEND_FAILED `send request message to <topic> fail` (the
   * send error as cause) when the request could not be sent, with TOO_MANY_REQUESTS when
   * ClientLimits.maxPendingRequests requests already wait.
   */
  request(message: Message, timeoutMs?: number): Promise<ReceivedReply>;
  request<A>(message: Message, target: RequestTarget<A>, timeoutMs?: number): Promise<ReceivedReply>;
  request<A>(message: Message, targetOrTimeout?: RequestTarget<A> | number, timeoutMs?: number): Promise<ReceivedReply> {
    const target = typeof targetOrTimeout === 'number' ? undefined : targetOrTimeout;
    const timeout = typeof targetOrTimeout === 'number' ? targetOrTimeout : timeoutMs;
    return this.requestKernel(message, target, timeout ?? this.options.sendMsgTimeout, 'deadline');
  }

  /**
   * Java's RequestCallback forms (`request(msg, callback, timeout)` and its selector / queue
   * overloads): the outcome goes to `callback.onSuccess(reply)` or `onException(error)` —
   * a send failure as it came, an expiry as RequestTimeoutError `request timeout, no reply
   * message.` from the sweep that runs every second (so up to a second after `timeoutMs`,
   * as in Java). Also answers a promise of the reply.
   */
  requestAsync(message: Message, callback?: RequestCallback, timeoutMs?: number): Promise<ReceivedReply>;
  requestAsync<A>(message: Message, target: RequestTarget<A>, callback?: RequestCallback, timeoutMs?: number): Promise<ReceivedReply>;
  requestAsync<A>(message: Message, ...rest: unknown[]): Promise<ReceivedReply> {
    const [first] = rest;
    const hasTarget = first !== undefined && !isRequestCallback(first);
    const target = hasTarget ? (first as RequestTarget<A>) : undefined;
    const callback = (hasTarget ? rest[1] : first) as RequestCallback | undefined;
    const timeout = (hasTarget ? rest[2] : rest[1]) as number | undefined;
    const waiting = this.requestKernel(message, target, timeout ?? this.options.sendMsgTimeout, 'sweep');
    if (callback) waiting.then((reply) => safely(() => callback.onSuccess(reply)), (error: unknown) => safely(() => callback.onException(error)));
    return waiting;
  }

  /**
   * Java `prepareSendRequest` + the table entry + an async send: the request gets a new
   * CORRELATION_ID, REPLY_TO_CLIENT = this client's id and TTL = the timeout; a topic this
   * instance has no route for has its route fetched and a heartbeat sent to every broker
   * first (the broker storing the reply finds this client by the heartbeat's client id).
   */
  private async requestKernel<A>(message: Message, target: RequestTarget<A> | undefined, timeoutMs: number, expiry: 'deadline' | 'sweep'): Promise<ReceivedReply> {
    this.ensureRunning();
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `a request timeout must be a positive number of ms, not ${timeoutMs}`);
    const begin = this.options.clock();
    const correlationId = randomUUID();
    const outgoing = outgoingMessage(
      message,
      this.instance.uniqueKeys.next(),
      this.options.maxMessageSize,
      this.options,
      requestSystemProperties(correlationId, this.instance.clientId, timeoutMs),
    );
    await this.prepareRequestRoute(message.topic);
    const waiting = this.instance.requests.register({
      correlationId,
      owner: this,
      timeoutMs,
      expiry,
      timeoutMessage: `send request message to <${message.topic}> OK, but wait reply message timeout, ${timeoutMs} ms.`,
    });
    const sendOptions: SendOptions<A> = target === undefined ? {} : 'selector' in target ? { selector: target.selector, arg: target.arg as A } : { queue: target };
    const remainingMs = timeoutMs - (this.options.clock() - begin);
    this.track(() => this.dispatch(outgoing, message, 'ASYNC', { ...sendOptions, timeoutMs: remainingMs })).catch((error: unknown) => {
      const failure = expiry === 'deadline' ? new MQClientError('CLIENT_SEND_FAILED', `send request message to <${message.topic}> fail`, { cause: error }) : error;
      this.instance.requests.fail(correlationId, failure);
    });
    return waiting;
  }

  private async prepareRequestRoute(topic: string): Promise<void> {
    if (this.instance.topicRoute(topic) !== undefined) return;
    const begin = this.options.clock();
    await this.publishInfo(topic).catch(() => undefined);
    await this.instance.sendHeartbeatToAllBrokers();
    const costMs = this.options.clock() - begin;
    if (costMs > 500) this.instance.config.logger.warn({ topic, costMs }, 'preparing the request route took long');
  }

  /** Sends messages of one topic as one SEND_BATCH_MESSAGE (sync retry policy). */
  async sendBatch(messages: readonly Message[], options: Pick<SendOptions, 'timeoutMs' | 'queue'> = {}): Promise<SendResult> {
    this.ensureRunning();
    const outgoing = outgoingBatch(messages, () => this.instance.uniqueKeys.next(), this.options.maxMessageSize);
    return this.track(() => this.dispatch(outgoing, messages[0] as Message, 'SYNC', options));
  }

  /** The queues the producer may send `topic`'s messages to. */
  async fetchPublishMessageQueues(topic: string): Promise<MessageQueue[]> {
    this.ensureRunning();
    checkTopic(topic);
    return [...(await this.publishInfo(topic)).messageQueues];
  }

  /** The fault items of the brokers being avoided or recently measured. */
  faultItems(): FaultItem[] {
    return this.fault.tolerance.snapshot();
  }

  private async dispatch<A>(outgoing: OutgoingMessage, message: Message, mode: 'SYNC' | 'ASYNC', options: SendOptions<A>): Promise<SendResult> {
    const timeoutMs = options.timeoutMs ?? this.options.sendMsgTimeout;
    if (options.queue !== undefined || options.selector !== undefined) {
      const start = this.options.clock();
      const mq = await this.chooseQueue(outgoing, message, options);
      return this.sendKernel(outgoing, mq, mode, timeoutMs - (this.options.clock() - start));
    }
    const info = await this.publishInfo(outgoing.topic);
    const retries = mode === 'SYNC' ? this.options.retryTimesWhenSendFailed : this.options.retryTimesWhenSendAsyncFailed;
    return sendWithRetries(
      outgoing.topic,
      {
        selectQueue: (lastBrokerName) => this.fault.selectOneMessageQueue(info, lastBrokerName),
        attempt: (mq, remainingMs) => this.sendKernel(outgoing, mq, mode, remainingMs),
        recordLatency: (brokerName, latencyMs, isolation) => this.fault.updateFaultItem(brokerName, latencyMs, isolation),
        clock: this.options.clock,
      },
      { mode, timesTotal: 1 + retries, timeoutMs, retryAnotherBrokerWhenNotStoreOK: this.options.retryAnotherBrokerWhenNotStoreOK, retryResponseCodes: this.options.retryResponseCodes },
    );
  }

  /** The queue of a send: the given one, the selector's choice, or the fault strategy's. */
  private async chooseQueue<A>(outgoing: OutgoingMessage, message: Message, options: SendOptions<A>): Promise<MessageQueue> {
    if (options.queue !== undefined) {
      if (options.queue.topic !== outgoing.topic) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `the message's topic ${outgoing.topic} is not the queue's topic ${options.queue.topic}`);
      return options.queue;
    }
    const info = await this.publishInfo(outgoing.topic);
    if (options.selector === undefined) return this.fault.selectOneMessageQueue(info);
    const chosen = options.selector.select(info.messageQueues, message, options.arg as A);
    if (chosen === undefined) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'the queue selector returned no queue');
    return chosen;
  }

  private async sendKernel(outgoing: OutgoingMessage, mq: MessageQueue, mode: CommunicationMode, timeoutMs: number): Promise<SendResult> {
    const address = await this.brokerAddress(mq);
    const context = this.hookContext(outgoing, mq, address, mode);
    this.runHooks('before', context);
    try {
      const header = sendHeader(outgoing, mq, this.options, this.options.clock());
      const response = await sendMessage(this.instance.remoting, address, { header, body: outgoing.body, reply: outgoing.reply }, Math.max(1, timeoutMs));
      context.sendResult = sendResultOfResponse(response, { address, brokerName: mq.brokerName, topic: outgoing.topic, uniqueKeys: outgoing.uniqueKeys });
      return context.sendResult;
    } catch (error) {
      context.exception = error;
      throw error;
    } finally {
      this.runHooks('after', context);
    }
  }

  /** The master address of the queue's broker (VIP port if enabled), refreshing the route once if unknown. */
  private async brokerAddress(mq: MessageQueue): Promise<string> {
    let address = this.instance.findBrokerAddressInPublish(mq.brokerName);
    if (address === undefined) {
      await this.publishInfo(mq.topic);
      address = this.instance.findBrokerAddressInPublish(mq.brokerName);
    }
    if (address === undefined) {
      throw new MQClientError('CLIENT_BROKER_NOT_FOUND', `the broker [${mq.brokerName}] does not exist`, { responseCode: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION });
    }
    return this.instance.vipChannel(address);
  }

  /** The topic's publish info: cached, else from its route, else from the template route. */
  private async publishInfo(topic: string): Promise<TopicPublishInfo> {
    let info = this.publishInfos.get(topic);
    if (info === undefined || !info.ok()) {
      if (info === undefined) this.storePublishInfo(topic, new TopicPublishInfo([], null, false));
      await this.instance.updateTopicRoute(topic);
      info = this.publishInfos.get(topic);
    }
    if (info === undefined || (info.route === null && !info.ok())) {
      await this.instance.updateTopicRoute(topic, { createTopicKey: this.options.createTopicKey, defaultTopicQueueNums: this.options.defaultTopicQueueNums });
      info = this.publishInfos.get(topic);
    }
    if (info === undefined || !info.ok()) {
      throw new MQClientError('CLIENT_TOPIC_ROUTE_NOT_FOUND', `No route info of this topic: ${topic}`, { responseCode: ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION });
    }
    return info;
  }

  private storePublishInfo(topic: string, info: TopicPublishInfo): void {
    this.publishInfos.delete(topic);
    if (this.publishInfos.size >= ClientLimits.maxRouteTopics) {
      const oldest = [...this.publishInfos.keys()].find((key) => key !== this.options.createTopicKey);
      if (oldest !== undefined) this.publishInfos.delete(oldest);
    }
    this.publishInfos.set(topic, info);
  }

  private hookContext(outgoing: OutgoingMessage, mq: MessageQueue, address: string, mode: CommunicationMode): SendMessageContext {
    return { producerGroup: this.group, topic: outgoing.topic, msgId: outgoing.uniqueKeys.join(','), messageQueue: mq, brokerAddr: address, communicationMode: mode };
  }

  private runHooks(phase: 'before' | 'after', context: SendMessageContext): void {
    for (const hook of this.options.sendMessageHooks) {
      try {
        if (phase === 'before') hook.sendMessageBefore?.(context);
        else hook.sendMessageAfter?.(context);
      } catch (error) {
        this.instance.config.logger.warn({ hook: hook.hookName, err: (error as Error).message }, 'send hook failed');
      }
    }
  }

  protected ensureRunning(): void {
    if (this.state !== 'RUNNING') {
      throw new MQClientError('CLIENT_STATE', `the producer service state is not OK (${this.state === 'CREATED' ? 'not started' : 'shut down'})`);
    }
  }

  // ----------------------------------------------------------------- ProducerInner (instance)

  publishTopics(): readonly string[] {
    return [...this.publishInfos.keys()];
  }

  isPublishTopicNeedUpdate(topic: string): boolean {
    const info = this.publishInfos.get(topic);
    return info === undefined || !info.ok();
  }

  updateTopicPublishInfo(topic: string, info: TopicPublishInfo): void {
    this.storePublishInfo(topic, info);
  }
}

function isRequestCallback(value: unknown): value is RequestCallback {
  return typeof value === 'object' && value !== null && typeof (value as Partial<RequestCallback>).onSuccess === 'function';
}

function safely(call: () => void): void {
  try {
    call();
  } catch {
    // A callback's own failure is the application's; it must not become an unhandled rejection.
  }
}
