/**
 * Turning a MessageToStore into a commit-log record, the same way for every store:
 * checks RocketMQ makes before storing (topic ≤ 127 bytes → else MESSAGE_ILLEGAL;
 * properties ≤ 32767 bytes → else PROPERTIES_SIZE_EXCEEDED; body ≤ maxMessageSize and the
 * whole record ≤ maxMessageSize + 64 KiB → else MESSAGE_ILLEGAL, as 4.9.8's
 * MessageExtEncoder), the body CRC, the IPv6 host bits, and the queue-offset rule:
 * prepared and rolled-back transaction records take queue offset 0 and get no
 * consume-queue entry; every other record takes the queue's next offset.
 *
 * Every field is checked here (int32 fields, safe 64-bit times and offsets, IP hosts and
 * ports; else MESSAGE_ILLEGAL), before the store reserves log space, so that writing the
 * record (record-writer.ts) cannot fail halfway. Host and topic bytes come from bounded
 * tables shared by the stores of the process.
 */
import { messageBodyCrc } from '../common/crc32.js';
import { MAX_TOPIC_BYTES, messageRecordSize } from '../protocol/message/message-record.js';
import { MAX_PROPERTIES_BYTES, encodeProperties } from '../protocol/message/properties.js';
import { MessageSysFlag, TransactionType, transactionTypeOf } from '../protocol/message/sys-flag.js';
import type { MessageToStore, PutMessageResult } from './message-store.js';
import { HostTable, TopicTable, writeRecord, type HostBytes, type RecordToWrite } from './record-writer.js';

export interface PreparedRecord {
  readonly message: MessageToStore;
  readonly topicBytes: Buffer;
  readonly bornHost: HostBytes;
  readonly storeHost: HostBytes;
  /** The encoded properties string and its length in UTF-8 bytes. */
  readonly properties: string;
  readonly propertiesBytes: number;
  readonly sysFlag: number;
  readonly bodyCrc: number;
  readonly size: number;
  /** False for prepared and rolled-back transaction records. */
  readonly takesQueueOffset: boolean;
}

const hosts = new HostTable();
const topics = new TopicTable();
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const HOST_FLAGS = MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6;
/** Room 4.9.8 allows a record beyond its body's maxMessageSize (MessageExtEncoder). */
const RECORD_ROOM_BEYOND_BODY = 64 * 1024;

/** The largest record a store of `maxMessageSize` accepts. */
export function maxRecordBytes(maxMessageSize: number): number {
  return Math.min(maxMessageSize + RECORD_ROOM_BEYOND_BODY, INT32_MAX);
}

export function prepareRecord(message: MessageToStore, maxMessageSize: number): PreparedRecord | PutMessageResult {
  const topicBytes = topics.of(message.topic);
  if (topicBytes.length === 0 || topicBytes.length > MAX_TOPIC_BYTES) {
    return refused('MESSAGE_ILLEGAL', `topic "${message.topic.slice(0, 40)}" is ${topicBytes.length} bytes; a topic has 1 to ${MAX_TOPIC_BYTES}`);
  }
  const invalid = invalidField(message);
  if (invalid !== null) return refused('MESSAGE_ILLEGAL', invalid);
  let properties: string;
  let bornHost: HostBytes;
  let storeHost: HostBytes;
  try {
    properties = encodeProperties(message.properties);
    bornHost = hosts.of(message.bornHost);
    storeHost = hosts.of(message.storeHost);
  } catch (error) {
    return refused('MESSAGE_ILLEGAL', (error as Error).message);
  }
  const propertiesBytes = Buffer.byteLength(properties, 'utf8');
  if (propertiesBytes > MAX_PROPERTIES_BYTES) {
    return refused('PROPERTIES_SIZE_EXCEEDED', `properties are ${propertiesBytes} bytes; at most ${MAX_PROPERTIES_BYTES} are allowed`);
  }
  if (message.body.length > maxMessageSize) {
    return refused('MESSAGE_ILLEGAL', `body of ${message.body.length} bytes exceeds maxMessageSize ${maxMessageSize}`);
  }
  const sysFlag = withHostBits(message.sysFlag, bornHost, storeHost);
  const size = messageRecordSize(sysFlag, message.body.length, topicBytes.length, propertiesBytes);
  if (size > maxRecordBytes(maxMessageSize)) {
    return refused('MESSAGE_ILLEGAL', `record of ${size} bytes exceeds maxMessageSize ${maxMessageSize} + 64 KiB`);
  }
  const type = transactionTypeOf(sysFlag);
  return {
    message,
    topicBytes,
    bornHost,
    storeHost,
    properties,
    propertiesBytes,
    sysFlag,
    bodyCrc: messageBodyCrc(message.body),
    size,
    takesQueueOffset: type !== TransactionType.PREPARED && type !== TransactionType.ROLLBACK,
  };
}

