/**
 * FileMessageStore: RocketMQ's DefaultMessageStore on disk, in RocketMQ's layout
 * (store-config.ts): the commit log is the truth; consume queues and the index are
 * derived from it by dispatch, in log order; recovery (recovery.ts) makes them agree after
 * any stop.
 *
 * Put: checks (prepared-record.ts), then — in one synchronous step, so that log order,
 * queue-offset order and dispatch order are the same — reserve bytes in the commit log,
 * take queue offsets, encode the records and dispatch them. Dispatch happens right there
 * when nothing is queued before it and neither the consume queue nor the index needs I/O
 * for it (the common case: no promise per record); otherwise the record joins a FIFO that
 * one drainer works off in log order, trying the synchronous way first for each. The put
 * resolves once its records are dispatched (readable), and with SYNC_FLUSH (unless the
 * message says WAIT=false) once an fsync covers them: concurrent puts share one fsync
 * (group-commit.ts); past syncFlushTimeout the answer is FLUSH_DISK_TIMEOUT (the message
 * is stored). When the append memory is all awaiting the disk, puts wait in order (push
 * back).
 *
 * Timers: commit-log flush (ASYNC_FLUSH), consume-queue and index flush with the
 * checkpoint, and clean-up (clean-policy.ts). Writes are refused (SERVICE_NOT_AVAILABLE)
 * while the disk is marked full or the commit log cannot be written.
 */
import { access, mkdir, open, stat, unlink } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { RocketMQError } from '../common/errors.js';
import { silentLogger, type Logger } from '../common/log.js';
import { decodeMessageRecord, type MessageRecord } from '../protocol/message/message-record.js';
import { OffsetMessageIds } from '../protocol/message/offset-message-ids.js';
import { PropertyKey, type MessageProperties } from '../protocol/message/properties.js';
import { Checkpoint } from './checkpoint.js';
import { decideClean } from './cleanup/clean-policy.js';
import { isExpiredQueue, isUnusedTopic } from './cleanup/queue-cleanup.js';
import { diskUsedRatio } from './cleanup/disk-usage.js';
import { CommitLog } from './commitlog/commit-log.js';
import type { ScannedRecord } from './commitlog/record-scanner.js';
import { ConsumeQueueStore } from './consumequeue/consume-queue-store.js';
import { DelayLevels } from './delay-levels.js';
import { appendedDispatchRequest, dispatchRequestOf, type DispatchRequest } from './dispatch-request.js';
import { FileHandleCache } from './file-handle-cache.js';
import { getMessageFromQueue, type QueueReader, type RecordSource, type TransferLimits } from './get-message.js';
import { planRecordSpans, type RecordRef } from './record-spans.js';
import { GroupCommit } from './group-commit.js';
import { IndexService } from './index/index-service.js';
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
import { isRefusal, maxRecordBytes, prepareRecord, refused, writePreparedRecord, type PreparedRecord } from './prepared-record.js';
import { QueueOffsetTable } from './queue-offset-table.js';
import { recoverCommitLog } from './recovery.js';
import { searchOffsetByTime } from './search-offset-by-time.js';
import { StoreLock } from './store-lock.js';
import { StorePaths, messageStoreConfig, type MessageStoreConfig } from './store-config.js';

/** RocketMQ deletes at most this many commit-log files per clean-up round. */
const DELETE_FILES_BATCH_MAX = 10;
/** The longest commit-log read a pull makes for records close to one another. */
const MAX_READ_SPAN_BYTES = 1024 * 1024;
/** Bytes of other records such a read may take in between two of the pull's (and drop). */
const MAX_READ_GAP_BYTES = 16 * 1024;

/** Bytes of the records (not the gaps) of a span. */
function recordBytesOf(units: readonly RecordRef[], span: { first: number; count: number }): number {
  let bytes = 0;
  for (let index = span.first; index < span.first + span.count; index++) bytes += (units[index] as RecordRef).size;
  return bytes;
}

