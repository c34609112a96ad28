import { PropertyKey, type MessageProperties } from '../protocol/message/properties.js';
import type { MessageRecordFields } from '../protocol/message/message-record.js';
import { tagsCodeOf } from '../protocol/message/tag-hash.js';
import type { DelayLevels } from './delay-levels.js';

/** The topic where delayed messages wait, one queue per delay level. */
export const SCHEDULE_TOPIC = 'SCHEDULE_TOPIC_XXXX';

/**
 * DispatchRequest: what the commit log tells the derived structures (consume queues and
 * the message index) about one stored record. Built when a record is appended and again,
 * from the bytes, when recovery re-reads the log; consume queues and indexes are built
 * from these alone, so both paths produce the same files.
 */
export interface DispatchRequest {
  topic: string;
  queueId: number;
  /** Commit-log offset of the record. */
  commitLogOffset: number;
  /** Size of the record in bytes. */
  msgSize: number;
  /**
   * The consume-queue tag code: Java `String.hashCode()` of TAGS (0 without a tag); for
   * SCHEDULE_TOPIC_XXXX the delivery time in ms.
   */
  tagsCode: number;
  storeTimestamp: number;
  /** The record's logical offset in its queue. */
  consumeQueueOffset: number;
  /** The KEYS property (space-separated keys), or '' when absent. */
  keys: string;
  /** The UNIQ_KEY property, or null when absent. */
  uniqKey: string | null;
  sysFlag: number;
  preparedTransactionOffset: number;
}

/** The dispatch request of a record, as recovery builds it from the bytes it re-reads. */
export function dispatchRequestOf(
  record: Pick<MessageRecordFields, 'topic' | 'queueId' | 'commitLogOffset' | 'storeTimestamp' | 'queueOffset' | 'sysFlag' | 'preparedTransactionOffset'>,
  properties: Readonly<MessageProperties>,
  msgSize: number,
  delayLevels: DelayLevels,
): DispatchRequest {
  return appendedDispatchRequest(record, record.sysFlag, record.commitLogOffset, record.queueOffset, record.storeTimestamp, msgSize, properties, delayLevels);
}

/**
 * The dispatch request of a record the put path has just encoded, from the message and
 * the values the store assigned; the same request dispatchRequestOf builds from its bytes.
 */
export function appendedDispatchRequest(
  message: Pick<MessageRecordFields, 'topic' | 'queueId' | 'preparedTransactionOffset'>,
  sysFlag: number,
  commitLogOffset: number,
  queueOffset: number,
  storeTimestamp: number,
  msgSize: number,
  properties: Readonly<MessageProperties>,
  delayLevels: DelayLevels,
): DispatchRequest {
  return {
    topic: message.topic,
    queueId: message.queueId,
    commitLogOffset,
    msgSize,
    tagsCode: tagsCodeFor(message.topic, storeTimestamp, properties, delayLevels),
    storeTimestamp,
    consumeQueueOffset: queueOffset,
    keys: properties[PropertyKey.KEYS] ?? '',
    uniqKey: properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX] ?? null,
    sysFlag,
    preparedTransactionOffset: message.preparedTransactionOffset,
  };
}

/** A scheduled message's tag code is its delivery time; any other's is the hash of its tag. */
function tagsCodeFor(topic: string, storeTimestamp: number, properties: Readonly<MessageProperties>, delayLevels: DelayLevels): number {
  if (topic === SCHEDULE_TOPIC) {
    const level = Number(properties[PropertyKey.DELAY_TIME_LEVEL] ?? '0');
    if (Number.isInteger(level) && level > 0) return delayLevels.deliverTimestamp(level, storeTimestamp);
  }
  return tagsCodeOf(properties[PropertyKey.TAGS]);
}
