/**
 * SEARCH_OFFSET_BY_TIMESTAMP (29): the queue offset of the message stored at (or nearest
 * to) a time, with RocketMQ 4.9's rules (store/search-offset-by-time.ts); 0 for an empty or
 * unknown queue. The 5.x `boundaryType` is ignored.
 */
import { SearchOffsetRequestHeader } from '../../protocol/headers/search-offset-request-header.js';
import { SearchOffsetResponseHeader } from '../../protocol/headers/search-offset-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const searchOffsetByTimestamp: BrokerHandler = async (context, request) => {
  const header = SearchOffsetRequestHeader.decode(request.extFields);
  const offset = await context.store.getOffsetInQueueByTime(header.topic, header.queueId, header.timestamp);
  return createResponse(request, ResponseCode.SUCCESS, { extFields: SearchOffsetResponseHeader.encode({ offset }) });
};