interface WaitingAppend {
  prepared: PreparedRecord[];
  resolve: (result: Promise<PutMessageResult>) => void;
}

interface Appended {
  appended: AppendedMessage[];
  /** Null when every record was dispatched while appending; else settles once they are. */
  dispatched: Promise<void> | null;
  end: number;
  wait: boolean;
}

/** Records of one put whose dispatch had to wait, in log order. */
interface DispatchJob {
  readonly requests: DispatchRequest[];
  readonly properties: MessageProperties[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface FileMessageStoreOptions {
  logger?: Logger;
  /** Used share (0..1) of the disk holding a path; statfs by default. */
  diskUsage?: (path: string) => Promise<number>;
}

export class FileMessageStore implements MessageStore {
  readonly config: MessageStoreConfig;
  private readonly logger: Logger;
  private readonly diskUsage: (path: string) => Promise<number>;
  private readonly delayLevels: DelayLevels;
  private readonly handles = new FileHandleCache();
  private readonly lock: StoreLock;
  private readonly checkpoint: Checkpoint;
  private readonly commitLog: CommitLog;
  private readonly consumeQueues: ConsumeQueueStore;
  private readonly index: IndexService;
  private readonly offsets = new QueueOffsetTable();
  private readonly listeners: ((arrival: MessageArrival) => void)[] = [];
  private readonly waitingAppends: WaitingAppend[] = [];
  private drainingAppends = false;
  private readonly dispatchQueue: DispatchJob[] = [];
  private dispatchDraining = false;
  private dispatchDrained: Promise<void> = Promise.resolve();
  private readonly groupCommit: GroupCommit;
  private readonly msgIds = new OffsetMessageIds();
  private dispatchedPosition = 0;
  private lastDispatchedTimestamp = 0;
  private lastAppendTimestamp = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private running = false;
  private diskFull = false;
  private diskRatio = 0;
  private manualDeletes = 0;
  private lastThoroughFlush = Date.now();
  private putCount = 0;
  private getCount = 0;
  private limits: TransferLimits | null = null;

  constructor(config: Partial<MessageStoreConfig> = {}, options: FileMessageStoreOptions = {}) {
    this.config = messageStoreConfig(config);
    this.logger = options.logger ?? silentLogger;
    this.diskUsage = options.diskUsage ?? diskUsedRatio;
    this.delayLevels = new DelayLevels(this.config.messageDelayLevel);
    this.lock = new StoreLock(StorePaths.lock(this.config));
    this.checkpoint = new Checkpoint(StorePaths.checkpoint(this.config));
    this.commitLog = new CommitLog({
      dir: StorePaths.commitLog(this.config),
      segmentBytes: this.config.mappedFileSizeCommitLog,
      maxRecordBytes: maxRecordBytes(this.config.maxMessageSize),
      cacheBytes: this.config.commitLogReadCacheBytes,
      handles: this.handles,
      logger: this.logger,
    });
    this.consumeQueues = new ConsumeQueueStore({ config: this.config, handles: this.handles, logger: this.logger });
    this.index = new IndexService({ config: this.config, readers: this.handles, logger: this.logger });
    this.groupCommit = new GroupCommit({
      flush: (offset) => this.flushForGroupCommit(offset),
      timeoutMs: this.config.syncFlushTimeout,
      onError: (error) => this.logger.error({ err: (error as Error).message }, 'sync flush failed'),
    });
  }

  // --- life cycle ----------------------------------------------------------------------

  async start(): Promise<void> {
    await mkdir(this.config.storePathRootDir, { recursive: true });
    await this.lock.acquire();
    try {
      await this.open();
    } catch (error) {
      await this.handles.closeAll();
      await this.lock.release();
      throw error;
    }
  }

  private async open(): Promise<void> {
    const lastExitOK = !(await exists(StorePaths.abort(this.config)));
    await this.checkpoint.load();
    await this.commitLog.load();
    const queues = await this.consumeQueues.load();
    for (const failure of queues.failed) this.logger.error({ err: failure.error.message, topic: failure.topic }, 'consume queue not loaded');
    await this.index.load(lastExitOK, this.checkpoint.times.indexMsgTimestamp);
    const recovery = await recoverCommitLog({
      commitLog: this.commitLog,
      handles: this.handles,
      lastExitOK,
      recoveryStartTimestamp: this.checkpoint.recoveryStartTimestamp(this.config.messageIndexEnable),
      checkCrc: this.config.checkCRCOnRecover,
      dispatch: (scanned) => this.dispatchRecovered(scanned),
      logger: this.logger,
    });
    await this.consumeQueues.truncateDirtyLogicFiles(this.commitLog.writePosition);
    await this.consumeQueues.correctMinOffset(this.commitLog.minOffset);
    for (const queue of this.consumeQueues) this.offsets.set(queue.topic, queue.queueId, queue.maxOffset);
    this.dispatchedPosition = this.commitLog.writePosition;
    this.logger.info(
      { lastExitOK, from: recovery.from, end: this.commitLog.writePosition, records: recovery.records },
      lastExitOK ? 'store opened after a clean stop' : 'store recovered after an abnormal stop',
    );
    await (await open(StorePaths.abort(this.config), 'w')).close();
    this.running = true;
    this.startTimers();
  }

  /** Dispatches a record recovery re-read; a promise only when that needs I/O. */
  private dispatchRecovered({ record, size }: ScannedRecord): Promise<void> | undefined {
    const request = dispatchRequestOf(record, record.properties, size, this.delayLevels);
    if (this.dispatchNow(request, record.properties, false)) return undefined;
    return this.dispatchOne(request, record.properties, false);
  }

  async shutdown(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    while (this.waitingAppends.length > 0 || this.drainingAppends) await this.commitLog.whenChunkFree();
    while (this.dispatchDraining) await this.dispatchDrained;
    await this.commitLog.close();
    this.groupCommit.stop();
    await this.consumeQueues.flushAll(0);
    await this.consumeQueues.close();
    this.checkpoint.times.indexMsgTimestamp = await this.index.flush();
    await this.index.close();
    this.checkpoint.times.physicMsgTimestamp = this.lastAppendTimestamp || this.checkpoint.times.physicMsgTimestamp;
    this.checkpoint.times.logicsMsgTimestamp = this.lastDispatchedTimestamp || this.checkpoint.times.logicsMsgTimestamp;
    await this.checkpoint.flush();
    await unlink(StorePaths.abort(this.config)).catch(() => undefined);
    await this.handles.closeAll();
    await this.lock.release();
  }

  // --- putting -------------------------------------------------------------------------

  putMessage(message: MessageToStore): Promise<PutMessageResult> {
    return this.putMessages([message]);
  }

  putMessages(messages: MessageToStore[]): Promise<PutMessageResult> {
    const unavailable = this.writeRefusal();
    if (unavailable) return Promise.resolve(unavailable);
    const prepared: PreparedRecord[] = [];
    for (const message of messages) {
      const result = prepareRecord(message, this.config.maxMessageSize);
      if (isRefusal(result)) return Promise.resolve(result);
      prepared.push(result);
    }
    if (this.waitingAppends.length === 0) {
      const appended = this.tryAppend(prepared);
      if (appended) return this.completePut(appended);
    }
    return new Promise<Promise<PutMessageResult>>((resolve) => {
      this.waitingAppends.push({ prepared, resolve });
      void this.drainWaitingAppends();
    }).then((result) => result);
  }

  private writeRefusal(): PutMessageResult | null {
    if (!this.running) return refused('SERVICE_NOT_AVAILABLE', 'message store is not running');
    if (this.diskFull) {
      return refused(
        'SERVICE_NOT_AVAILABLE',
        `disk of the commit log is ${(this.diskRatio * 100).toFixed(0)}% full; writes resume below 85% (free space or lower fileReservedTime)`,
      );
    }
    const failure = this.commitLog.failure;
    if (failure) return refused('SERVICE_NOT_AVAILABLE', `commit log cannot be written: ${failure.message}`);
    return null;
  }

  /** Appends in one synchronous step, or returns null when no append memory is free. */
  private tryAppend(prepared: PreparedRecord[]): Appended | null {
    let total = 0;
    for (const record of prepared) total += record.size;
    let reservation;
    try {
      reservation = this.commitLog.reserve(total);
    } catch (error) {
      if (error instanceof RocketMQError) return { appended: [], dispatched: Promise.reject(error), end: 0, wait: false };
      throw error;
    }
    if (!reservation) return null;
    const storeTimestamp = Date.now();
    const appended: AppendedMessage[] = [];
    let deferred: DispatchRequest[] | null = null;
    let wait = true;
    let at = 0;
    for (const record of prepared) {
      const { message } = record;
      const commitLogOffset = reservation.offset + at;
      const queueOffset = record.takesQueueOffset ? this.offsets.take(message.topic, message.queueId, 1) : 0;
      writePreparedRecord(reservation.buffer, reservation.bufferOffset + at, record, commitLogOffset, queueOffset, storeTimestamp);
      appended.push({ commitLogOffset, size: record.size, queueOffset, msgId: this.msgIds.of(message.storeHost, commitLogOffset), storeTimestamp });
      const request = appendedDispatchRequest(message, record.sysFlag, commitLogOffset, queueOffset, storeTimestamp, record.size, message.properties, this.delayLevels);
      const inline = deferred === null && this.dispatchQueue.length === 0 && this.dispatchNow(request, message.properties, true);
      if (!inline) (deferred ??= []).push(request);
      if (message.properties[PropertyKey.WAIT_STORE_MSG_OK] === 'false') wait = false;
      at += record.size;
    }
    this.lastAppendTimestamp = storeTimestamp;
    const dispatched = deferred === null ? null : this.enqueueDispatch(deferred, prepared.slice(prepared.length - deferred.length));
    return { appended, dispatched, end: reservation.offset + total, wait };
  }

  private async drainWaitingAppends(): Promise<void> {
    if (this.drainingAppends) return;
    this.drainingAppends = true;
    try {
      while (this.waitingAppends.length > 0) {
        const next = this.waitingAppends[0] as WaitingAppend;
        const appended = this.tryAppend(next.prepared);
        if (!appended) {
          await this.commitLog.whenChunkFree();
          continue;
        }
        this.waitingAppends.shift();
        next.resolve(this.completePut(appended));
      }
    } finally {
      this.drainingAppends = false;
    }
  }

  private completePut(appended: Appended): Promise<PutMessageResult> {
    if (appended.dispatched === null) return this.afterDispatch(appended);
    return appended.dispatched.then(
      () => this.afterDispatch(appended),
      (error: unknown) => refused('MESSAGE_ILLEGAL', (error as Error).message),
    );
  }

  private afterDispatch(appended: Appended): Promise<PutMessageResult> {
    this.putCount += appended.appended.length;
    if (this.config.flushDiskType !== 'SYNC_FLUSH' || !appended.wait) return Promise.resolve({ status: 'PUT_OK', appended: appended.appended });
    return new Promise((resolve) => {
      this.groupCommit.waitFor(appended.end, (flushed) =>
        resolve(
          flushed ? { status: 'PUT_OK', appended: appended.appended } : { status: 'FLUSH_DISK_TIMEOUT', appended: appended.appended, remark: 'flush to disk timed out' },
        ),
      );
    });
  }

  /** One group-commit flush; the checkpoint's commit-log time is that of the last record appended before it. */
  private async flushForGroupCommit(offset: number): Promise<number> {
    const timestamp = this.lastAppendTimestamp;
    const flushed = await this.commitLog.flushUpTo(offset);
    if (flushed >= offset && timestamp) this.checkpoint.times.physicMsgTimestamp = timestamp;
    return flushed;
  }

  // --- dispatch ------------------------------------------------------------------------

  /** Queues the dispatch of `requests` (the last records of `prepared`) behind any already queued. */
  private enqueueDispatch(requests: DispatchRequest[], prepared: PreparedRecord[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.dispatchQueue.push({ requests, properties: prepared.map((record) => record.message.properties), resolve, reject });
      if (this.dispatchDraining) return;
      this.dispatchDraining = true;
      this.dispatchDrained = this.drainDispatchQueue();
    });
  }

  /**
   * Dispatches the queued jobs in order, awaiting only for a record that needs I/O, so that
   * once that I/O is done the whole backlog goes at once and puts dispatch inline again. A
   * job whose dispatch fails is rejected and the next one goes on.
   */
  private async drainDispatchQueue(): Promise<void> {
    try {
      for (let job = this.dispatchQueue[0]; job !== undefined; job = this.dispatchQueue[0]) {
        try {
          for (let i = 0; i < job.requests.length; i++) {
            const request = job.requests[i] as DispatchRequest;
            const properties = job.properties[i] as MessageProperties;
            if (!this.dispatchNow(request, properties, true)) await this.dispatchOne(request, properties, true);
          }
          job.resolve();
        } catch (error) {
          this.logger.error({ err: (error as Error).message }, 'dispatch failed');
          job.reject(error);
        }
        this.dispatchQueue.shift();
      }
    } finally {
      this.dispatchDraining = false;
    }
  }

  /**
   * Dispatches one record without awaiting when the consume queue and the index can take
   * it without I/O; false when it must go through `dispatchOne` (the consume-queue unit may
   * then already be in: its second put is skipped as a duplicate).
   */
  private dispatchNow(request: DispatchRequest, properties: Readonly<MessageProperties>, notify: boolean): boolean {
    const toQueue = isQueuedType(request.sysFlag);
    try {
      if (toQueue && this.consumeQueues.findOrCreate(request.topic, request.queueId).tryPutMessagePositionInfo(request) === null) return false;
      if (!this.index.tryBuildIndex(request)) return false;
    } catch {
      return false;
    }
    this.dispatched(request, properties, notify && toQueue);
    return true;
  }

  private async dispatchOne(request: DispatchRequest, properties: Readonly<MessageProperties>, notify: boolean): Promise<void> {
    const toQueue = isQueuedType(request.sysFlag);
    if (toQueue) await this.consumeQueues.findOrCreate(request.topic, request.queueId).putMessagePositionInfo(request);
    await this.index.buildIndex(request);
    this.dispatched(request, properties, notify && toQueue);
  }

  private dispatched(request: DispatchRequest, properties: Readonly<MessageProperties>, notify: boolean): void {
    this.dispatchedPosition = request.commitLogOffset + request.msgSize;
    this.lastDispatchedTimestamp = request.storeTimestamp;
    if (!notify || this.listeners.length === 0) return;
    const arrival: MessageArrival = {
      topic: request.topic,
      queueId: request.queueId,
      queueOffset: request.consumeQueueOffset,
      tagsCode: request.tagsCode,
      storeTimestamp: request.storeTimestamp,
      properties,
    };
    for (const listener of this.listeners) {
      try {
        listener(arrival);
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'message arrival listener failed');
      }
    }
  }

