/** GET_EARLIEST_MSG_STORETIME (32): store time of the queue's message at its min offset, -1 when there is none. */
import { GetEarliestMsgStoretimeRequestHeader } from '../../protocol/headers/get-earliest-msg-storetime-request-header.js';
import { GetEarliestMsgStoretimeResponseHeader } from '../../protocol/headers/get-earliest-msg-storetime-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getEarliestMsgStoretime: BrokerHandler = async (context, request) => {
  const header = GetEarliestMsgStoretimeRequestHeader.decode(request.extFields);
  const timestamp = await context.store.getEarliestMessageTime(header.topic, header.queueId);
  return createResponse(request, ResponseCode.SUCCESS, { extFields: GetEarliestMsgStoretimeResponseHeader.encode({ timestamp }) });
};
