/**
 * TransactionProducer: sends half messages and ends their transactions (Java
 * `TransactionMQProducer`).
 *
 *   const producer = new TransactionProducer({ producerGroup: 'PG_TX', namesrvAddr, transactionListener: {
 *     executeLocalTransaction: async (msg, arg) => LocalTransactionState.COMMIT_MESSAGE,
 *     checkLocalTransaction: async (msg) => LocalTransactionState.COMMIT_MESSAGE,
 *   } });
 *   await producer.start();
 *   const result = await producer.sendMessageInTransaction({ topic: 'T', body: 'x' }, arg);
 *
 * sendMessageInTransaction, as the 4.9.8 Java client does it:
 * 1. refuses to start without a listener; drops the message's delay level;
 * 2. a sync send (with its retries) carrying TRAN_MSG=true and PGROUP=<group>, sysFlag
 *    PREPARED: the broker stores it in RMQ_SYS_TRANS_HALF_TOPIC. A send that throws is
 *    thrown on (CLIENT_SEND_FAILED "send message Exception", the error as its cause);
 * 3. SEND_OK: executeLocalTransaction(msg with transactionId = UNIQ_KEY, arg); a throw or
 *    an answer that is no state is UNKNOW. Stored but not SEND_OK (flush or slave
 *    timeouts): ROLLBACK_MESSAGE without calling the listener;
 * 4. END_TRANSACTION oneway to the master of the broker that stored it (end-transaction.ts
 *    gives the header); its failure is logged, not thrown;
 * 5. answers the send result with `localTransactionState`.
 *
 * Checks (CHECK_TRANSACTION_STATE, handed over by client-remoting-processor.ts) run at
 * most `checkThreadPoolMaxSize` at once with at most `checkRequestHoldMax` waiting (Java's
 * check pool and its bounded queue); past that a check is dropped and logged, and the
 * broker asks again later. Each ends with END_TRANSACTION (fromTransactionCheck=true) to
 * the address the check came from.
 *
 * shutdown() stops taking checks, drops the waiting ones, lets the running ones answer
 * (at most sendMsgTimeout), then shuts the producer down.
 */
import type { Logger } from '../../common/log.js';
import type { CheckTransactionStateRequestHeader } from '../../protocol/headers/check-transaction-state-request-header.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import { endTransactionOneway } from '../api/transaction-api.js';
import { ConcurrencyLimiter } from '../consumer/concurrency-limiter.js';
import { ClientErrorCode, MQClientError } from '../errors.js';
import { messageBody, type Message } from '../message/message.js';
import { checkMessage } from '../validators.js';
import { checkErrorRemark, endTransactionHeaderOfCheck, endTransactionHeaderOfSend, executeErrorRemark } from './end-transaction.js';
import { LocalTransactionState, localTransactionStateOf } from './local-transaction-state.js';
import { Producer } from './producer.js';
import type { ProducerOptions } from './producer-options.js';
import type { SendResult } from './send-result.js';
import type { TransactionCheckMessage, TransactionListener, TransactionSendResult } from './transaction-listener.js';

export interface TransactionProducerOptions extends ProducerOptions {
  transactionListener?: TransactionListener;
  /** Checks (checkLocalTransaction calls) run at once; Java's check pool threads. Default 1. */
  checkThreadPoolMaxSize?: number;
  /** Checks waiting for a free slot before new ones are dropped; Java's check queue. Default 2000. */
  checkRequestHoldMax?: number;
}

export const DEFAULT_CHECK_THREAD_POOL_MAX_SIZE = 1;
export const DEFAULT_CHECK_REQUEST_HOLD_MAX = 2000;

export class TransactionProducer extends Producer {
  readonly checkThreadPoolMaxSize: number;
  readonly checkRequestHoldMax: number;
  private listener: TransactionListener | undefined;
  private readonly checks: ConcurrencyLimiter;
  private takingChecks = false;

  constructor(options: TransactionProducerOptions = {}) {
    super(options);
    this.checkThreadPoolMaxSize = positiveInteger('checkThreadPoolMaxSize', options.checkThreadPoolMaxSize ?? DEFAULT_CHECK_THREAD_POOL_MAX_SIZE);
    this.checkRequestHoldMax = positiveInteger('checkRequestHoldMax', options.checkRequestHoldMax ?? DEFAULT_CHECK_REQUEST_HOLD_MAX);
    this.listener = options.transactionListener;
    this.checks = new ConcurrencyLimiter(this.checkThreadPoolMaxSize, this.checkRequestHoldMax, (error) =>
      this.logger.error({ group: this.group, err: (error as Error).message }, 'transaction check failed'),
    );
  }

  private get logger(): Logger {
    return this.instance.config.logger;
  }

  get transactionListener(): TransactionListener | undefined {
    return this.listener;
  }

  setTransactionListener(listener: TransactionListener): void {
    this.listener = listener;
  }

  /** Checks running and waiting (for monitoring and tests). */
  checksInFlight(): { running: number; queued: number } {
    return { running: this.checks.running, queued: this.checks.queued };
  }

  override async start(): Promise<void> {
    this.takingChecks = true;
    await super.start();
  }

  override async shutdown(): Promise<void> {
    this.takingChecks = false;
    const dropped = this.checks.clear();
    if (dropped > 0) this.logger.warn({ group: this.group, dropped }, 'transaction checks dropped at shutdown');
    await this.checks.drain(this.options.sendMsgTimeout);
    await super.shutdown();
  }

