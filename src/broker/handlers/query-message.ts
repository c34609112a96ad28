/**
 * QUERY_MESSAGE (12): the records indexed under `<topic>#<key>` whose store time lies in
 * [beginTimestamp, endTimestamp], at most maxNum (the store's defaultQueryMaxNum, 32, when
 * ext `_UNIQUE_KEY_QUERY=true`: the key is a UNIQ_KEY), concatenated as the body. The
 * header gives the time and commit-log offset of the index's last update, also when
 * nothing is found: 22 `can not find message, maybe time range not correct`.
 */
import { QueryMessageRequestHeader } from '../../protocol/headers/query-message-request-header.js';
import { QueryMessageResponseHeader } from '../../protocol/headers/query-message-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const queryMessage: BrokerHandler = async (context, request) => {
  const header = QueryMessageRequestHeader.decode(request.extFields);
  const maxNum = request.extFields?.['_UNIQUE_KEY_QUERY'] === 'true' ? context.config.defaultQueryMaxNum : header.maxNum;
  const result = await context.store.queryMessage(header.topic, header.key, maxNum, header.beginTimestamp, header.endTimestamp);
  const extFields = QueryMessageResponseHeader.encode({
    indexLastUpdateTimestamp: result.indexLastUpdateTimestamp,
    indexLastUpdatePhyoffset: result.indexLastUpdatePhyoffset,
  });
  if (result.records.length === 0) {
    return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { extFields, remark: 'can not find message, maybe time range not correct' });
  }
  return createResponse(request, ResponseCode.SUCCESS, { extFields, body: Buffer.concat(result.records) });
};
