/**
 * Queue offset calls to the broker holding a queue: max (30), min (31), search by time (29),
 * earliest store time (32), and the consumer offset of a group (14 query, 15 update).
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { GetEarliestMsgStoretimeRequestHeader } from '../../protocol/headers/get-earliest-msg-storetime-request-header.js';
import { GetEarliestMsgStoretimeResponseHeader } from '../../protocol/headers/get-earliest-msg-storetime-response-header.js';
import { GetMaxOffsetRequestHeader } from '../../protocol/headers/get-max-offset-request-header.js';
import { GetMaxOffsetResponseHeader } from '../../protocol/headers/get-max-offset-response-header.js';
import { GetMinOffsetRequestHeader } from '../../protocol/headers/get-min-offset-request-header.js';
import { GetMinOffsetResponseHeader } from '../../protocol/headers/get-min-offset-response-header.js';
import { QueryConsumerOffsetRequestHeader } from '../../protocol/headers/query-consumer-offset-request-header.js';
import { QueryConsumerOffsetResponseHeader } from '../../protocol/headers/query-consumer-offset-response-header.js';
import { SearchOffsetRequestHeader } from '../../protocol/headers/search-offset-request-header.js';
import { SearchOffsetResponseHeader } from '../../protocol/headers/search-offset-response-header.js';
import { UpdateConsumerOffsetRequestHeader } from '../../protocol/headers/update-consumer-offset-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { checkResponse, headerFields, responseHeader, type ClientRemoting } from './client-remoting.js';

function queueHeader(mq: MessageQueue): { topic: string; queueId: number; bname: string } {
  return { topic: mq.topic, queueId: mq.queueId, bname: mq.brokerName };
}

export async function getMaxOffset(remoting: ClientRemoting, address: string, mq: MessageQueue, timeoutMs?: number): Promise<number> {
  const extFields = headerFields(GetMaxOffsetRequestHeader, queueHeader(mq));
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_MAX_OFFSET, { extFields, timeoutMs }), address);
  return responseHeader(GetMaxOffsetResponseHeader, response).offset;
}

export async function getMinOffset(remoting: ClientRemoting, address: string, mq: MessageQueue, timeoutMs?: number): Promise<number> {
  const extFields = headerFields(GetMinOffsetRequestHeader, queueHeader(mq));
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_MIN_OFFSET, { extFields, timeoutMs }), address);
  return responseHeader(GetMinOffsetResponseHeader, response).offset;
}

export async function searchOffset(remoting: ClientRemoting, address: string, mq: MessageQueue, timestamp: number, timeoutMs?: number): Promise<number> {
  const extFields = headerFields(SearchOffsetRequestHeader, { ...queueHeader(mq), timestamp });
  const response = checkResponse(await remoting.invoke(address, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { extFields, timeoutMs }), address);
  return responseHeader(SearchOffsetResponseHeader, response).offset;
}

export async function getEarliestMsgStoretime(remoting: ClientRemoting, address: string, mq: MessageQueue, timeoutMs?: number): Promise<number> {
  const extFields = headerFields(GetEarliestMsgStoretimeRequestHeader, queueHeader(mq));
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_EARLIEST_MSG_STORETIME, { extFields, timeoutMs }), address);
  return responseHeader(GetEarliestMsgStoretimeResponseHeader, response).timestamp;
}

/** The group's stored offset of `mq`, or null when the broker has none (22 QUERY_NOT_FOUND). */
export async function queryConsumerOffset(remoting: ClientRemoting, address: string, group: string, mq: MessageQueue, timeoutMs?: number): Promise<number | null> {
  const extFields = headerFields(QueryConsumerOffsetRequestHeader, { consumerGroup: group, ...queueHeader(mq) });
  const response = await remoting.invoke(address, RequestCode.QUERY_CONSUMER_OFFSET, { extFields, timeoutMs });
  if (response.code === ResponseCode.QUERY_NOT_FOUND) return null;
  return responseHeader(QueryConsumerOffsetResponseHeader, checkResponse(response, address)).offset;
}

/** Stores the group's offset of `mq` on the broker; oneway as the Java client's periodic commit. */
export async function updateConsumerOffset(remoting: ClientRemoting, address: string, group: string, mq: MessageQueue, commitOffset: number, oneway: boolean, timeoutMs?: number): Promise<void> {
  const extFields = headerFields(UpdateConsumerOffsetRequestHeader, { consumerGroup: group, topic: mq.topic, queueId: mq.queueId, commitOffset, bname: mq.brokerName });
  if (oneway) return remoting.invokeOneway(address, RequestCode.UPDATE_CONSUMER_OFFSET, { extFields });
  checkResponse(await remoting.invoke(address, RequestCode.UPDATE_CONSUMER_OFFSET, { extFields, timeoutMs }), address);
}
