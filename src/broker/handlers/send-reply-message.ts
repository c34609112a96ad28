/**
 * SEND_REPLY_MESSAGE (324, long header keys) and SEND_REPLY_MESSAGE_V2 (325, single
 * letters): a replier's answer to a request message (RocketMQ 4.9.8 ReplyMessageProcessor).
 *
 * 1. The send checks (send/send-checks.ts: start time, topic name, forbidden topics,
 *    auto-creation, queueId) with the send path's refusals; a negative queueId picks a
 *    random write queue.
 * 2. The reply is pushed, before it is stored, as PUSH_REPLY_MESSAGE_TO_CLIENT (326) on the
 *    connection of the producer whose clientId is the reply's `REPLY_TO_CLIENT` property
 *    (from heartbeats). Header: ReplyMessageRequestHeader with the request's fields (its
 *    queueId as sent), `bornHost` = the replier's address, `storeHost` = brokerIP1:port,
 *    `storeTimestamp` = now, `properties` = the reply's plus `PUSH_REPLY_TIME`; body = the
 *    request's body. The push waits for the requester's answer (at most 10 s).
 * 3. The answer follows the push: pushed and answered 0 → 0 with msgId "0", the queueId and
 *    queueOffset 0; otherwise 1 with one of RocketMQ's remarks —
 *      `reply message properties[REPLY_TO_CLIENT] is null`,
 *      `push reply message fail, channel of <clientId> not found.`,
 *      `push reply message to <clientId>fail.` (the requester answered non-0 or the call failed).
 * 4. With storeReplyMessageEnable (default) the reply is stored in any case, in its topic
 *    and queue: properties as the replier sent them, sysFlag 0, born host = the replier's
 *    connection, reconsumeTimes from the request (a DELAY goes through the schedule topic,
 *    as the store does for every message). Stored → msgId (offset message id), queueId and
 *    queueOffset of the record replace those of step 3, whatever the code; a store failure
 *    is only logged and the answer stays as step 3 made it. A slave does not store.
 *
 * Every answer carries MSG_REGION and TRACE_ON.
 */
import { SendMessageRequestHeader } from '../../protocol/headers/send-message-request-header.js';
import { SendMessageRequestHeaderV2, sendMessageHeaderV1FromV2 } from '../../protocol/headers/send-message-request-header-v2.js';
import { ReplyMessageRequestHeader } from '../../protocol/headers/reply-message-request-header.js';
import { SendMessageResponseHeader } from '../../protocol/headers/send-message-response-header.js';
import { PropertyKey, decodeProperties, encodeProperties, type MessageProperties } from '../../protocol/message/properties.js';
import { formatSocketAddress, type SocketAddress } from '../../protocol/message/socket-address.js';
import { RequestCode } from '../../protocol/request-code.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { RemotingConnection } from '../../remoting/connection.js';
import { createRequest, createResponse, type ExtFields, type RemotingCommand } from '../../remoting/remoting-command.js';
import type { MessageToStore } from '../../store/message-store.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';
import { CALL_CLIENT_TIMEOUT_MS } from '../consumer/call-consumer.js';
import { delayApplies, delayLevelOf, toScheduleTopic } from '../send/message-rewrites.js';
import { putStatusAnswer } from '../send/put-status-answer.js';
import { checkSend } from '../send/send-checks.js';
import { bornHostOf } from '../send/send-core.js';
import { chooseQueue, noWriteQueue } from '../send/single-message.js';

export const sendReplyMessage: BrokerHandler = (context, request, connection) =>
  processReply(context, request, connection, SendMessageRequestHeader.decode(request.extFields));

export const sendReplyMessageV2: BrokerHandler = (context, request, connection) =>
  processReply(context, request, connection, sendMessageHeaderV1FromV2(SendMessageRequestHeaderV2.decode(request.extFields)));

interface PushOutcome {
  ok: boolean;
  remark: string;
  /** PUSH_REPLY_TIME when the requester's connection was found. */
  pushReplyTime?: string;
}

interface ReplyAnswer {
  code: number;
  remark: string | null;
  msgId?: string;
  queueId?: number;
  queueOffset?: number;
}

async function processReply(context: BrokerContext, request: RemotingCommand, connection: RemotingConnection, header: SendMessageRequestHeader): Promise<RemotingCommand> {
  const check = checkSend(context, header, connection.remoteAddress);
  if (!check.ok) return respond(context, request, { code: check.refusal.code, remark: check.refusal.remark });
  const queueId = chooseQueue(header.queueId, check.topicConfig);
  if (queueId === null) {
    const refused = noWriteQueue(header.topic);
    return respond(context, request, { code: refused.code, remark: refused.remark });
  }
  const body = request.body ?? Buffer.alloc(0);
  const message: MessageToStore = {
    topic: header.topic,
    queueId,
    flag: header.flag,
    body,
    properties: decodeProperties(header.properties ?? ''),
    sysFlag: 0,
    bornTimestamp: header.bornTimestamp,
    bornHost: bornHostOf(connection),
    storeHost: context.storeHost,
    reconsumeTimes: header.reconsumeTimes ?? 0,
    preparedTransactionOffset: 0,
  };
  const pushed = await pushReply(context, header, message.bornHost, message.properties, request.body);
  const answer: ReplyAnswer = pushed.ok ? { code: ResponseCode.SUCCESS, remark: null, msgId: '0', queueId, queueOffset: 0 } : { code: ResponseCode.SYSTEM_ERROR, remark: pushed.remark };
  if (context.config.storeReplyMessageEnable) {
    const refusal = await storeReply(context, message, pushed, answer, queueId);
    if (refusal) return respond(context, request, refusal);
  }
  return respond(context, request, answer);
}

