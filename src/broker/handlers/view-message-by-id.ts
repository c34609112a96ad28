/**
 * VIEW_MESSAGE_BY_ID (33): the record at a commit-log offset (decoded by clients from an
 * offset message id), as the body; none there → 1 `can not find message by the offset, <o>`.
 */
import { ViewMessageRequestHeader } from '../../protocol/headers/view-message-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const viewMessageById: BrokerHandler = async (context, request) => {
  const header = ViewMessageRequestHeader.decode(request.extFields);
  const record = await context.store.selectRecordByOffset(header.offset);
  if (!record) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `can not find message by the offset, ${header.offset}` });
  }
  return createResponse(request, ResponseCode.SUCCESS, { body: record });
};