  /** Sends `message` as a half message, runs the local transaction, and ends it on the broker. */
  async sendMessageInTransaction<A>(message: Message, arg?: A): Promise<TransactionSendResult> {
    const listener = this.listener;
    if (listener === undefined) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', 'TransactionListener is null');
    this.ensureRunning();
    const half = withoutDelay(message);
    checkMessage(half.topic, messageBody(half).length, this.options.maxMessageSize);
    const sent = await this.sendHalf(half);

    let state: LocalTransactionState = LocalTransactionState.UNKNOW;
    let localError: unknown;
    let failed = false;
    if (sent.sendStatus === 'SEND_OK') {
      try {
        state = localTransactionStateOf(await listener.executeLocalTransaction({ ...half, transactionId: sent.msgId }, arg));
        if (state !== LocalTransactionState.COMMIT_MESSAGE) this.logger.info({ group: this.group, msgId: sent.msgId, state }, 'executeLocalTransaction answered');
      } catch (error) {
        failed = true;
        localError = error;
        this.logger.info({ group: this.group, msgId: sent.msgId, err: String(error) }, 'executeLocalTransaction threw');
      }
    } else {
      state = LocalTransactionState.ROLLBACK_MESSAGE;
    }

    try {
      await this.endTransaction(sent, state, failed ? executeErrorRemark(localError) : null);
    } catch (error) {
      this.logger.warn({ group: this.group, msgId: sent.msgId, err: (error as Error).message }, `local transaction execute ${state}, but end broker transaction failed`);
    }
    return { ...sent, localTransactionState: state };
  }

  private async sendHalf(half: Message): Promise<SendResult> {
    try {
      return await this.sendSystemMessage(half, { [PropertyKey.TRANSACTION_PREPARED]: 'true', [PropertyKey.PRODUCER_GROUP]: this.group });
    } catch (error) {
      const cause = error as { message?: string; responseCode?: unknown; retriable?: unknown };
      throw new MQClientError('CLIENT_SEND_FAILED', `send message Exception: ${cause.message ?? String(error)}`, {
        cause: error,
        ...(typeof cause.responseCode === 'number' ? { responseCode: cause.responseCode } : {}),
        ...(typeof cause.retriable === 'boolean' ? { retriable: cause.retriable } : {}),
      });
    }
  }

  private async endTransaction(sent: SendResult, state: LocalTransactionState, remark: string | null): Promise<void> {
    const brokerName = sent.messageQueue.brokerName;
    const address = this.instance.findBrokerAddressInPublish(brokerName);
    if (address === undefined) {
      throw new MQClientError('CLIENT_BROKER_NOT_FOUND', `the broker [${brokerName}] does not exist`, { responseCode: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION });
    }
    await endTransactionOneway(this.instance.remoting, address, endTransactionHeaderOfSend(this.group, sent, state), remark);
  }

  // ------------------------------------------------------------ broker checks (ProducerInner)

  checkTransactionState(brokerAddress: string, message: TransactionCheckMessage, header: CheckTransactionStateRequestHeader): void {
    if (!this.takingChecks) {
      this.logger.warn({ group: this.group, brokerAddress, msgId: message.msgId }, 'CHECK_TRANSACTION_STATE dropped: the producer is not running');
      return;
    }
    if (!this.checks.tryRun(() => this.answerCheck(brokerAddress, message, header))) {
      this.logger.warn(
        { group: this.group, brokerAddress, msgId: message.msgId, checkRequestHoldMax: this.checkRequestHoldMax },
        'CHECK_TRANSACTION_STATE dropped: too many checks waiting (the broker will ask again)',
      );
    }
  }

  private async answerCheck(brokerAddress: string, message: TransactionCheckMessage, check: CheckTransactionStateRequestHeader): Promise<void> {
    const listener = this.listener;
    if (listener === undefined) {
      this.logger.warn({ group: this.group }, `CheckTransactionState, pick transactionListener by group[${this.group}] failed`);
      return;
    }
    let state: LocalTransactionState = LocalTransactionState.UNKNOW;
    let remark: string | null = null;
    try {
      state = localTransactionStateOf(await listener.checkLocalTransaction(message));
    } catch (error) {
      this.logger.error({ group: this.group, msgId: message.msgId, err: String(error) }, 'Broker call checkTransactionState, but checkLocalTransactionState exception');
      remark = checkErrorRemark(error);
    }
    const header = endTransactionHeaderOfCheck(this.group, check, message, state);
    if (state === LocalTransactionState.ROLLBACK_MESSAGE) this.logger.warn({ header }, 'when broker check, client rollback this transaction');
    if (state === LocalTransactionState.UNKNOW) this.logger.warn({ header }, 'when broker check, client does not know this transaction state');
    try {
      await endTransactionOneway(this.instance.remoting, brokerAddress, header, remark);
    } catch (error) {
      this.logger.error({ group: this.group, brokerAddress, err: (error as Error).message }, 'endTransactionOneway exception');
    }
  }
}

/** The message without its delay level (Java clears DELAY: a half message is never delayed). */
function withoutDelay(message: Message): Message {
  if (message.delayTimeLevel === undefined) return message;
  const { delayTimeLevel: _dropped, ...rest } = message;
  return rest;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `${name} must be a positive integer, not ${value}`);
  return value;
}
