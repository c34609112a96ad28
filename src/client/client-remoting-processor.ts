/**
 * The requests brokers send to a client instance (Java `ClientRemotingProcessor`), each
 * passed to the consumer of the group it names:
 *
 * | code | request | answer |
 * | --- | --- | --- |
 * | 40 NOTIFY_CONSUMER_IDS_CHANGED | oneway, `consumerGroup` | none; every consumer rebalances now |
 * | 220 RESET_CONSUMER_CLIENT_OFFSET | oneway, ResetOffsetRequestHeader + ResetOffsetBody | none; the consumer moves to the offsets |
 * | 307 GET_CONSUMER_RUNNING_INFO | `consumerGroup`, `clientId`, `jstackEnable` | 0 + ConsumerRunningInfo |
 * | 309 CONSUME_MESSAGE_DIRECTLY | `consumerGroup`, `brokerName`, body = one message record | 0 + ConsumeMessageDirectlyResult |
 * | 39 CHECK_TRANSACTION_STATE | oneway, CheckTransactionStateRequestHeader, body = the half message's record | none; the transaction producer of the message's PGROUP answers END_TRANSACTION to the connection's remote address |
 * | 326 PUSH_REPLY_MESSAGE_TO_CLIENT | ReplyMessageRequestHeader, body = the reply's body | 0 (no remark); the request waiting with the reply's CORRELATION_ID gets it, an unknown one is logged (warn) and answered 0 too; a reply that cannot be read: 1 `process reply message fail` |
 *
 * A group this instance does not have is answered 1 `The Consumer Group <g> not exist in
 * this consumer`. Successful answers carry the remark `not set any response code`, as
 * the 4.9.8 Java client's do.
 */
import { encodeConsumeMessageDirectlyResult } from '../protocol/bodies/consume-message-directly-result.js';
import { jsonBytes } from '../protocol/bodies/body-json.js';
import type { JsonObject } from '../protocol/bodies/lenient-json.js';
import { decodeResetOffsetBody, decodeResetOffsetBodyForC } from '../protocol/bodies/reset-offset-body.js';
import { messageQueueKey, type MessageQueueKey } from '../protocol/bodies/message-queue.js';
import { ConsumeMessageDirectlyResultRequestHeader } from '../protocol/headers/consume-message-directly-result-request-header.js';
import { GetConsumerRunningInfoRequestHeader } from '../protocol/headers/get-consumer-running-info-request-header.js';
import { CheckTransactionStateRequestHeader } from '../protocol/headers/check-transaction-state-request-header.js';
import { PropertyKey } from '../protocol/message/properties.js';
import { ResetOffsetRequestHeader } from '../protocol/headers/reset-offset-request-header.js';
import { ReplyMessageRequestHeader } from '../protocol/headers/reply-message-request-header.js';
import { decodeMessageRecord } from '../protocol/message/message-record.js';
import { RequestCode } from '../protocol/request-code.js';
import { ResponseCode } from '../protocol/response-code.js';
import { createResponse, type RemotingCommand } from '../remoting/remoting-command.js';
import { parseNamesrvAddr } from './client-config.js';
import type { ClientInstance, ConsumerInner } from './client-instance.js';
import { messageExtOfRecord } from './message/message-ext.js';
import type { TransactionCheckMessage } from './producer/transaction-listener.js';
import { receivedReplyOfPush, type ReceivedReply } from './producer/reply-message.js';
import { formatSocketAddress } from '../protocol/message/socket-address.js';
import { consumerRunningInfoJson, settingsProperties, withInstanceProperties } from './consumer/running-info.js';

/** The remark of the Java client's successful answers (its response starts as SYSTEM_ERROR with this text). */
export const NOT_SET_REMARK = 'not set any response code';

export function registerClientRequestHandlers(instance: ClientInstance): void {
  instance.registerRequestHandler(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, () => {
    instance.rebalanceImmediately();
    return null;
  });
  instance.registerRequestHandler(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, (request) => resetOffset(instance, request));
  instance.registerRequestHandler(RequestCode.GET_CONSUMER_RUNNING_INFO, (request) => runningInfo(instance, request));
  instance.registerRequestHandler(RequestCode.CONSUME_MESSAGE_DIRECTLY, (request) => consumeMessageDirectly(instance, request));
  instance.registerRequestHandler(RequestCode.CHECK_TRANSACTION_STATE, (request, connection) => {
    checkTransactionState(instance, request, connection.remoteAddress);
    return null;
  });
  instance.registerRequestHandler(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, (request) => receiveReplyMessage(instance, request));
}

function groupMissing(request: RemotingCommand, group: string): RemotingCommand {
  return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `The Consumer Group <${group}> not exist in this consumer` });
}

function resetOffset(instance: ClientInstance, request: RemotingCommand): null {
  const header = ResetOffsetRequestHeader.decode(request.extFields);
  const consumer = instance.consumer(header.group);
  if (consumer?.resetOffset === undefined) return null;
  const offsets = resetOffsets(request.body);
  consumer.resetOffset(header.topic, offsets).catch(() => undefined);
  return null;
}

/** The offsets of a ResetOffsetBody, or of the list form a CPP admin triggers. */
function resetOffsets(body: Buffer | null): Map<MessageQueueKey, number> {
  if (body === null || body.length === 0) return new Map();
  try {
    return decodeResetOffsetBody(body).offsetTable;
  } catch {
    return new Map(decodeResetOffsetBodyForC(body).offsetTable.map((entry) => [messageQueueKey(entry), entry.offset]));
  }
}

