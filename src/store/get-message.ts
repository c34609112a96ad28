/**
 * The read side of a queue, shared by every MessageStore: RocketMQ 4.9.8's getMessage.
 *
 * Status by position (min/max = the queue's logical bounds; max = next offset to write):
 *   no queue → NO_MATCHED_LOGIC_QUEUE, next 0;   max = 0 → NO_MESSAGE_IN_QUEUE, next 0;
 *   offset < min → OFFSET_TOO_SMALL, next min;    offset = max → OFFSET_OVERFLOW_ONE, next offset;
 *   offset > max → OFFSET_OVERFLOW_BADLY, next max;
 *   otherwise up to 800 units are scanned from `offset`: units the filter rejects are
 *   skipped (NO_MATCHED_MESSAGE if nothing matched), records already deleted are skipped
 *   (MESSAGE_WAS_REMOVING if nothing was found), and the batch stops at maxMsgNums or at
 *   the byte/count limits (32 messages / 256 KiB when the data is recent, 8 / 64 KiB when
 *   it lies further behind the log's end than `inMemoryBytes`); the first record is always
 *   taken. next = offset + units scanned.
 *
 * Units are read a page at a time (as many as the batch can take, then twice as many each
 * time while the filter skips them), never more than the scan allows. When the filter decides by tag code
 * alone, the batch is planned from the units (a unit's size is its record's) and its
 * records read together (RecordSource.readRecords: adjacent records in one read); records
 * already deleted are left out and counted as scanned. A filter that looks at properties
 * reads each record before deciding.
 */
import { decodePropertiesBytes } from '../protocol/message/properties.js';
import { variableRecordPositions, RecordPosition } from '../protocol/message/message-record.js';
import { BLANK_UNIT_SIZE } from './consumequeue/cq-unit.js';
import type { GetMessageResult, GetMessageStatus, MessageFilter } from './message-store.js';

/** RocketMQ scans at most max(16000 bytes, maxMsgNums × 20 bytes) of consume queue per pull. */
const MIN_SCAN_UNITS = 800;

export interface QueueUnit {
  queueOffset: number;
  commitLogOffset: number;
  size: number;
  tagsCode: number;
}

export interface QueueReader {
  readonly minOffset: number;
  readonly maxOffset: number;
  readUnits(offset: number, maxCount: number): Promise<QueueUnit[]>;
}

export interface RecordSource {
  /** Offset after the last record in the log. */
  readonly maxPhysicalOffset: number;
  /** The record, or null when its file has been deleted. */
  readRecord(commitLogOffset: number, size: number): Promise<Buffer | null>;
  /** The records of units in log order (null for a deleted one), read together where they are adjacent. */
  readRecords?(units: readonly QueueUnit[]): Promise<(Buffer | null)[]>;
}

export interface TransferLimits {
  maxTransferBytesOnMessageInMemory: number;
  maxTransferCountOnMessageInMemory: number;
  maxTransferBytesOnMessageInDisk: number;
  maxTransferCountOnMessageInDisk: number;
  /** Bytes behind the log's end that still count as in memory. */
  inMemoryBytes: number;
}

export async function getMessageFromQueue(
  queue: QueueReader | undefined,
  source: RecordSource,
  offset: number,
  maxMsgNums: number,
  filter: MessageFilter | undefined,
  limits: TransferLimits,
): Promise<GetMessageResult> {
  if (!queue) return outcome('NO_MATCHED_LOGIC_QUEUE', 0, 0, 0);
  const { minOffset, maxOffset } = queue;
  if (maxOffset === 0) return outcome('NO_MESSAGE_IN_QUEUE', 0, minOffset, maxOffset);
  if (offset < minOffset) return outcome('OFFSET_TOO_SMALL', minOffset, minOffset, maxOffset);
  if (offset === maxOffset) return outcome('OFFSET_OVERFLOW_ONE', offset, minOffset, maxOffset);
  if (offset > maxOffset) return outcome('OFFSET_OVERFLOW_BADLY', maxOffset, minOffset, maxOffset);

  const scan = new UnitScan(queue, offset, Math.max(MIN_SCAN_UNITS, maxMsgNums), Math.max(1, maxMsgNums));
  if (!(await scan.next())) return outcome('OFFSET_FOUND_NULL', offset, minOffset, maxOffset);
  const batch = new Batch(maxMsgNums, limits);
  const planned = filter?.matchesProperties === undefined && source.readRecords !== undefined;
  const result = planned ? await readPlanned(scan, source, filter, batch, limits) : await readOneByOne(scan, source, filter, batch, limits);
  // Spelled out: V8 gives `{ ...result, more }` a fresh hidden class on every call (old-generation garbage).
  return { status: result.status, nextBeginOffset: offset + scan.scanned, minOffset, maxOffset, records: batch.records, fromDisk: result.fromDisk };
}

/** The queue's units from an offset, a page at a time, at most `budget` of them. */
class UnitScan {
  scanned = 0;
  private page: QueueUnit[] = [];
  private index = 0;
  private fetched = 0;
  private exhausted = false;

  constructor(
    private readonly queue: QueueReader,
    private readonly offset: number,
    private readonly budget: number,
    private pageUnits: number,
  ) {}