  // --- reading -------------------------------------------------------------------------

  async getMessage(topic: string, queueId: number, offset: number, maxMsgNums: number, filter?: MessageFilter): Promise<GetMessageResult> {
    this.getCount++;
    return getMessageFromQueue(this.queueReader(topic, queueId), this.recordSource(), offset, maxMsgNums, filter, this.transferLimits());
  }

  private queueReader(topic: string, queueId: number): QueueReader | undefined {
    const queue = this.consumeQueues.find(topic, queueId);
    return queue && { minOffset: queue.minOffset, maxOffset: queue.maxOffset, readUnits: (offset, count) => queue.getUnits(offset, count) };
  }

  private recordSource(): RecordSource {
    return {
      maxPhysicalOffset: this.commitLog.writePosition,
      readRecord: async (offset, size) => (offset < this.commitLog.minOffset ? null : this.commitLog.read(offset, size)),
      readRecords: (units) => this.readRecords(units),
    };
  }

  /**
   * Records of a pull, those close to one another in one read (record-spans.ts), copied
   * into one buffer in order (so the pull's body is that buffer as it is); null for
   * deleted ones. Spans within the in-memory window (accessMessageInMemoryMaxRatio of RAM
   * behind the log's end, RocketMQ's "hot" data) are read on the calling thread from the
   * append chunks or the page cache; older ones through the thread pool.
   */
  private async readRecords(units: readonly RecordRef[]): Promise<(Buffer | null)[]> {
    const records: (Buffer | null)[] = units.map(() => null);
    const spans = planRecordSpans(units, {
      minOffset: this.commitLog.minOffset,
      committedPosition: this.commitLog.committedPosition,
      segmentBytes: this.config.mappedFileSizeCommitLog,
      maxSpanBytes: MAX_READ_SPAN_BYTES,
      maxGapBytes: MAX_READ_GAP_BYTES,
    });
    const out = Buffer.allocUnsafe(spans.reduce((sum, span) => sum + recordBytesOf(units, span), 0));
    const hotFrom = this.commitLog.writePosition - this.transferLimits().inMemoryBytes;
    let position = 0;
    for (const span of spans) {
      const bytes = (span.offset >= hotFrom ? this.commitLog.viewNow(span.offset, span.bytes) : null) ?? (await this.commitLog.read(span.offset, span.bytes));
      for (let index = span.first; index < span.first + span.count; index++) {
        const unit = units[index] as RecordRef;
        const at = unit.commitLogOffset - span.offset;
        bytes.copy(out, position, at, at + unit.size);
        records[index] = out.subarray(position, position + unit.size);
        position += unit.size;
      }
    }
    return records;
  }

