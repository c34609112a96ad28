/**
 * The messages of RocketMQ's transactions (4.9.8 TransactionalMessageBridge,
 * EndTransactionProcessor.endMessageTransaction, DefaultTransactionalMessageCheckListener),
 * built from the half message's record. Layout:
 *
 *   RMQ_SYS_TRANS_HALF_TOPIC  queue q   half messages (the send path puts them in queue 0),
 *                                       REAL_TOPIC / REAL_QID / PGROUP in their properties;
 *                                       re-put copies when checked
 *   RMQ_SYS_TRANS_OP_HALF_TOPIC queue q one "op" per ended half message of half queue q:
 *                                       tag `d`, body = its half queue offset as decimal text
 *   TRANS_CHECK_MAX_TIME_TOPIC queue 0  half messages checked transactionCheckMax times
 *
 * Progress of the check service is the consumer offset of group CID_RMQ_SYS_TRANS on the
 * half queue and on the op queue (consumerOffset.json).
 *
 * Properties follow what a 4.9.8 broker writes, which is not always what its code seems to
 * do: Java computes the stored properties text before it removes or adds a property in
 * memory, so
 *   - a committed message keeps every property of the half message (REAL_TOPIC, REAL_QID
 *     and TRAN_MSG=true included); only a committed message with DELAY, which the store
 *     re-encodes for the schedule topic, loses TRAN_MSG;
 *   - a re-put half message stores its properties with the new TRANSACTION_CHECK_TIMES, and
 *     the CHECK_TRANSACTION_STATE body carries them plus WAIT=false;
 *   - an op message stores WAIT=true and TAGS=d (in that order), without UNIQ_KEY.
 */
import type { MessageRecord } from '../../protocol/message/message-record.js';
import { PropertyKey, toMessageProperties, type MessageProperties } from '../../protocol/message/properties.js';
import type { SocketAddress } from '../../protocol/message/socket-address.js';
import { TransactionType, withTransactionType } from '../../protocol/message/sys-flag.js';
import type { DelayLevels } from '../../store/delay-levels.js';
import type { MessageToStore } from '../../store/message-store.js';
import { delayLevelOf, toScheduleTopic } from '../send/message-rewrites.js';
import { copyOfRecord } from '../record-copy.js';
import { SystemTopic } from '../topic/topic-validator.js';

/** Consumer group whose offsets are the check service's progress (Java MixAll.CID_SYS_RMQ_TRANS). */
export const TRANSACTION_CHECK_GROUP = 'CID_RMQ_SYS_TRANS';
/** Tag of an op message that says "this half message is done" (Java TransactionalMessageUtil.REMOVETAG). */
export const REMOVE_TAG = 'd';
/** Queues of TRANS_CHECK_MAX_TIME_TOPIC (Java TCMT_QUEUE_NUMS). */
export const CHECK_MAX_TIME_QUEUE_NUMS = 1;

/** The op queue of a half queue: same queue id in the op topic. */
export function opQueueIdOf(halfQueueId: number): number {
  return halfQueueId;
}

/** Java Long.parseLong, or -1 when the text is not a long (TransactionalMessageServiceImpl.getLong). */
export function parseJavaLong(text: string): number {
  if (!/^[+-]?\d{1,19}$/.test(text)) return -1;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : -1;
}

/** Java Integer.parseInt, or -1 when the text is not an int (getInt). */
export function parseJavaInt(text: string): number {
  if (!/^[+-]?\d{1,10}$/.test(text)) return -1;
  const value = Number(text);
  return value >= -0x80000000 && value <= 0x7fffffff ? value : -1;
}

/** The op message that ends half message `half` (addRemoveTagInTransactionOp + makeOpMessageInner). */
export function opMessage(half: Pick<MessageRecord, 'queueId' | 'queueOffset'>, brokerHost: SocketAddress, now: number): MessageToStore {
  return {
    topic: SystemTopic.TRANS_OP_HALF,
    queueId: opQueueIdOf(half.queueId),
    flag: 0,
    body: Buffer.from(String(half.queueOffset), 'utf8'),
    properties: { [PropertyKey.WAIT_STORE_MSG_OK]: 'true', [PropertyKey.TAGS]: REMOVE_TAG },
    sysFlag: 0,
    bornTimestamp: now,
    bornHost: brokerHost,
    storeHost: brokerHost,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
  };
}

export type Rebuilt = { ok: true; message: MessageToStore } | { ok: false; remark: string };

/**
 * The message END_TRANSACTION commits (endMessageTransaction): REAL_TOPIC / REAL_QID of the
 * half message, its body, flag, born time and host, store host and reconsume times; sysFlag
 * with transaction type COMMIT; preparedTransactionOffset = the half message's commit-log
 * offset. A DELAY property sends it through the schedule topic, as the 4.9.8 store does
 * for NOT_TYPE and COMMIT messages.
 */
export function committedMessage(half: MessageRecord, commitLogOffset: number, delayLevels: DelayLevels): Rebuilt {
  const topic = half.properties[PropertyKey.REAL_TOPIC];
  const queueIdText = half.properties[PropertyKey.REAL_QUEUE_ID];
  if (topic === undefined || topic === '') return { ok: false, remark: 'The prepared message has no REAL_TOPIC property' };
  const queueId = queueIdText === undefined ? -1 : parseJavaInt(queueIdText);
  if (queueId < 0) return { ok: false, remark: `The prepared message's REAL_QID is not a queue id: ${JSON.stringify(queueIdText ?? null)}` };
  const message = copyOfRecord(half, topic, queueId);
  message.sysFlag = withTransactionType(half.sysFlag, TransactionType.COMMIT);
  message.preparedTransactionOffset = commitLogOffset;
  const level = delayLevelOf(message);
  if (level !== null && level > 0) {
    delete message.properties[PropertyKey.REAL_TOPIC];
    delete message.properties[PropertyKey.REAL_QUEUE_ID];
    delete message.properties[PropertyKey.TRANSACTION_PREPARED];
    toScheduleTopic(message, level, delayLevels);
  }
  return { ok: true, message };
}

/** The half message stored again with `properties` (renewHalfMessageInner). */
export function renewedHalfMessage(half: MessageRecord, properties: MessageProperties): MessageToStore {
  const message = copyOfRecord(half, half.topic, half.queueId);
  message.flag = 0;
  message.properties = toMessageProperties(properties);
  message.reconsumeTimes = 0;
  return message;
}

/**
 * The half message stored again while immune to checks (renewImmunityHalfMessageInner):
 * its properties plus WAIT=false and TRAN_PREPARED_QUEUE_OFFSET (the first copy's queue
 * offset, kept from an earlier copy).
 */
export function immunityHalfMessage(half: MessageRecord): MessageToStore {
  const properties = toMessageProperties(half.properties);
  properties[PropertyKey.WAIT_STORE_MSG_OK] = 'false';
  const prepared = half.properties[PropertyKey.TRANSACTION_PREPARED_QUEUE_OFFSET];
  properties[PropertyKey.TRANSACTION_PREPARED_QUEUE_OFFSET] = prepared ?? String(half.queueOffset);
  return renewedHalfMessage(half, properties);
}

/** A half message checked too often, moved to TRANS_CHECK_MAX_TIME_TOPIC (toMessageExtBrokerInner). */
export function discardedMessage(half: MessageRecord): MessageToStore {
  return copyOfRecord(half, SystemTopic.TRANS_CHECK_MAX_TIME, Math.floor(Math.random() * CHECK_MAX_TIME_QUEUE_NUMS));
}
