/**
 * UNLOCK_BATCH_MQ (42): an orderly consumer releases queues (on shutdown, or when a
 * rebalance takes them away); only the locks that client holds are released. Answered 0
 * without header or body (Java clients may send it oneway).
 */
import { decodeUnlockBatchRequestBody } from '../../protocol/bodies/lock-batch-body.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const unlockBatchMq: BrokerHandler = (context, request) => {
  const body = decodeUnlockBatchRequestBody(request.body ?? Buffer.alloc(0));
  context.rebalanceLocks.unlockBatch(body.consumerGroup, body.mqSet, body.clientId);
  return createResponse(request, ResponseCode.SUCCESS);
};