  /** The batch limits of reads (the settings do not change while the store runs; totalmem is a system call). */
  private transferLimits(): TransferLimits {
    this.limits ??= { ...this.config, inMemoryBytes: Math.floor((totalmem() * this.config.accessMessageInMemoryMaxRatio) / 100) };
    return this.limits;
  }

  getMaxOffsetInQueue(topic: string, queueId: number): number {
    return this.consumeQueues.find(topic, queueId)?.maxOffset ?? 0;
  }

  getMinOffsetInQueue(topic: string, queueId: number): number {
    return this.consumeQueues.find(topic, queueId)?.minOffset ?? 0;
  }

  async getOffsetInQueueByTime(topic: string, queueId: number, timestamp: number): Promise<number> {
    const queue = this.consumeQueues.find(topic, queueId);
    if (!queue) return 0;
    return searchOffsetByTime(queue.minOffset, queue.maxOffset, timestamp, (offset) => this.storeTimeAt(topic, queueId, offset));
  }

  async getEarliestMessageTime(topic: string, queueId: number): Promise<number> {
    return (await this.storeTimeAt(topic, queueId, this.getMinOffsetInQueue(topic, queueId))) ?? -1;
  }

  async getMessageStoreTimestamp(topic: string, queueId: number, queueOffset: number): Promise<number> {
    return (await this.storeTimeAt(topic, queueId, queueOffset)) ?? -1;
  }

