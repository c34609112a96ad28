/**
 * MemoryMessageStore: the MessageStore kept in memory, for tests and the embedded broker
 * of users' test suites. It keeps RocketMQ's meaning of every number — commit-log offsets
 * are byte positions in a virtual log of encoded records, queue offsets are per queue —
 * so it passes the same conformance suite as the file store. It holds every message it is
 * given: use it for tests, not for backlogs.
 */
import { createOffsetMessageId } from '../protocol/message/message-id.js';
import { decodeMessageRecord, type MessageRecord } from '../protocol/message/message-record.js';
import { TransactionType, transactionTypeOf } from '../protocol/message/sys-flag.js';
import { DelayLevels } from './delay-levels.js';
import { appendedDispatchRequest } from './dispatch-request.js';
import { getMessageFromQueue, type QueueUnit, type RecordSource, type TransferLimits } from './get-message.js';
import { isExpiredQueue, isUnusedTopic } from './cleanup/queue-cleanup.js';
import type {
  AppendedMessage,
  ConsumeQueueSlice,
  GetMessageResult,
  MessageArrival,
  MessageFilter,
  MessageStore,
  MessageToStore,
  PutMessageResult,
  QueryMessageResult,
  StoreStats,
} from './message-store.js';
import { isRefusal, prepareRecord, refused, writePreparedRecord, type PreparedRecord } from './prepared-record.js';
import { QueueOffsetTable } from './queue-offset-table.js';
import { searchOffsetByTime } from './search-offset-by-time.js';
import { messageStoreConfig, type MessageStoreConfig } from './store-config.js';

interface StoredRecord {
  bytes: Buffer;
  storeTimestamp: number;
}

export class MemoryMessageStore implements MessageStore {
  private readonly config: MessageStoreConfig;
  private readonly delayLevels: DelayLevels;
  private readonly records = new Map<number, StoredRecord>();
  private readonly queues = new Map<string, Map<number, QueueUnit[]>>();
  private readonly index = new Map<string, number[]>();
  private readonly offsets = new QueueOffsetTable();
  private readonly listeners: ((arrival: MessageArrival) => void)[] = [];
  private logEnd = 0;
  private putCount = 0;
  private getCount = 0;
  private running = false;

