/**
 * UPDATE_CONSUMER_OFFSET (15): stores a group's offset of a queue (Java clients send it
 * oneway every 5 s, ali-ons as a request). Any value is stored, a lower one too, as
 * RocketMQ does; consumerOffset.json is written every flushConsumerOffsetInterval and at
 * stop. Answered 0 with an empty header.
 */
import { UpdateConsumerOffsetRequestHeader } from '../../protocol/headers/update-consumer-offset-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const updateConsumerOffset: BrokerHandler = (context, request) => {
  const header = UpdateConsumerOffsetRequestHeader.decode(request.extFields);
  context.consumerOffsets.commitOffset(header.consumerGroup, header.topic, header.queueId, header.commitOffset);
  return createResponse(request, ResponseCode.SUCCESS, { extFields: {} });
};