  private async storeTimeAt(topic: string, queueId: number, queueOffset: number): Promise<number | null> {
    const unit = await this.consumeQueues.find(topic, queueId)?.getUnit(queueOffset);
    if (!unit) return null;
    const record = await this.selectRecordByOffset(unit.commitLogOffset);
    return record ? decodeMessageRecord(record).record.storeTimestamp : null;
  }

  async selectRecordByOffset(commitLogOffset: number): Promise<Buffer | null> {
    if (!Number.isSafeInteger(commitLogOffset) || commitLogOffset < this.commitLog.minOffset || commitLogOffset + 8 > this.commitLog.writePosition) {
      return null;
    }
    const head = await this.commitLog.read(commitLogOffset, 8);
    const size = head.readInt32BE(0);
    if (size <= 8 || commitLogOffset + size > this.commitLog.writePosition) return null;
    const record = await this.commitLog.read(commitLogOffset, size);
    try {
      return decodeMessageRecord(record).record.commitLogOffset === commitLogOffset ? record : null;
    } catch {
      return null;
    }
  }

  async lookMessageByOffset(commitLogOffset: number): Promise<MessageRecord | null> {
    const record = await this.selectRecordByOffset(commitLogOffset);
    return record ? decodeMessageRecord(record).record : null;
  }

