/**
 * LOCK_BATCH_MQ (41): an orderly consumer locks the queues it was given
 * (rebalance-lock/). Each queue is granted when free, held by the same client, or held by
 * a lock older than 60 s. The answer `{"lockOKMQSet":[…]}` lists the requested queues the
 * client now holds; no header, as RocketMQ answers.
 */
import { decodeLockBatchRequestBody, encodeLockBatchResponseBody } from '../../protocol/bodies/lock-batch-body.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const lockBatchMq: BrokerHandler = (context, request) => {
  const body = decodeLockBatchRequestBody(request.body ?? Buffer.alloc(0));
  const lockOKMQSet = context.rebalanceLocks.tryLockBatch(body.consumerGroup, body.mqSet, body.clientId);
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeLockBatchResponseBody({ lockOKMQSet }) });
};
