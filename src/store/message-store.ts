/**
 * MessageStore: what the broker needs from a storage engine, with RocketMQ's semantics
 * (`DefaultMessageStore`): put one message or a batch into one queue, read a queue from a
 * logical offset with a tag filter, read a record by commit-log offset, min/max offsets,
 * offset by time, and query by key. Two implementations pass one conformance suite: the
 * file store (commit log + consume queues + index on disk) and the memory store (tests).
 *
 * Outcomes are values (PutMessageStatus, GetMessageStatus), mapped to response codes by
 * the broker; only broken invariants and unusable stores throw.
 */
import type { MessageProperties } from '../protocol/message/properties.js';
import type { MessageRecord } from '../protocol/message/message-record.js';
import type { SocketAddress } from '../protocol/message/socket-address.js';

export type PutMessageStatus =
  | 'PUT_OK'
  | 'FLUSH_DISK_TIMEOUT'
  | 'FLUSH_SLAVE_TIMEOUT'
  | 'SLAVE_NOT_AVAILABLE'
  | 'SERVICE_NOT_AVAILABLE'
  | 'CREATE_MAPEDFILE_FAILED'
  | 'MESSAGE_ILLEGAL'
  | 'PROPERTIES_SIZE_EXCEEDED'
  | 'OS_PAGECACHE_BUSY'
  | 'UNKNOWN_ERROR';

/** A message as the broker hands it to the store; the store assigns offsets and store time. */
export interface MessageToStore {
  topic: string;
  queueId: number;
  flag: number;
  /** Body bytes as they will be stored (compressed by the producer when sysFlag says so). */
  body: Buffer;
  properties: MessageProperties;
  sysFlag: number;
  bornTimestamp: number;
  bornHost: SocketAddress;
  storeHost: SocketAddress;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
}

export interface AppendedMessage {
  /** Commit-log offset of the record. */
  commitLogOffset: number;
  size: number;
  queueOffset: number;
  /** The offset message id (store host + commit-log offset). */
  msgId: string;
  storeTimestamp: number;
}

export interface PutMessageResult {
  status: PutMessageStatus;
  /** What was stored, in order (one entry per message of a batch); empty when nothing was. */
  appended: AppendedMessage[];
  /** Why a put was refused, for the response remark. */
  remark?: string;
}

export type GetMessageStatus =
  | 'FOUND'
  | 'NO_MATCHED_MESSAGE'
  | 'MESSAGE_WAS_REMOVING'
  | 'OFFSET_FOUND_NULL'
  | 'OFFSET_OVERFLOW_BADLY'
  | 'OFFSET_OVERFLOW_ONE'
  | 'OFFSET_TOO_SMALL'
  | 'NO_MATCHED_LOGIC_QUEUE'
  | 'NO_MESSAGE_IN_QUEUE';

/** Decides from the consume-queue tag code (and, when given, the record's properties) whether a message is wanted. */
export interface MessageFilter {
  matchesTagsCode(tagsCode: number): boolean;
  matchesProperties?(properties: Readonly<MessageProperties>): boolean;
}

export interface GetMessageResult {
  status: GetMessageStatus;
  nextBeginOffset: number;
  minOffset: number;
  maxOffset: number;
  /** Whole records, in queue order. */
  records: Buffer[];
  /** True when the bytes were no longer in memory (RocketMQ's suggestion to read from a slave). */
  fromDisk: boolean;
}

export interface QueryMessageResult {
  records: Buffer[];
  indexLastUpdateTimestamp: number;
  indexLastUpdatePhyoffset: number;
}

export interface MessageArrival {
  topic: string;
  queueId: number;
  queueOffset: number;
  tagsCode: number;
  storeTimestamp: number;
  properties: Readonly<MessageProperties>;
}

export interface StoreStats {
  commitLogMinOffset: number;
  commitLogMaxOffset: number;
  /** Bytes appended to the commit log but not yet in the consume queues and index. */
  dispatchBehindBytes: number;
  /** Bytes appended but not yet handed to the files / not yet fsynced. */
  uncommittedBytes: number;
  unflushedBytes: number;
  putMessageCount: number;
  getMessageCount: number;
  /** Used share of the disk holding the commit log, 0..1 (0 when unknown). */
  diskUsedRatio: number;
}

/** One consume-queue unit as stored: where the message lies in the log and its tag code. */
export interface ConsumeQueueEntry {
  commitLogOffset: number;
  size: number;
  tagsCode: number;
}

/** A look into one consume queue (QUERY_CONSUME_QUEUE). */
export interface ConsumeQueueSlice {
  minOffset: number;
  maxOffset: number;
  /** Units from the asked index, within the queue file holding it; null when the index is outside [min, max). */
  entries: ConsumeQueueEntry[] | null;
}

export interface MessageStore {
  start(): Promise<void>;
  shutdown(): Promise<void>;

  putMessage(message: MessageToStore): Promise<PutMessageResult>;
  /** Stores messages of one topic and queue as consecutive records (a batch). */
  putMessages(messages: MessageToStore[]): Promise<PutMessageResult>;

  getMessage(topic: string, queueId: number, offset: number, maxMsgNums: number, filter?: MessageFilter): Promise<GetMessageResult>;
  getMaxOffsetInQueue(topic: string, queueId: number): number;
  getMinOffsetInQueue(topic: string, queueId: number): number;
  /** RocketMQ 4.9's SEARCH_OFFSET_BY_TIMESTAMP semantics. */
  getOffsetInQueueByTime(topic: string, queueId: number, timestamp: number): Promise<number>;
  /** Store time of the message at the queue's min offset, or -1. */
  getEarliestMessageTime(topic: string, queueId: number): Promise<number>;
  /** Store time of the message at a logical offset, or -1. */
  getMessageStoreTimestamp(topic: string, queueId: number, queueOffset: number): Promise<number>;
  /** The whole record at a commit-log offset, or null. */
  selectRecordByOffset(commitLogOffset: number): Promise<Buffer | null>;
  lookMessageByOffset(commitLogOffset: number): Promise<MessageRecord | null>;
  queryMessage(topic: string, key: string, maxNum: number, beginTimestamp: number, endTimestamp: number): Promise<QueryMessageResult>;

  /** Topic → queue ids that hold (or held) messages. */
  queuesOf(topic: string): number[];
  deleteTopics(topics: readonly string[]): Promise<void>;
  /**
   * Up to `count` units of a queue from logical offset `index`, never past the end of the
   * queue file holding `index` (RocketMQ's getConsumeQueue + getIndexBuffer); null when
   * the store has no such queue.
   */
  readConsumeQueue(topic: string, queueId: number, index: number, count: number): Promise<ConsumeQueueSlice | null>;
  /** Removes the queues whose messages all lie below the commit log's start (queue-cleanup.ts); returns them as `topic/queueId`. */
  cleanExpiredConsumeQueues(): Promise<string[]>;
  /** Removes the queues of topics not in `topicsInUse` (queue-cleanup.ts keeps some); returns the topics removed. */
  cleanUnusedTopics(topicsInUse: ReadonlySet<string>): Promise<string[]>;

  /** Called after each message is readable (the broker wakes long-polling pulls with it). */
  onMessageArrived(listener: (arrival: MessageArrival) => void): void;
  stats(): StoreStats;
}