  async queryMessage(topic: string, key: string, maxNum: number, beginTimestamp: number, endTimestamp: number): Promise<QueryMessageResult> {
    const found = await this.index.queryOffset(topic, key, maxNum, beginTimestamp, endTimestamp);
    const records: Buffer[] = [];
    for (const offset of found.phyOffsets) {
      const record = await this.selectRecordByOffset(offset);
      if (record) records.push(record);
    }
    return { records, indexLastUpdateTimestamp: found.indexLastUpdateTimestamp, indexLastUpdatePhyoffset: found.indexLastUpdatePhyoffset };
  }

  queuesOf(topic: string): number[] {
    return this.consumeQueues
      .queuesOf(topic)
      .map((queue) => queue.queueId)
      .sort((a, b) => a - b);
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    for (const topic of topics) {
      this.offsets.deleteTopic(topic, this.queuesOf(topic));
      await this.consumeQueues.deleteTopic(topic);
    }
  }

  async readConsumeQueue(topic: string, queueId: number, index: number, count: number): Promise<ConsumeQueueSlice | null> {
    const queue = this.consumeQueues.find(topic, queueId);
    if (!queue) return null;
    const { minOffset, maxOffset } = queue;
    if (!Number.isSafeInteger(index) || index < minOffset || index >= maxOffset) return { minOffset, maxOffset, entries: null };
    const wanted = Math.min(Math.max(0, Math.floor(count)), queue.rollNextFile(index) - index, maxOffset - index);
    const entries: ConsumeQueueSlice['entries'] = [];
    while (entries.length < wanted) {
      const units = await queue.getUnits(index + entries.length, wanted - entries.length);
      if (units.length === 0) break;
      for (const unit of units) entries.push({ commitLogOffset: unit.commitLogOffset, size: unit.size, tagsCode: unit.tagsCode });
    }
    return { minOffset, maxOffset, entries };
  }