  constructor(config: Partial<MessageStoreConfig> = {}) {
    this.config = messageStoreConfig(config);
    this.delayLevels = new DelayLevels(this.config.messageDelayLevel);
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async shutdown(): Promise<void> {
    this.running = false;
  }

  async putMessage(message: MessageToStore): Promise<PutMessageResult> {
    return this.putMessages([message]);
  }

  async putMessages(messages: MessageToStore[]): Promise<PutMessageResult> {
    if (!this.running) return refused('SERVICE_NOT_AVAILABLE', 'message store is not running');
    const prepared: PreparedRecord[] = [];
    for (const message of messages) {
      const result = prepareRecord(message, this.config.maxMessageSize);
      if (isRefusal(result)) return result;
      prepared.push(result);
    }
    const appended = prepared.map((record) => this.append(record));
    this.putCount += appended.length;
    return { status: 'PUT_OK', appended };
  }

  private append(prepared: PreparedRecord): AppendedMessage {
    const { message } = prepared;
    const storeTimestamp = Date.now();
    const queueOffset = prepared.takesQueueOffset ? this.offsets.take(message.topic, message.queueId, 1) : 0;
    const commitLogOffset = this.logEnd;
    const bytes = Buffer.allocUnsafe(prepared.size);
    writePreparedRecord(bytes, 0, prepared, commitLogOffset, queueOffset, storeTimestamp);
    this.records.set(commitLogOffset, { bytes, storeTimestamp });
    this.logEnd += prepared.size;
    const request = appendedDispatchRequest(message, prepared.sysFlag, commitLogOffset, queueOffset, storeTimestamp, prepared.size, message.properties, this.delayLevels);
    if (prepared.takesQueueOffset) {
      this.queueUnits(message.topic, message.queueId, true)?.push({
        queueOffset,
        commitLogOffset,
        size: prepared.size,
        tagsCode: request.tagsCode,
      });
    }
    if (transactionTypeOf(prepared.sysFlag) !== TransactionType.ROLLBACK) {
      const keys = request.keys.split(' ').filter((key) => key !== '');
      if (request.uniqKey) keys.push(request.uniqKey);
      for (const key of keys) this.indexKey(`${message.topic}#${key}`, commitLogOffset);
    }
    if (prepared.takesQueueOffset) {
      const arrival = { topic: message.topic, queueId: message.queueId, queueOffset, tagsCode: request.tagsCode, storeTimestamp, properties: message.properties };
      for (const listener of this.listeners) listener(arrival);
    }
    return {
      commitLogOffset,
      size: prepared.size,
      queueOffset,
      msgId: createOffsetMessageId(message.storeHost, commitLogOffset),
      storeTimestamp,
    };
  }

  private indexKey(key: string, commitLogOffset: number): void {
    const hits = this.index.get(key);
    if (hits) hits.push(commitLogOffset);
    else this.index.set(key, [commitLogOffset]);
  }

  private queueUnits(topic: string, queueId: number, create: boolean): QueueUnit[] | undefined {
    let topicQueues = this.queues.get(topic);
    if (!topicQueues) {
      if (!create) return undefined;
      topicQueues = new Map();
      this.queues.set(topic, topicQueues);
    }
    let units = topicQueues.get(queueId);
    if (!units && create) {
      units = [];
      topicQueues.set(queueId, units);
    }
    return units;
  }

  async getMessage(topic: string, queueId: number, offset: number, maxMsgNums: number, filter?: MessageFilter): Promise<GetMessageResult> {
    this.getCount++;
    const units = this.queueUnits(topic, queueId, false);
    const queue = units && {
      minOffset: units[0]?.queueOffset ?? 0,
      maxOffset: this.getMaxOffsetInQueue(topic, queueId),
      readUnits: async (from: number, maxCount: number) => unitsFrom(units, from, maxCount),
    };
    return getMessageFromQueue(queue, this.recordSource(), offset, maxMsgNums, filter, this.transferLimits());
  }

  private recordSource(): RecordSource {
    return {
      maxPhysicalOffset: this.logEnd,
      readRecord: async (commitLogOffset) => this.records.get(commitLogOffset)?.bytes ?? null,
    };
  }

  private transferLimits(): TransferLimits {
    return { ...this.config, inMemoryBytes: Number.MAX_SAFE_INTEGER };
  }

  getMaxOffsetInQueue(topic: string, queueId: number): number {
    return this.queueUnits(topic, queueId, false) ? this.offsets.get(topic, queueId) : 0;
  }

  getMinOffsetInQueue(topic: string, queueId: number): number {
    return this.queueUnits(topic, queueId, false)?.[0]?.queueOffset ?? 0;
  }

  async getOffsetInQueueByTime(topic: string, queueId: number, timestamp: number): Promise<number> {
    const units = this.queueUnits(topic, queueId, false) ?? [];
    const min = this.getMinOffsetInQueue(topic, queueId);
    return searchOffsetByTime(min, this.getMaxOffsetInQueue(topic, queueId), timestamp, async (offset) => this.storeTimeOf(units, offset - min));
  }

  async getEarliestMessageTime(topic: string, queueId: number): Promise<number> {
    return this.storeTimeOf(this.queueUnits(topic, queueId, false) ?? [], 0) ?? -1;
  }

  async getMessageStoreTimestamp(topic: string, queueId: number, queueOffset: number): Promise<number> {
    const units = this.queueUnits(topic, queueId, false) ?? [];
    return this.storeTimeOf(units, queueOffset - (units[0]?.queueOffset ?? 0)) ?? -1;
  }

  private storeTimeOf(units: readonly QueueUnit[], index: number): number | null {
    const unit = units[index];
    return unit ? (this.records.get(unit.commitLogOffset)?.storeTimestamp ?? null) : null;
  }

  async selectRecordByOffset(commitLogOffset: number): Promise<Buffer | null> {
    return this.records.get(commitLogOffset)?.bytes ?? null;
  }

  async lookMessageByOffset(commitLogOffset: number): Promise<MessageRecord | null> {
    const stored = this.records.get(commitLogOffset);
    return stored ? decodeMessageRecord(stored.bytes).record : null;
  }

  async queryMessage(topic: string, key: string, maxNum: number, beginTimestamp: number, endTimestamp: number): Promise<QueryMessageResult> {
    const hits = this.index.get(`${topic}#${key}`) ?? [];
    const records: Buffer[] = [];
    for (let i = hits.length - 1; i >= 0 && records.length < maxNum; i--) {
      const stored = this.records.get(hits[i] as number);
      if (stored && stored.storeTimestamp >= beginTimestamp && stored.storeTimestamp <= endTimestamp) records.push(stored.bytes);
    }
    return { records, indexLastUpdateTimestamp: 0, indexLastUpdatePhyoffset: 0 };
  }

  queuesOf(topic: string): number[] {
    return [...(this.queues.get(topic)?.keys() ?? [])].sort((a, b) => a - b);
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    for (const topic of topics) {
      this.offsets.deleteTopic(topic, this.queuesOf(topic));
      this.queues.delete(topic);
    }
  }

  /** Memory queues have no files: a look may span the whole queue. */
  async readConsumeQueue(topic: string, queueId: number, index: number, count: number): Promise<ConsumeQueueSlice | null> {
    const units = this.queueUnits(topic, queueId, false);
    if (!units) return null;
    const minOffset = this.getMinOffsetInQueue(topic, queueId);
    const maxOffset = this.getMaxOffsetInQueue(topic, queueId);
    if (!Number.isSafeInteger(index) || index < minOffset || index >= maxOffset) return { minOffset, maxOffset, entries: null };
    const entries = unitsFrom(units, index, Math.max(0, Math.floor(count))).map(({ commitLogOffset, size, tagsCode }) => ({ commitLogOffset, size, tagsCode }));
    return { minOffset, maxOffset, entries };
  }

  /** Records are never deleted here (the log starts at 0), so only queues without messages could qualify, and those are kept. */
  async cleanExpiredConsumeQueues(): Promise<string[]> {
    const removed: string[] = [];
    for (const [topic, queues] of this.queues) {
      for (const [queueId, units] of queues) {
        const last = units[units.length - 1];
        if (!isExpiredQueue(topic, last ? last.commitLogOffset + last.size : -1, 0)) continue;
        this.offsets.deleteTopic(topic, [queueId]);
        queues.delete(queueId);
        removed.push(`${topic}/${queueId}`);
      }
      if (queues.size === 0) this.queues.delete(topic);
    }
    return removed;
  }

  async cleanUnusedTopics(topicsInUse: ReadonlySet<string>): Promise<string[]> {
    const unused = [...this.queues.keys()].filter((topic) => isUnusedTopic(topic, topicsInUse));
    await this.deleteTopics(unused);
    return unused;
  }

  onMessageArrived(listener: (arrival: MessageArrival) => void): void {
    this.listeners.push(listener);
  }

  stats(): StoreStats {
    return {
      commitLogMinOffset: 0,
      commitLogMaxOffset: this.logEnd,
      dispatchBehindBytes: 0,
      uncommittedBytes: 0,
      unflushedBytes: 0,
      putMessageCount: this.putCount,
      getMessageCount: this.getCount,
      diskUsedRatio: 0,
    };
  }
}

function unitsFrom(units: readonly QueueUnit[], from: number, maxCount: number): QueueUnit[] {
  const first = units[0]?.queueOffset ?? 0;
  return units.slice(from - first, from - first + maxCount);
}
