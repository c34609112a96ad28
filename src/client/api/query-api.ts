/**
 * Message look-ups on one broker: QUERY_MESSAGE (12) by key or unique key (records
 * concatenated; none found is 22, answered here as an empty list) and VIEW_MESSAGE_BY_ID
 * (33) by commit-log offset (one record).
 */
import { QueryMessageRequestHeader } from '../../protocol/headers/query-message-request-header.js';
import { QueryMessageResponseHeader } from '../../protocol/headers/query-message-response-header.js';
import { ViewMessageRequestHeader } from '../../protocol/headers/view-message-request-header.js';
import { decodeMessageRecords, type MessageRecord } from '../../protocol/message/message-record.js';
import { RequestCode } from '../../protocol/request-code.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { checkResponse, headerFields, requireBody, responseHeader, type ClientRemoting } from './client-remoting.js';

export interface QueryMessageRequest {
  topic: string;
  key: string;
  maxNum: number;
  beginTimestamp: number;
  endTimestamp: number;
  uniqueKeyQuery: boolean;
}

export interface BrokerQueryResult {
  indexLastUpdateTimestamp: number;
  records: MessageRecord[];
}

export async function queryMessage(remoting: ClientRemoting, address: string, query: QueryMessageRequest, timeoutMs?: number): Promise<BrokerQueryResult> {
  const extFields = headerFields(QueryMessageRequestHeader, query);
  const response = await remoting.invoke(address, RequestCode.QUERY_MESSAGE, { extFields, timeoutMs });
  if (response.code === ResponseCode.QUERY_NOT_FOUND) return { indexLastUpdateTimestamp: 0, records: [] };
  checkResponse(response, address);
  const header = responseHeader(QueryMessageResponseHeader, response);
  return { indexLastUpdateTimestamp: header.indexLastUpdateTimestamp, records: response.body ? decodeMessageRecords(response.body) : [] };
}

export async function viewMessage(remoting: ClientRemoting, address: string, commitLogOffset: number, timeoutMs?: number): Promise<MessageRecord> {
  const extFields = headerFields(ViewMessageRequestHeader, { offset: commitLogOffset });
  const response = checkResponse(await remoting.invoke(address, RequestCode.VIEW_MESSAGE_BY_ID, { extFields, timeoutMs }), address);
  // A non-empty body decodes to at least one record or throws MESSAGE_MALFORMED.
  return decodeMessageRecords(requireBody(response, 'VIEW_MESSAGE_BY_ID'))[0] as MessageRecord;
}
