/**
 * PULL_MESSAGE (11): read up to maxMsgNums records of one queue from an offset. Codes 0
 * (FOUND), 19 (no new message), 20 (none matched the filter) and 21 (offset illegal) are
 * answers with the four-field pull header; any other code is an MQBrokerError.
 */
import { PullMessageRequestHeader } from '../../protocol/headers/pull-message-request-header.js';
import { PullMessageResponseHeader } from '../../protocol/headers/pull-message-response-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { checkResponse, headerFields, responseHeader, type ClientRemoting } from './client-remoting.js';

const PULL_ANSWER_CODES = [ResponseCode.SUCCESS, ResponseCode.PULL_NOT_FOUND, ResponseCode.PULL_RETRY_IMMEDIATELY, ResponseCode.PULL_OFFSET_MOVED];

export interface PullAnswer {
  code: number;
  header: PullMessageResponseHeader;
  body: Buffer | null;
}

export async function pullMessage(remoting: ClientRemoting, address: string, header: PullMessageRequestHeader, timeoutMs: number): Promise<PullAnswer> {
  const response = await remoting.invoke(address, RequestCode.PULL_MESSAGE, { extFields: headerFields(PullMessageRequestHeader, header), timeoutMs });
  checkResponse(response, address, PULL_ANSWER_CODES);
  return { code: response.code, header: responseHeader(PullMessageResponseHeader, response), body: response.body };
}
