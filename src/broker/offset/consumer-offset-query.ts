/**
 * The answer to QUERY_CONSUMER_OFFSET (14), RocketMQ 4.9.8's rule (ConsumerManageProcessor):
 *
 *   a committed offset (≥ 0)                             → SUCCESS with it;
 *   none, and the queue's min offset ≤ 0 and the message
 *   at offset 0 is still in memory (or the queue is empty
 *   or missing)                                          → SUCCESS with 0;
 *   none otherwise                                       → QUERY_NOT_FOUND (22).
 *
 * So a new group starts at 0 on a queue that never lost a message, whatever its
 * consumeFromWhere; on a 22 the client picks its start by consumeFromWhere. "In memory" is
 * Java's page-cache check; a TS broker may pass `minOffset === 0` (see the protocol notes).
 * [5.x] the header's setZeroIfNotFound=false turns the 0 answer into a 22.
 */
import { ResponseCode } from '../../protocol/response-code.js';

export type ConsumerOffsetAnswer =
  | { responseCode: typeof ResponseCode.SUCCESS; offset: number }
  | { responseCode: typeof ResponseCode.QUERY_NOT_FOUND; remark: string };

export interface QueueStart {
  /** The queue's min logical offset (0 for a missing queue). */
  minOffset: number;
  /** True when the message at offset 0 is still in memory, or the queue is empty or missing. */
  offsetZeroInMemory: boolean;
}

export function answerConsumerOffsetQuery(committed: number, queue: QueueStart, setZeroIfNotFound = true): ConsumerOffsetAnswer {
  if (committed >= 0) return { responseCode: ResponseCode.SUCCESS, offset: committed };
  if (setZeroIfNotFound && queue.minOffset <= 0 && queue.offsetZeroInMemory) return { responseCode: ResponseCode.SUCCESS, offset: 0 };
  return { responseCode: ResponseCode.QUERY_NOT_FOUND, remark: 'Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first' };
}
