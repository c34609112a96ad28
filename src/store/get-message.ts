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

  const units = await queue.readUnits(offset, Math.max(MIN_SCAN_UNITS, maxMsgNums));
  if (units.length === 0) return outcome('OFFSET_FOUND_NULL', offset, minOffset, maxOffset);
  const batch = new Batch(maxMsgNums, limits);
  let status: GetMessageStatus = 'NO_MATCHED_MESSAGE';
  let scanned = 0;
  let fromDisk = false;
  for (const unit of units) {
    const inDisk = source.maxPhysicalOffset - unit.commitLogOffset > limits.inMemoryBytes;
    if (batch.isFull(unit.size, inDisk)) break;
    scanned++;
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
  return { status, nextBeginOffset: offset + scanned, minOffset, maxOffset, records: batch.records, fromDisk };
}

function outcome(status: GetMessageStatus, nextBeginOffset: number, minOffset: number, maxOffset: number): GetMessageResult {
  return { status, nextBeginOffset, minOffset, maxOffset, records: [], fromDisk: false };
}

class Batch {
  readonly records: Buffer[] = [];
  private bytes = 0;

  constructor(
    private readonly maxMsgNums: number,
    private readonly limits: TransferLimits,
  ) {}

  get count(): number {
    return this.records.length;
  }

  /** RocketMQ's isTheBatchFull: never before the first record. */
  isFull(nextSize: number, inDisk: boolean): boolean {
    if (this.records.length === 0) return false;
    if (this.records.length >= this.maxMsgNums) return true;
    const maxBytes = inDisk ? this.limits.maxTransferBytesOnMessageInDisk : this.limits.maxTransferBytesOnMessageInMemory;
    const maxCount = inDisk ? this.limits.maxTransferCountOnMessageInDisk : this.limits.maxTransferCountOnMessageInMemory;
    return this.bytes + nextSize > maxBytes || this.records.length > maxCount - 1;
  }

  add(record: Buffer): void {
    this.records.push(record);
    this.bytes += record.length;
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
