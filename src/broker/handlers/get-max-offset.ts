/** GET_MAX_OFFSET (30): the queue's next offset to be written (its message count); 0 for an unknown queue. */
import { GetMaxOffsetRequestHeader } from '../../protocol/headers/get-max-offset-request-header.js';
import { GetMaxOffsetResponseHeader } from '../../protocol/headers/get-max-offset-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getMaxOffset: BrokerHandler = (context, request) => {
  const header = GetMaxOffsetRequestHeader.decode(request.extFields);
  const offset = context.store.getMaxOffsetInQueue(header.topic, header.queueId);
  return createResponse(request, ResponseCode.SUCCESS, { extFields: GetMaxOffsetResponseHeader.encode({ offset }) });
};