  async cleanExpiredConsumeQueues(): Promise<string[]> {
    const minCommitLogOffset = this.commitLog.minOffset;
    const removed: string[] = [];
    for (const queue of [...this.consumeQueues]) {
      if (!isExpiredQueue(queue.topic, queue.maxPhysicOffset, minCommitLogOffset)) continue;
      this.offsets.deleteTopic(queue.topic, [queue.queueId]);
      await this.consumeQueues.deleteQueue(queue.topic, queue.queueId);
      removed.push(`${queue.topic}/${queue.queueId}`);
      this.logger.info({ topic: queue.topic, queueId: queue.queueId, minCommitLogOffset }, 'expired consume queue destroyed');
    }
    return removed;
  }

  async cleanUnusedTopics(topicsInUse: ReadonlySet<string>): Promise<string[]> {
    const unused = this.consumeQueues.topics().filter((topic) => isUnusedTopic(topic, topicsInUse));
    await this.deleteTopics(unused);
    for (const topic of unused) this.logger.info({ topic }, 'consume queues of unused topic destroyed');
    return unused;
  }

  onMessageArrived(listener: (arrival: MessageArrival) => void): void {
    this.listeners.push(listener);
  }

  /** Asks for expired commit-log files to be deleted now, whatever the hour (DELETE_EXPIRED_COMMITLOG). */
  requestFileDeletion(): void {
    this.manualDeletes = 20;
  }

