/**
 * GET_CONSUMER_CONNECTION_LIST (203, mqadmin consumerConnection): a consumer group's live
 * members (client id, address, language, version), its subscriptions and how it
 * consumes; a group with no member here → 206 CONSUMER_NOT_ONLINE `the consumer
 * group[<group>] not online`.
 */
import type { ConsumerConnection } from '../../protocol/bodies/consumer-connection.js';
import { encodeConsumerConnection } from '../../protocol/bodies/consumer-connection.js';
import { GetConsumerConnectionListRequestHeader } from '../../protocol/headers/get-consumer-connection-list-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { connectionInfo } from '../consumer/connection-info.js';

export const getConsumerConnectionList: BrokerHandler = (context, request) => {
  const { consumerGroup } = GetConsumerConnectionListRequestHeader.decode(request.extFields);
  const group = context.consumers.findGroup(consumerGroup);
  if (!group) return createResponse(request, ResponseCode.CONSUMER_NOT_ONLINE, { remark: `the consumer group[${consumerGroup}] not online` });
  const body: ConsumerConnection = {
    connectionSet: [...group.channels.values()].map(connectionInfo),
    subscriptionTable: new Map(group.subscriptions),
    consumeType: group.consumeType,
    messageModel: group.messageModel,
    consumeFromWhere: group.consumeFromWhere,
  };
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeConsumerConnection(body) });
};
