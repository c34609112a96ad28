/**
 * QUERY_CONSUMER_OFFSET (14): the group's committed offset of a queue, or RocketMQ
 * 4.9.8's answer when it has none (offset/consumer-offset-query.ts): 0 while the queue
 * still starts at offset 0 (empty, missing, or nothing deleted yet — this broker's stand-in
 * for "the first message is still in memory"), else 22 QUERY_NOT_FOUND.
 */
import { QueryConsumerOffsetRequestHeader } from '../../protocol/headers/query-consumer-offset-request-header.js';
import { QueryConsumerOffsetResponseHeader } from '../../protocol/headers/query-consumer-offset-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { answerConsumerOffsetQuery } from '../offset/consumer-offset-query.js';

export const queryConsumerOffset: BrokerHandler = (context, request) => {
  const header = QueryConsumerOffsetRequestHeader.decode(request.extFields);
  const committed = context.consumerOffsets.queryOffset(header.consumerGroup, header.topic, header.queueId);
  const minOffset = context.store.getMinOffsetInQueue(header.topic, header.queueId);
  const answer = answerConsumerOffsetQuery(committed, { minOffset, offsetZeroInMemory: minOffset === 0 }, header.setZeroIfNotFound ?? true);
  if (answer.responseCode === ResponseCode.QUERY_NOT_FOUND) return createResponse(request, answer.responseCode, { remark: answer.remark, extFields: {} });
  return createResponse(request, ResponseCode.SUCCESS, { extFields: QueryConsumerOffsetResponseHeader.encode({ offset: answer.offset }) });
};