  stats(): StoreStats {
    const max = this.commitLog.writePosition;
    return {
      commitLogMinOffset: this.commitLog.minOffset,
      commitLogMaxOffset: max,
      dispatchBehindBytes: max - this.dispatchedPosition,
      uncommittedBytes: max - this.commitLog.committedPosition,
      unflushedBytes: max - this.commitLog.flushedPosition,
      putMessageCount: this.putCount,
      getMessageCount: this.getCount,
      diskUsedRatio: this.diskRatio,
    };
  }

  // --- timers --------------------------------------------------------------------------

  private startTimers(): void {
    if (this.config.flushDiskType === 'ASYNC_FLUSH') this.every(this.config.flushIntervalCommitLog, () => this.flushCommitLog());
    this.every(this.config.flushIntervalConsumeQueue, () => this.flushDerived());
    this.every(this.config.cleanResourceInterval, () => this.clean());
    void this.clean();
  }

  private every(intervalMs: number, task: () => Promise<void>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || !this.running) return;
      busy = true;
      task()
        .catch((error: unknown) => this.logger.error({ err: (error as Error).message }, 'store task failed'))
        .finally(() => {
          busy = false;
        });
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }

  private async flushCommitLog(): Promise<void> {
    const thorough = Date.now() - this.lastThoroughFlush >= this.config.flushCommitLogThoroughInterval;
    if (thorough) this.lastThoroughFlush = Date.now();
    const timestamp = this.lastAppendTimestamp;
    if (await this.commitLog.flushIfDirty(thorough ? 0 : this.config.flushCommitLogLeastPages)) {
      this.checkpoint.times.physicMsgTimestamp = timestamp || this.checkpoint.times.physicMsgTimestamp;
    }
  }

  private async flushDerived(): Promise<void> {
    const timestamp = this.lastDispatchedTimestamp;
    await this.consumeQueues.flushAll(this.config.flushConsumeQueueLeastPages);
    if (timestamp) this.checkpoint.times.logicsMsgTimestamp = timestamp;
    this.checkpoint.times.indexMsgTimestamp = await this.index.flush();
    await this.checkpoint.flush();
  }

  private async clean(): Promise<void> {
    this.diskRatio = await this.diskUsage(StorePaths.commitLog(this.config));
    const decision = decideClean({
      hour: new Date().getHours(),
      deleteWhen: this.config.deleteWhen,
      diskUsedRatio: this.diskRatio,
      diskMaxUsedSpaceRatio: this.config.diskMaxUsedSpaceRatio,
      manualDelete: this.manualDeletes > 0,
      diskFull: this.diskFull,
    });
    if (decision.diskFull !== this.diskFull) {
      this.logger.warn({ diskUsedRatio: this.diskRatio }, decision.diskFull ? 'disk full: refusing writes' : 'disk has room again: accepting writes');
    }
    this.diskFull = decision.diskFull;
    if (!decision.deleteExpired) return;
    if (this.manualDeletes > 0) this.manualDeletes--;
    const reservedMs = this.config.fileReservedTime * 3_600_000;
    let budget = DELETE_FILES_BATCH_MAX;
    const deleted = await this.commitLog.deleteSegmentsBelow(Number.MAX_SAFE_INTEGER, async (path) => {
      if (budget <= 0) return false;
      const expired = decision.cleanAtOnce || (await stat(path)).mtimeMs + reservedMs <= Date.now();
      if (expired) budget--;
      return expired;
    });
    if (deleted > 0) {
      await this.consumeQueues.deleteExpiredFiles(this.commitLog.minOffset);
      await this.index.deleteExpiredFiles(this.commitLog.minOffset);
      this.logger.info({ deleted, minOffset: this.commitLog.minOffset }, 'deleted expired commit log files');
    }
  }
}

/** Normal and commit records get a consume-queue unit; prepared and rollback records do not. */
function isQueuedType(sysFlag: number): boolean {
  const type = sysFlag & 0xc;
  return type === 0 || type === 0x8;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
