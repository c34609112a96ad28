/**
 * The check pass's I/O against the broker (Java TransactionalMessageBridge and
 * AbstractTransactionalMessageCheckListener): reads of the half and op queues from the
 * store, the CID_RMQ_SYS_TRANS offsets in consumerOffset.json, put-backs, discards to
 * TRANS_CHECK_MAX_TIME_TOPIC (created with 1 queue, perm 6), and CHECK_TRANSACTION_STATE
 * (39) sent oneway to one live producer connection of the half message's PGROUP: header
 * tranStateTableOffset / commitLogOffset / offsetMsgId of the copy, msgId = transactionId =
 * UNIQ_KEY; body = the message as a record with its REAL_TOPIC / REAL_QID as topic and
 * queue. No producer online: logged, nothing sent (the message is checked again later).
 */
import type { Logger } from '../../common/log.js';
import { CheckTransactionStateRequestHeader } from '../../protocol/headers/check-transaction-state-request-header.js';
import { decodeMessageRecords, encodeMessageRecord, type MessageRecord } from '../../protocol/message/message-record.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import { PermName } from '../../protocol/perm-name.js';
import { RequestCode } from '../../protocol/request-code.js';
import { createRequest } from '../../remoting/remoting-command.js';
import type { GetMessageStatus, MessageToStore } from '../../store/message-store.js';
import type { BrokerContext } from '../broker-context.js';
import { SystemTopic } from '../topic/topic-validator.js';
import type { CheckIo, QueueRead, QueueReadStatus, StoredCopy } from './check-pass.js';
import { CHECK_MAX_TIME_QUEUE_NUMS, TRANSACTION_CHECK_GROUP, discardedMessage, immunityHalfMessage, parseJavaInt, renewedHalfMessage } from './transaction-messages.js';

/** What the check I/O uses of the broker. */
export type TransactionServices = Pick<BrokerContext, 'store' | 'topics' | 'producers' | 'consumerOffsets' | 'storeHost' | 'logger'>;

/** The half queues to check: the half topic's read queues (the topic is created when missing). */
export function halfQueueIds(topics: BrokerContext['topics']): number[] {
  const config = topics.select(SystemTopic.TRANS_HALF) ?? topics.createTopicInSendMessageBackMethod(SystemTopic.TRANS_HALF, 1, PermName.READ | PermName.WRITE, 0);
  return Array.from({ length: Math.max(0, config.readQueueNums) }, (_, queueId) => queueId);
}

export function readStatusOf(status: GetMessageStatus): QueueReadStatus {
  switch (status) {
    case 'FOUND':
      return 'FOUND';
    case 'NO_MATCHED_MESSAGE':
      return 'NO_MATCHED_MSG';
    case 'NO_MESSAGE_IN_QUEUE':
    case 'OFFSET_OVERFLOW_ONE':
      return 'NO_NEW_MSG';
    default:
      return 'OFFSET_ILLEGAL';
  }
}

export function brokerCheckIo(context: TransactionServices, now: () => number = Date.now): CheckIo {
  const { store, logger } = context;
  return {
    now,
    consumeOffset: (topic, queueId) => {
      const offset = context.consumerOffsets.queryOffset(TRANSACTION_CHECK_GROUP, topic, queueId);
      return offset === -1 ? store.getMinOffsetInQueue(topic, queueId) : offset;
    },
    updateConsumeOffset: (topic, queueId, offset) => {
      context.consumerOffsets.commitOffset(TRANSACTION_CHECK_GROUP, topic, queueId, offset);
    },
    read: async (topic, queueId, offset, maxNums): Promise<QueueRead> => {
      const result = await store.getMessage(topic, queueId, offset, maxNums);
      const status = readStatusOf(result.status);
      const messages = status === 'FOUND' ? result.records.flatMap((bytes) => decodeMessageRecords(bytes)).map(ownCopy) : [];
      return { status, nextBeginOffset: result.nextBeginOffset, messages: messages.length > 0 ? messages : null };
    },
    putBack: async (half, properties) => {
      const stored = await putOk(context, renewedHalfMessage(half, properties));
      return stored ? { queueOffset: stored.queueOffset, commitLogOffset: stored.commitLogOffset, msgId: stored.msgId } : null;
    },
    putImmunityBack: async (half) => (await putOk(context, immunityHalfMessage(half))) !== null,
    discard: async (half) => {
      logger.error({ msgId: half.properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX], commitLogOffset: half.commitLogOffset }, 'half message checked too many times; moved to TRANS_CHECK_MAX_TIME_TOPIC');
      context.topics.createTopicInSendMessageBackMethod(SystemTopic.TRANS_CHECK_MAX_TIME, CHECK_MAX_TIME_QUEUE_NUMS, PermName.READ | PermName.WRITE, 0);
      await putOk(context, discardedMessage(half));
    },
    sendCheck: (half, copy) => sendCheckTransactionState(context, half, copy, logger),
    warn: (details, message) => logger.warn(details, message),
  };
}

/** Decoded bodies are views into the store's buffers: keep a copy of their own. */
function ownCopy(record: MessageRecord): MessageRecord {
  return { ...record, body: Buffer.from(record.body), properties: { ...record.properties } };
}

async function putOk(context: TransactionServices, message: MessageToStore): Promise<StoredCopy | null> {
  const result = await context.store.putMessage(message);
  const stored = result.appended[0];
  if (result.status === 'PUT_OK' && stored) return { queueOffset: stored.queueOffset, commitLogOffset: stored.commitLogOffset, msgId: stored.msgId };
  context.logger.error({ topic: message.topic, queueId: message.queueId, status: result.status, remark: result.remark }, 'transaction message not stored');
  return null;
}

/** The CHECK_TRANSACTION_STATE header and body about a put-back copy. */
export function checkTransactionStateRequest(half: MessageRecord, copy: StoredCopy): { header: CheckTransactionStateRequestHeader; body: Buffer } {
  const uniqKey = half.properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX];
  const header: CheckTransactionStateRequestHeader = {
    tranStateTableOffset: copy.queueOffset,
    commitLogOffset: copy.commitLogOffset,
    offsetMsgId: copy.msgId,
    ...(uniqKey !== undefined ? { msgId: uniqKey, transactionId: uniqKey } : {}),
  };
  const realQueueId = parseJavaInt(half.properties[PropertyKey.REAL_QUEUE_ID] ?? '');
  const body = encodeMessageRecord({
    ...half,
    topic: half.properties[PropertyKey.REAL_TOPIC] ?? half.topic,
    queueId: realQueueId < 0 ? half.queueId : realQueueId,
    queueOffset: copy.queueOffset,
    commitLogOffset: copy.commitLogOffset,
  });
  return { header, body };
}

function sendCheckTransactionState(context: TransactionServices, half: MessageRecord, copy: StoredCopy, logger: Logger): void {
  const group = half.properties[PropertyKey.PRODUCER_GROUP] ?? '';
  const connection = context.producers.availableConnection(group);
  if (!connection) {
    logger.warn({ group, msgId: copy.msgId }, 'Check transaction failed, channel is null.');
    return;
  }
  const { header, body } = checkTransactionStateRequest(half, copy);
  try {
    connection.invokeOneway(createRequest(RequestCode.CHECK_TRANSACTION_STATE, { extFields: CheckTransactionStateRequestHeader.encode(header), body }));
  } catch (error) {
    logger.error({ err: (error as Error).message, group, msgId: copy.msgId }, 'Check transaction failed because invoke producer exception.');
  }
}