async function runningInfo(instance: ClientInstance, request: RemotingCommand): Promise<RemotingCommand> {
  const header = GetConsumerRunningInfoRequestHeader.decode(request.extFields);
  const consumer = instance.consumer(header.consumerGroup);
  if (consumer === undefined) return groupMissing(request, header.consumerGroup);
  const json = withInstanceProperties((await consumer.runningInfo?.()) ?? minimalRunningInfo(consumer), parseNamesrvAddr(instance.config.namesrvAddr), consumer.consumerData().consumeType);
  if (header.jstackEnable === true) json['jstack'] = `Node.js ${process.version}, pid ${process.pid}: no thread dump (one event loop)`;
  return createResponse(request, ResponseCode.SUCCESS, { remark: NOT_SET_REMARK, body: jsonBytes(json) });
}

/** Running info of a consumer that keeps no process queues (the pull consumer): its subscriptions. */
function minimalRunningInfo(consumer: ConsumerInner): JsonObject {
  const data = consumer.consumerData();
  return consumerRunningInfoJson({
    properties: settingsProperties({ consumerGroup: data.groupName, messageModel: data.messageModel, consumeFromWhere: data.consumeFromWhere }),
    subscriptions: data.subscriptionDataSet,
    queues: [],
    status: new Map(),
  });
}

async function consumeMessageDirectly(instance: ClientInstance, request: RemotingCommand): Promise<RemotingCommand> {
  const header = ConsumeMessageDirectlyResultRequestHeader.decode(request.extFields);
  const consumer = instance.consumer(header.consumerGroup);
  if (consumer?.consumeMessageDirectly === undefined || request.body === null) return groupMissing(request, header.consumerGroup);
  const message = messageExtOfRecord(decodeMessageRecord(request.body).record);
  const result = await consumer.consumeMessageDirectly(message, header.brokerName);
  return createResponse(request, ResponseCode.SUCCESS, { remark: NOT_SET_REMARK, body: encodeConsumeMessageDirectlyResult(result) });
}

/**
 * Hands a broker's check of a half message to the producer of its PGROUP (Java
 * `ClientRemotingProcessor.checkTransactionState`): the message gets `transactionId` =
 * its UNIQ_KEY when it has a non-empty one. A message that cannot be read, without
 * PGROUP, or of a group this instance has no producer of is logged and dropped; the
 * broker asks again later.
 */
function checkTransactionState(instance: ClientInstance, request: RemotingCommand, brokerAddress: string): void {
  const logger = instance.config.logger;
  let header: CheckTransactionStateRequestHeader;
  let message: TransactionCheckMessage;
  try {
    header = CheckTransactionStateRequestHeader.decode(request.extFields);
    if (request.body === null || request.body.length === 0) throw new Error('no message in the body');
    const decoded = messageExtOfRecord(decodeMessageRecord(request.body).record);
    const uniqueKey = decoded.properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX];
    message = { ...decoded, transactionId: uniqueKey !== undefined && uniqueKey.length > 0 ? uniqueKey : undefined };
  } catch (error) {
    logger.warn({ brokerAddress, err: (error as Error).message }, 'checkTransactionState, decode message failed');
    return;
  }
  const group = message.properties[PropertyKey.PRODUCER_GROUP];
  if (group === undefined) {
    logger.warn({ brokerAddress, msgId: message.msgId }, 'checkTransactionState, pick producer group failed');
    return;
  }
  const producer = instance.producer(group);
  if (producer === undefined) {
    logger.warn({ brokerAddress, group, msgId: message.msgId }, `checkTransactionState, pick producer by group[${group}] failed`);
    return;
  }
  if (producer.checkTransactionState === undefined) {
    logger.warn({ brokerAddress, group, msgId: message.msgId }, `CheckTransactionState, pick transactionCheckListener by group[${group}] failed`);
    return;
  }
  producer.checkTransactionState(brokerAddress, message, header);
}

/**
 * A reply the broker pushes (Java `receiveReplyMessage` + `processReplyMessage`): the
 * header is decoded first (a bad header is answered by the remoting layer, as Java's
 * decode exception is), then the reply is built and handed to the request waiting with its
 * CORRELATION_ID. Answered SUCCESS without remark — also when no request waits for it
 * (logged, as Java does) —, SYSTEM_ERROR `process reply message fail` when it cannot be read.
 */
function receiveReplyMessage(instance: ClientInstance, request: RemotingCommand): RemotingCommand {
  const arrivedMs = Date.now();
  const header = ReplyMessageRequestHeader.decode(request.extFields);
  const logger = instance.config.logger;
  let reply: ReceivedReply;
  try {
    reply = receivedReplyOfPush(header, request.body, arrivedMs, logger);
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'unknown err when receiveReplyMsg');
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'process reply message fail' });
  }
  if (!instance.requests.complete(reply)) {
    const bornHost = reply.bornHost === undefined ? header.bornHost : formatSocketAddress(reply.bornHost);
    logger.warn(
      { correlationId: reply.correlationId, bornHost },
      `receive reply message, but not matched any request, CorrelationId: ${reply.correlationId ?? 'null'} , reply from host: ${bornHost}`,
    );
  }
  return createResponse(request, ResponseCode.SUCCESS);
}
