/** GET_MIN_OFFSET (31): the queue's first offset still stored; 0 for an unknown queue. */
import { GetMinOffsetRequestHeader } from '../../protocol/headers/get-min-offset-request-header.js';
import { GetMinOffsetResponseHeader } from '../../protocol/headers/get-min-offset-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getMinOffset: BrokerHandler = (context, request) => {
  const header = GetMinOffsetRequestHeader.decode(request.extFields);
  const offset = context.store.getMinOffsetInQueue(header.topic, header.queueId);
  return createResponse(request, ResponseCode.SUCCESS, { extFields: GetMinOffsetResponseHeader.encode({ offset }) });
};
