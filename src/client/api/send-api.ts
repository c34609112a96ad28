/**
 * Send calls: SEND_MESSAGE_V2 (310) for one message, SEND_BATCH_MESSAGE (320) for a
 * batch and SEND_REPLY_MESSAGE_V2 (325) for a reply (MSG_TYPE=reply, as the 4.9.8 Java
 * client with its default sendSmartMsg=true), all with the single-letter V2 header;
 * answered (sync) or oneway.
 */
import { SendMessageRequestHeaderV2 } from '../../protocol/headers/send-message-request-header-v2.js';
import { RequestCode } from '../../protocol/request-code.js';
import type { RemotingCommand } from '../../remoting/remoting-command.js';
import { headerFields, type ClientRemoting } from './client-remoting.js';

export interface SendRequest {
  header: SendMessageRequestHeaderV2;
  body: Buffer;
  /** A reply of request/reply: sent as SEND_REPLY_MESSAGE_V2. */
  reply?: boolean;
}

function codeOf(request: SendRequest): number {
  if (request.reply === true) return RequestCode.SEND_REPLY_MESSAGE_V2;
  return request.header.batch === true ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2;
}

export function sendMessage(remoting: ClientRemoting, address: string, request: SendRequest, timeoutMs: number): Promise<RemotingCommand> {
  return remoting.invoke(address, codeOf(request), { extFields: headerFields(SendMessageRequestHeaderV2, request.header), body: request.body, timeoutMs });
}

export function sendMessageOneway(remoting: ClientRemoting, address: string, request: SendRequest): Promise<void> {
  return remoting.invokeOneway(address, codeOf(request), { extFields: headerFields(SendMessageRequestHeaderV2, request.header), body: request.body });
}
