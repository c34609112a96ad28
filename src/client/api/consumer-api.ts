/**
 * Calls a push or lite-pull consumer makes to brokers about its group:
 *
 * - GET_CONSUMER_LIST_BY_GROUP (38): the client ids of the group's live members
 *   (answer body `{"consumerIdList":[…]}`);
 * - CONSUMER_SEND_MSG_BACK (36): a message the consumer failed goes back to the broker,
 *   which stores it in `%RETRY%<group>` (or the DLQ) by its commit-log offset; answered 0;
 * - LOCK_BATCH_MQ (41): an orderly consumer locks queues; the answer lists the queues it
 *   now holds (`{"lockOKMQSet":[…]}`);
 * - UNLOCK_BATCH_MQ (42): releases them (answered, or oneway).
 */
import { decodeGetConsumerListByGroupResponseBody } from '../../protocol/bodies/consumer-list-by-group.js';
import { decodeLockBatchResponseBody, encodeLockBatchRequestBody, encodeUnlockBatchRequestBody, type LockBatchRequestBody } from '../../protocol/bodies/lock-batch-body.js';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { ConsumerSendMsgBackRequestHeader } from '../../protocol/headers/consumer-send-msg-back-request-header.js';
import { GetConsumerListByGroupRequestHeader } from '../../protocol/headers/get-consumer-list-by-group-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { checkResponse, headerFields, type ClientRemoting } from './client-remoting.js';

export async function getConsumerIdListByGroup(remoting: ClientRemoting, address: string, consumerGroup: string, timeoutMs?: number): Promise<string[]> {
  const extFields = headerFields(GetConsumerListByGroupRequestHeader, { consumerGroup });
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields, timeoutMs }), address);
  if (response.body === null || response.body.length === 0) return [];
  return decodeGetConsumerListByGroupResponseBody(response.body).consumerIdList;
}

export async function consumerSendMessageBack(remoting: ClientRemoting, address: string, header: ConsumerSendMsgBackRequestHeader, timeoutMs?: number): Promise<void> {
  const extFields = headerFields(ConsumerSendMsgBackRequestHeader, header);
  checkResponse(await remoting.invoke(address, RequestCode.CONSUMER_SEND_MSG_BACK, { extFields, timeoutMs }), address);
}

export async function lockBatchMQ(remoting: ClientRemoting, address: string, body: LockBatchRequestBody, timeoutMs?: number): Promise<MessageQueue[]> {
  const response = checkResponse(await remoting.invoke(address, RequestCode.LOCK_BATCH_MQ, { body: encodeLockBatchRequestBody(body), timeoutMs }), address);
  if (response.body === null || response.body.length === 0) return [];
  return decodeLockBatchResponseBody(response.body).lockOKMQSet;
}

export async function unlockBatchMQ(remoting: ClientRemoting, address: string, body: LockBatchRequestBody, oneway: boolean, timeoutMs?: number): Promise<void> {
  const parts = { body: encodeUnlockBatchRequestBody(body), timeoutMs };
  if (oneway) return remoting.invokeOneway(address, RequestCode.UNLOCK_BATCH_MQ, parts);
  checkResponse(await remoting.invoke(address, RequestCode.UNLOCK_BATCH_MQ, parts), address);
}
