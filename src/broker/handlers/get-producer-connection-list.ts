/**
 * GET_PRODUCER_CONNECTION_LIST (204, mqadmin producerConnection): a producer group's live
 * connections; a group unknown here → 1 `the producer group[<group>] not exist`.
 */
import { encodeProducerConnection } from '../../protocol/bodies/producer-connection.js';
import { GetProducerConnectionListRequestHeader } from '../../protocol/headers/get-producer-connection-list-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { connectionInfo } from '../consumer/connection-info.js';

export const getProducerConnectionList: BrokerHandler = (context, request) => {
  const { producerGroup } = GetProducerConnectionListRequestHeader.decode(request.extFields);
  const channels = context.producers.channelsOf(producerGroup);
  if (channels.length === 0) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `the producer group[${producerGroup}] not exist` });
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeProducerConnection({ connectionSet: channels.map(connectionInfo) }) });
};
