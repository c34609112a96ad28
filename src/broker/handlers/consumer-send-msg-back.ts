/**
 * CONSUMER_SEND_MSG_BACK (36): a message a consumer failed goes to the group's retry
 * topic with a delay, or to its dead-letter topic after too many attempts
 * (send/send-back.ts). Answered 0 without header when stored, as RocketMQ does.
 */
import { ConsumerSendMsgBackRequestHeader } from '../../protocol/headers/consumer-send-msg-back-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { sendMessageBack } from '../send/send-back.js';

export const consumerSendMsgBack: BrokerHandler = async (context, request) => {
  const header = ConsumerSendMsgBackRequestHeader.decode(request.extFields);
  const outcome = await sendMessageBack(context, { header, clientVersion: request.version });
  if (!outcome.ok) return createResponse(request, outcome.refusal.code, { remark: outcome.refusal.remark });
  return createResponse(request, ResponseCode.SUCCESS);
};
