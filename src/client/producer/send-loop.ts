/**
 * The retry loop of a send (Java `sendDefaultImpl`), with its collaborators injected so it
 * can be tested without a broker:
 *
 * - up to `timesTotal` attempts, each on a queue chosen knowing the previous attempt's
 *   broker (so that a retry prefers another broker), all within one `timeoutMs` budget
 *   (an attempt gets what is left; none starts once it is spent);
 * - every attempt reports its latency to the fault strategy, failures as isolation;
 * - transport failures and client-side failures (unknown broker address) are retried; a
 *   broker's answer is retried only when its code is in `retryResponseCodes`, and only in
 *   SYNC mode (an ASYNC send retries transport failures only, as the Java client does);
 * - a stored message whose status is not SEND_OK is returned, or retried on another broker
 *   with `retryAnotherBrokerWhenNotStoreOK` (SYNC only; the last such result is returned
 *   if no attempt does better);
 * - when every attempt failed: MQClientError CLIENT_SEND_FAILED naming the attempts, the
 *   time spent and the brokers tried, with the last error as cause and its code.
 */
import { isRocketMQError, type ErrorCode } from '../../common/errors.js';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { ClientErrorCode, MQBrokerError, MQClientError, clientErrorCodeOf } from '../errors.js';
import type { SendResult } from './send-result.js';

export interface SendLoopDeps {
  selectQueue(lastBrokerName: string | undefined): MessageQueue;
  attempt(mq: MessageQueue, timeoutMs: number): Promise<SendResult>;
  recordLatency(brokerName: string, latencyMs: number, isolation: boolean): void;
  clock(): number;
}

export interface SendLoopPolicy {
  mode: 'SYNC' | 'ASYNC';
  timesTotal: number;
  timeoutMs: number;
  retryAnotherBrokerWhenNotStoreOK: boolean;
  retryResponseCodes: ReadonlySet<number>;
}

/** Failures that a new attempt cannot fix. */
const NOT_RETRIED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['CLIENT_MESSAGE_ILLEGAL', 'CLIENT_ILLEGAL_ARGUMENT', 'CLIENT_STATE', 'FRAME_TOO_LARGE', 'MESSAGE_MALFORMED']);

export async function sendWithRetries(topic: string, deps: SendLoopDeps, policy: SendLoopPolicy): Promise<SendResult> {
  const begin = deps.clock();
  const brokersSent: string[] = [];
  let mq: MessageQueue | undefined;
  let result: SendResult | undefined;
  let lastError: unknown;
  for (let times = 0; times < policy.timesTotal; times++) {
    const attemptStart = deps.clock();
    const spent = attemptStart - begin;
    if (spent > policy.timeoutMs) return timedOut(topic, policy.timeoutMs, brokersSent, lastError, result);
    mq = deps.selectQueue(mq?.brokerName);
    brokersSent.push(mq.brokerName);
    try {
      result = await deps.attempt(mq, policy.timeoutMs - spent);
      deps.recordLatency(mq.brokerName, deps.clock() - attemptStart, false);
      if (result.sendStatus !== 'SEND_OK' && policy.mode === 'SYNC' && policy.retryAnotherBrokerWhenNotStoreOK) continue;
      return result;
    } catch (error) {
      deps.recordLatency(mq.brokerName, deps.clock() - attemptStart, true);
      lastError = error;
      if (!shouldRetry(error, policy)) {
        if (result !== undefined) return result;
        throw error;
      }
    }
  }
  if (result !== undefined) return result;
  const message = `Send [${brokersSent.length}] times, still failed, cost [${deps.clock() - begin}]ms, Topic: ${topic}, BrokersSent: [${brokersSent.join(', ')}]`;
  throw new MQClientError('CLIENT_SEND_FAILED', lastError instanceof Error ? `${message}: ${lastError.message}` : message, {
    cause: lastError,
    responseCode: clientErrorCodeOf(lastError),
  });
}

function shouldRetry(error: unknown, policy: SendLoopPolicy): boolean {
  if (error instanceof MQBrokerError) return policy.mode === 'SYNC' && policy.retryResponseCodes.has(error.responseCode);
  return isRocketMQError(error) && !NOT_RETRIED.has(error.code);
}

function timedOut(topic: string, timeoutMs: number, brokersSent: readonly string[], lastError: unknown, result: SendResult | undefined): SendResult {
  if (result !== undefined) return result;
  throw new MQClientError('CLIENT_SEND_FAILED', `send of topic ${topic} timed out: ${timeoutMs} ms spent after ${brokersSent.length} attempt(s) [${brokersSent.join(', ')}]`, {
    cause: lastError,
    responseCode: ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION,
  });
}