/** What is wrong with a numeric field of `message`, or null. */
function invalidField(message: MessageToStore): string | null {
  if (!isInt32(message.queueId)) return `queueId ${message.queueId} is not an int32`;
  if (!isInt32(message.flag)) return `flag ${message.flag} is not an int32`;
  if (!isInt32(message.sysFlag)) return `sysFlag ${message.sysFlag} is not an int32`;
  if (!isInt32(message.reconsumeTimes)) return `reconsumeTimes ${message.reconsumeTimes} is not an int32`;
  if (!Number.isSafeInteger(message.bornTimestamp)) return `bornTimestamp ${message.bornTimestamp} is not a safe integer`;
  if (!Number.isSafeInteger(message.preparedTransactionOffset)) {
    return `preparedTransactionOffset ${message.preparedTransactionOffset} is not a safe integer`;
  }
  return null;
}

function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/** `sysFlag` with BORNHOST_V6 / STOREHOST_V6 set exactly when the hosts need 16 bytes (withHostFlags). */
function withHostBits(sysFlag: number, bornHost: HostBytes, storeHost: HostBytes): number {
  let flags = sysFlag & ~HOST_FLAGS;
  if (bornHost.ipv6) flags |= MessageSysFlag.BORNHOST_V6;
  if (storeHost.ipv6) flags |= MessageSysFlag.STOREHOST_V6;
  return flags;
}

export function isRefusal(value: PreparedRecord | PutMessageResult): value is PutMessageResult {
  return 'status' in value;
}

export function refused(status: PutMessageResult['status'], remark: string): PutMessageResult {
  return { status, appended: [], remark };
}

/**
 * The values handed to writeRecord, reused from put to put: the writer reads them
 * synchronously and keeps no reference, so one object serves every record (it holds on to
 * the last record's buffers until the next put).
 */
const scratch: RecordToWrite = {
  size: 0,
  bodyCrc: 0,
  queueId: 0,
  flag: 0,
  queueOffset: 0,
  commitLogOffset: 0,
  sysFlag: 0,
  bornTimestamp: 0,
  bornHost: Buffer.alloc(0),
  storeTimestamp: 0,
  storeHost: Buffer.alloc(0),
  reconsumeTimes: 0,
  preparedTransactionOffset: 0,
  body: Buffer.alloc(0),
  topic: Buffer.alloc(0),
  properties: '',
  propertiesBytes: 0,
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
  scratch.size = prepared.size;
  scratch.bodyCrc = prepared.bodyCrc;
  scratch.queueId = message.queueId;
  scratch.flag = message.flag;
  scratch.queueOffset = queueOffset;
  scratch.commitLogOffset = commitLogOffset;
  scratch.sysFlag = prepared.sysFlag;
  scratch.bornTimestamp = message.bornTimestamp;
  scratch.bornHost = prepared.bornHost.bytes;
  scratch.storeTimestamp = storeTimestamp;
  scratch.storeHost = prepared.storeHost.bytes;
  scratch.reconsumeTimes = message.reconsumeTimes;
  scratch.preparedTransactionOffset = message.preparedTransactionOffset;
  scratch.body = message.body;
  scratch.topic = prepared.topicBytes;
  scratch.properties = prepared.properties;
  scratch.propertiesBytes = prepared.propertiesBytes;
  writeRecord(target, at, scratch);
}
