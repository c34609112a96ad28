/**
 * Turning a MessageToStore into a commit-log record, the same way for every store:
 * checks RocketMQ makes before storing (topic ≤ 127 bytes → else MESSAGE_ILLEGAL;
 * properties ≤ 32767 bytes → else PROPERTIES_SIZE_EXCEEDED; whole record ≤ maxMessageSize
 * → else MESSAGE_ILLEGAL), the body CRC, the IPv6 host bits, and the queue-offset rule:
 * prepared and rolled-back transaction records take queue offset 0 and get no
 * consume-queue entry; every other record takes the queue's next offset.
 */
import { messageBodyCrc } from '../common/crc32.js';
import { MAX_TOPIC_BYTES, messageRecordSize, withHostFlags, writeMessageRecord, type MessageRecordFields } from '../protocol/message/message-record.js';
import { MAX_PROPERTIES_BYTES, encodePropertiesBytes } from '../protocol/message/properties.js';
import { TransactionType, transactionTypeOf } from '../protocol/message/sys-flag.js';
import type { MessageToStore, PutMessageResult } from './message-store.js';

export interface PreparedRecord {
  readonly message: MessageToStore;
  readonly propertiesBytes: Buffer;
  readonly sysFlag: number;
  readonly bodyCrc: number;
  readonly size: number;
  /** False for prepared and rolled-back transaction records. */
  readonly takesQueueOffset: boolean;
}

export function prepareRecord(message: MessageToStore, maxMessageSize: number): PreparedRecord | PutMessageResult {
  const topicBytes = Buffer.byteLength(message.topic, 'utf8');
  if (topicBytes === 0 || topicBytes > MAX_TOPIC_BYTES) {
    return refused('MESSAGE_ILLEGAL', `topic "${message.topic.slice(0, 40)}" is ${topicBytes} bytes; a topic has 1 to ${MAX_TOPIC_BYTES}`);
  }
  let propertiesBytes: Buffer;
  try {
    propertiesBytes = encodePropertiesBytes(message.properties);
  } catch (error) {
    return refused('MESSAGE_ILLEGAL', (error as Error).message);
  }
  if (propertiesBytes.length > MAX_PROPERTIES_BYTES) {
    return refused('PROPERTIES_SIZE_EXCEEDED', `properties are ${propertiesBytes.length} bytes; at most ${MAX_PROPERTIES_BYTES} are allowed`);
  }
  const sysFlag = withHostFlags(message.sysFlag, message.bornHost, message.storeHost);
  const size = messageRecordSize(sysFlag, message.body.length, topicBytes, propertiesBytes.length);
  if (size > maxMessageSize) {
    return refused('MESSAGE_ILLEGAL', `message of ${size} bytes exceeds maxMessageSize ${maxMessageSize}`);
  }
  const type = transactionTypeOf(sysFlag);
  return {
    message,
    propertiesBytes,
    sysFlag,
    bodyCrc: messageBodyCrc(message.body),
    size,
    takesQueueOffset: type !== TransactionType.PREPARED && type !== TransactionType.ROLLBACK,
  };
}

export function isRefusal(value: PreparedRecord | PutMessageResult): value is PutMessageResult {
  return 'status' in value;
}

export function refused(status: PutMessageResult['status'], remark: string): PutMessageResult {
  return { status, appended: [], remark };
}

/**
 * The fields handed to writeMessageRecord, reused from put to put: the writer reads them
 * synchronously and keeps no reference, so one object serves every record (it holds on to
 * the last record's body and hosts until the next put).
 */
const scratch: MessageRecordFields = {
  bodyCrc: 0,
  queueId: 0,
  flag: 0,
  queueOffset: 0,
  commitLogOffset: 0,
  sysFlag: 0,
  bornTimestamp: 0,
  bornHost: { host: '', port: 0 },
  storeTimestamp: 0,
  storeHost: { host: '', port: 0 },
  reconsumeTimes: 0,
  preparedTransactionOffset: 0,
  body: Buffer.alloc(0),
  topic: '',
};

/** Writes the record at `at` of `target` with the offsets the store assigned. */
export function writePreparedRecord(
  target: Buffer,
  at: number,
  prepared: PreparedRecord,
  commitLogOffset: number,
  queueOffset: number,
  storeTimestamp: number,
): void {
  const { message } = prepared;
  scratch.bodyCrc = prepared.bodyCrc;
  scratch.queueId = message.queueId;
  scratch.flag = message.flag;
  scratch.queueOffset = queueOffset;
  scratch.commitLogOffset = commitLogOffset;
  scratch.sysFlag = prepared.sysFlag;
  scratch.bornTimestamp = message.bornTimestamp;
  scratch.bornHost = message.bornHost;
  scratch.storeTimestamp = storeTimestamp;
  scratch.storeHost = message.storeHost;
  scratch.reconsumeTimes = message.reconsumeTimes;
  scratch.preparedTransactionOffset = message.preparedTransactionOffset;
  scratch.body = message.body;
  scratch.topic = message.topic;
  writeMessageRecord(target, at, scratch, prepared.propertiesBytes);
}