  /** The next unit (not yet counted as scanned), or null at the end of the queue or the budget. */
  async next(): Promise<QueueUnit | null> {
    if (this.index < this.page.length) return this.page[this.index] as QueueUnit;
    if (this.exhausted || this.fetched >= this.budget) return null;
    const want = Math.min(this.budget - this.fetched, this.pageUnits);
    this.page = await this.queue.readUnits(this.offset + this.fetched, want);
    this.index = 0;
    this.fetched += this.page.length;
    if (this.page.length < want) this.exhausted = true;
    this.pageUnits *= 2; // the filter is skipping units: read further ahead next time
    return this.page[0] ?? null;
  }

  /** Counts the unit `next` returned as scanned. */
  take(): void {
    this.index++;
    this.scanned++;
  }
}

interface ReadOutcome {
  status: GetMessageStatus;
  fromDisk: boolean;
}

/** Plans the batch from the units alone, then reads its records together. */
async function readPlanned(scan: UnitScan, source: RecordSource, filter: MessageFilter | undefined, batch: Batch, limits: TransferLimits): Promise<ReadOutcome> {
  const chosen: QueueUnit[] = [];
  const plan = new Batch(batch.maxMsgNums, limits);
  let fromDisk = false;
  for (let unit = await scan.next(); unit; unit = await scan.next()) {
    const inDisk = source.maxPhysicalOffset - unit.commitLogOffset > limits.inMemoryBytes;
    if (plan.isFull(unit.size, inDisk)) break;
    scan.take();
    if (unit.size === BLANK_UNIT_SIZE) continue;
    if (filter && !filter.matchesTagsCode(unit.tagsCode)) continue;
    plan.addSize(unit.size);
    chosen.push(unit);
    fromDisk ||= inDisk;
  }
  if (chosen.length === 0) return { status: 'NO_MATCHED_MESSAGE', fromDisk: false };
  const records = await (source.readRecords as (units: readonly QueueUnit[]) => Promise<(Buffer | null)[]>)(chosen);
  for (const record of records) if (record) batch.add(record);
  return { status: batch.count > 0 ? 'FOUND' : 'MESSAGE_WAS_REMOVING', fromDisk };
}

/** Reads each record before deciding on the next unit (filters that look at properties). */
async function readOneByOne(scan: UnitScan, source: RecordSource, filter: MessageFilter | undefined, batch: Batch, limits: TransferLimits): Promise<ReadOutcome> {
  let status: GetMessageStatus = 'NO_MATCHED_MESSAGE';
  let fromDisk = false;
  for (let unit = await scan.next(); unit; unit = await scan.next()) {
    const inDisk = source.maxPhysicalOffset - unit.commitLogOffset > limits.inMemoryBytes;
    if (batch.isFull(unit.size, inDisk)) break;
    scan.take();
    if (unit.size === BLANK_UNIT_SIZE) continue; // filler before a queue's first real unit
    if (filter && !filter.matchesTagsCode(unit.tagsCode)) continue;
    const record = await source.readRecord(unit.commitLogOffset, unit.size);
    if (!record) {
      if (batch.count === 0) status = 'MESSAGE_WAS_REMOVING';
      continue;
    }
    if (filter?.matchesProperties && !filter.matchesProperties(propertiesOf(record))) continue;
    batch.add(record);
    fromDisk ||= inDisk;
    status = 'FOUND';
  }
  return { status, fromDisk };
}

function outcome(status: GetMessageStatus, nextBeginOffset: number, minOffset: number, maxOffset: number): GetMessageResult {
  return { status, nextBeginOffset, minOffset, maxOffset, records: [], fromDisk: false };
}

class Batch {
  readonly records: Buffer[] = [];
  private messages = 0;
  private bytes = 0;

  constructor(
    readonly maxMsgNums: number,
    private readonly limits: TransferLimits,
  ) {}

  get count(): number {
    return this.messages;
  }

  /** RocketMQ's isTheBatchFull: never before the first record. */
  isFull(nextSize: number, inDisk: boolean): boolean {
    if (this.messages === 0) return false;
    if (this.messages >= this.maxMsgNums) return true;
    const maxBytes = inDisk ? this.limits.maxTransferBytesOnMessageInDisk : this.limits.maxTransferBytesOnMessageInMemory;
    const maxCount = inDisk ? this.limits.maxTransferCountOnMessageInDisk : this.limits.maxTransferCountOnMessageInMemory;
    return this.bytes + nextSize > maxBytes || this.messages > maxCount - 1;
  }

  add(record: Buffer): void {
    this.records.push(record);
    this.addSize(record.length);
  }

  /** Counts a record of `size` bytes without holding it (planning). */
  addSize(size: number): void {
    this.messages++;
    this.bytes += size;
  }
}

/** The properties of a stored record, read without decoding the rest. */
function propertiesOf(record: Buffer): ReturnType<typeof decodePropertiesBytes> {
  const sysFlag = record.readInt32BE(RecordPosition.SYSFLAG);
  const bodyLengthAt = variableRecordPositions(sysFlag).BODYLENGTH;
  const topicLengthAt = bodyLengthAt + 4 + record.readInt32BE(bodyLengthAt);
  const propertiesLengthAt = topicLengthAt + 1 + record.readInt8(topicLengthAt);
  const propertiesStart = propertiesLengthAt + 2;
  return decodePropertiesBytes(record, propertiesStart, propertiesStart + record.readInt16BE(propertiesLengthAt));
}
