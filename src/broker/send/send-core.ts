/**
 * The one send path behind SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE
 * (320): checks (send-checks.ts), building the message(s) (single-message.ts or
 * batch-messages.ts, chosen by the header's `batch` flag as RocketMQ does), the store's
 * put, and the answer (put-status-answer.ts).
 *
 * Every answer carries `MSG_REGION` (regionId) and `TRACE_ON` (traceOn) in its ext fields,
 * refusals too, as RocketMQ's do; a stored message's answer adds SendMessageResponseHeader:
 * `msgId` (the offset message id; a batch's ids joined by `,`), `queueId` and `queueOffset`
 * (of the first message).
 */
import type { TopicConfig } from '../../protocol/bodies/topic-config.js';
import type { SendMessageRequestHeader } from '../../protocol/headers/send-message-request-header.js';
import { SendMessageResponseHeader } from '../../protocol/headers/send-message-response-header.js';
import { parseSocketAddress, type SocketAddress } from '../../protocol/message/socket-address.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { RemotingConnection } from '../../remoting/connection.js';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command.js';
import type { PutMessageResult } from '../../store/message-store.js';
import type { BrokerContext } from '../broker-context.js';
import type { Refusal } from '../topic/topic-validator.js';
import { buildBatchMessages } from './batch-messages.js';
import { illegalMessageRemark, putStatusAnswer, serviceNotAvailableRemark } from './put-status-answer.js';
import { checkSend } from './send-checks.js';
import { buildSingleMessage, type SendInput } from './single-message.js';

interface PreparedPut {
  /** The topic the message(s) are stored in (the retry, dead-letter or schedule topic when rewritten). */
  topic: string;
  queueId: number;
  put: () => Promise<PutMessageResult>;
}

export async function processSend(context: BrokerContext, request: RemotingCommand, connection: RemotingConnection, header: SendMessageRequestHeader): Promise<RemotingCommand> {
  const started = Date.now();
  const check = checkSend(context, header, connection.remoteAddress);
  if (!check.ok) return refusal(context, request, check.refusal);
  const input: SendInput = { header, body: request.body ?? Buffer.alloc(0), clientVersion: request.version, bornHost: bornHostOf(connection) };
  const prepared = header.batch === true ? prepareBatch(context, input, check.topicConfig) : prepareSingle(context, input, check.topicConfig);
  if ('code' in prepared) return refusal(context, request, prepared);
  if (context.config.brokerRole === 'SLAVE') {
    return refusal(context, request, { code: ResponseCode.SERVICE_NOT_AVAILABLE, remark: serviceNotAvailableRemark('this broker is a slave; send to its master') });
  }
  const result = await prepared.put();
  const answer = putStatusAnswer(result.status, result.remark, context.config.maxMessageSize);
  if (!answer.stored || result.appended.length === 0) {
    context.stats.recordPutFailure();
    return refusal(context, request, { code: answer.code, remark: answer.remark ?? 'nothing was stored' });
  }
  const bytes = result.appended.reduce((sum, appended) => sum + appended.size, 0);
  context.stats.recordPut(result.appended.length, bytes, Date.now() - started);
  context.stats.items.recordPut(prepared.topic, result.appended.length, bytes);
  const first = result.appended[0] as (typeof result.appended)[number];
  const extFields = SendMessageResponseHeader.encode({
    msgId: result.appended.map((appended) => appended.msgId).join(','),
    queueId: prepared.queueId,
    queueOffset: first.queueOffset,
    msgRegion: context.config.regionId,
    traceOn: String(context.config.traceOn),
  });
  return createResponse(request, answer.code, { extFields, remark: answer.remark });
}

function prepareSingle(context: BrokerContext, input: SendInput, topicConfig: TopicConfig): PreparedPut | Refusal {
  const maxMessageSize = context.config.maxMessageSize;
  if (input.body.length > maxMessageSize) {
    return { code: ResponseCode.MESSAGE_ILLEGAL, remark: illegalMessageRemark(maxMessageSize, `body of ${input.body.length} bytes`) };
  }
  const built = buildSingleMessage(context, input, topicConfig);
  if (!built.ok) return built.refusal;
  const { message, queueId } = built.value;
  return { topic: message.topic, queueId, put: () => context.store.putMessage(message) };
}

function prepareBatch(context: BrokerContext, input: SendInput, topicConfig: TopicConfig): PreparedPut | Refusal {
  const built = buildBatchMessages(context, input, topicConfig);
  if (!built.ok) return built.refusal;
  const { messages, queueId } = built.value;
  return { topic: messages[0]?.topic ?? input.header.topic, queueId, put: () => context.store.putMessages(messages) };
}

function refusal(context: BrokerContext, request: RemotingCommand, refused: Refusal): RemotingCommand {
  return createResponse(request, refused.code, {
    remark: refused.remark,
    extFields: { MSG_REGION: context.config.regionId, TRACE_ON: String(context.config.traceOn) },
  });
}

/** The producer's address as the connection sees it (0.0.0.0:0 when the socket has none). */
export function bornHostOf(connection: RemotingConnection): SocketAddress {
  try {
    return parseSocketAddress(connection.remoteAddress);
  } catch {
    return { host: '0.0.0.0', port: 0 };
  }
}