/** PUSH_REPLY_MESSAGE_TO_CLIENT to the requester named by REPLY_TO_CLIENT. */
async function pushReply(context: BrokerContext, header: SendMessageRequestHeader, bornHost: SocketAddress, properties: MessageProperties, body: Buffer | null): Promise<PushOutcome> {
  const requester = properties[PropertyKey.MESSAGE_REPLY_TO_CLIENT];
  if (requester === undefined) {
    const remark = `reply message properties[${PropertyKey.MESSAGE_REPLY_TO_CLIENT}] is null`;
    context.logger.warn(`${PropertyKey.MESSAGE_REPLY_TO_CLIENT} is null, can not reply message`);
    return { ok: false, remark };
  }
  const channel = context.producers.findConnection(requester);
  if (!channel) {
    const remark = `push reply message fail, channel of <${requester}> not found.`;
    context.logger.warn(remark);
    return { ok: false, remark };
  }
  const pushReplyTime = String(Date.now());
  const pushedProperties: MessageProperties = { ...properties, [PropertyKey.PUSH_REPLY_TIME]: pushReplyTime };
  const replyHeader: ReplyMessageRequestHeader = {
    producerGroup: header.producerGroup,
    topic: header.topic,
    defaultTopic: header.defaultTopic,
    defaultTopicQueueNums: header.defaultTopicQueueNums,
    queueId: header.queueId,
    sysFlag: header.sysFlag,
    bornTimestamp: header.bornTimestamp,
    flag: header.flag,
    properties: encodeProperties(pushedProperties),
    unitMode: header.unitMode ?? false,
    bornHost: formatSocketAddress(bornHost),
    storeHost: formatSocketAddress(context.storeHost),
    storeTimestamp: Date.now(),
  };
  if (header.reconsumeTimes !== undefined) replyHeader.reconsumeTimes = header.reconsumeTimes;
  const failed = `push reply message to ${requester}fail.`;
  try {
    const push = createRequest(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, { extFields: ReplyMessageRequestHeader.encode(replyHeader), body });
    const response = await channel.invoke(push, CALL_CLIENT_TIMEOUT_MS);
    if (response.code === ResponseCode.SUCCESS) return { ok: true, remark: '', pushReplyTime };
    context.logger.warn(`push reply message to <${requester}> return fail, response remark: ${response.remark ?? 'null'}`);
    return { ok: false, remark: failed, pushReplyTime };
  } catch (error) {
    context.logger.warn({ err: error instanceof Error ? error.message : String(error) }, `push reply message to <${requester}> fail.`);
    return { ok: false, remark: failed, pushReplyTime };
  }
}

/**
 * Stores the reply and, when stored, writes its msgId / queueId / queueOffset into
 * `answer`. Returns an answer that replaces `answer` only for a DELAY that is not a
 * number (RocketMQ's store fails there with an exception, answered 1).
 */
async function storeReply(context: BrokerContext, message: MessageToStore, pushed: PushOutcome, answer: ReplyAnswer, queueId: number): Promise<ReplyAnswer | null> {
  if (context.config.brokerRole === 'SLAVE') {
    context.logger.warn('process reply message: this broker is a slave, the reply is not stored');
    return null;
  }
  const started = Date.now();
  if (delayApplies(message.sysFlag)) {
    const level = delayLevelOf(message);
    if (level === null) {
      return { code: ResponseCode.SYSTEM_ERROR, remark: `the message is illegal: property DELAY "${message.properties[PropertyKey.DELAY_TIME_LEVEL]}" is not a delay level` };
    }
    if (level > 0) {
      // The store rebuilds the properties text of a delayed message from the map the push added its time to.
      if (pushed.pushReplyTime !== undefined) message.properties[PropertyKey.PUSH_REPLY_TIME] = pushed.pushReplyTime;
      toScheduleTopic(message, level, context.delayLevels);
    }
  }
  const result = await context.store.putMessage(message);
  const status = putStatusAnswer(result.status, result.remark, context.config.maxMessageSize);
  const appended = result.appended[0];
  if (!status.stored || appended === undefined) {
    context.stats.recordPutFailure();
    context.logger.warn({ status: result.status, reason: result.remark }, `process reply message, the store refused it: ${status.remark ?? result.status}`);
    return null;
  }
  context.stats.recordPut(1, appended.size, Date.now() - started);
  context.stats.items.recordPut(message.topic, 1, appended.size);
  answer.msgId = appended.msgId;
  answer.queueId = queueId;
  answer.queueOffset = appended.queueOffset;
  return null;
}

function respond(context: BrokerContext, request: RemotingCommand, answer: ReplyAnswer): RemotingCommand {
  const regionAndTrace = { msgRegion: context.config.regionId, traceOn: String(context.config.traceOn) };
  let extFields: ExtFields;
  if (answer.msgId !== undefined && answer.queueId !== undefined && answer.queueOffset !== undefined) {
    extFields = SendMessageResponseHeader.encode({ msgId: answer.msgId, queueId: answer.queueId, queueOffset: answer.queueOffset, ...regionAndTrace });
  } else {
    extFields = { MSG_REGION: regionAndTrace.msgRegion, TRACE_ON: regionAndTrace.traceOn };
  }
  return createResponse(request, answer.code, { extFields, remark: answer.remark });
}
