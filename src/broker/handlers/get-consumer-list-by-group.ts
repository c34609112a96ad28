/**
 * GET_CONSUMER_LIST_BY_GROUP (38): the client ids of a consumer group's live members,
 * `{"consumerIdList":[…]}`, with an empty header as RocketMQ answers; a group with no
 * member here → 1 `no consumer for this group, <group>` (clients skip that rebalance).
 */
import { encodeGetConsumerListByGroupResponseBody } from '../../protocol/bodies/consumer-list-by-group.js';
import { GetConsumerListByGroupRequestHeader } from '../../protocol/headers/get-consumer-list-by-group-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getConsumerListByGroup: BrokerHandler = (context, request) => {
  const { consumerGroup } = GetConsumerListByGroupRequestHeader.decode(request.extFields);
  const consumerIdList = context.consumers.consumerIds(consumerGroup);
  if (consumerIdList.length === 0) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `no consumer for this group, ${consumerGroup}`, extFields: {} });
  }
  return createResponse(request, ResponseCode.SUCCESS, { extFields: {}, body: encodeGetConsumerListByGroupResponseBody({ consumerIdList }) });
};
