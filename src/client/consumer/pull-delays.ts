/**
 * How long a consumer waits before pulling a queue again when it may not pull now, shared
 * by the push consumer's pull loop and the lite pull consumer's tasks. The values are those
 * of Java 4.9.8's `DefaultMQPushConsumerImpl` and `DefaultLitePullConsumerImpl`
 * (PULL_TIME_DELAY_MILLS_WHEN_*).
 */
import { ResponseCode } from '../../protocol/response-code.js';
import { MQBrokerError } from '../errors.js';

export const PullDelays = {
  /** The consumer or the queue is paused (suspended). */
  whenPausedMs: 1000,
  /** Too many messages, bytes or offsets are cached for the queue (or the whole consumer). */
  whenCacheFlowControlMs: 50,
  /** The broker answered FLOW_CONTROL. */
  whenBrokerFlowControlMs: 20,
} as const;

/** The wait after a failed pull: short for the broker's FLOW_CONTROL, else `exceptionDelayMs`. */
export function delayAfterPullFailure(error: unknown, exceptionDelayMs: number): number {
  const flowControl = error instanceof MQBrokerError && error.responseCode === ResponseCode.FLOW_CONTROL;
  return flowControl ? PullDelays.whenBrokerFlowControlMs : exceptionDelayMs;
}
