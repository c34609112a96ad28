/**
 * Reads the commit log forward from an offset, record by record, validating each one as
 * RocketMQ's recovery does (`checkMessageAndReturnSize`): a size field that fits the
 * segment, the message magic, fields that decode and fill the size exactly, and — when
 * asked — the body CRC. A blank end-of-file record moves on to the next segment. The scan
 * stops at the first zero size (the end of the data) or the first record that fails a
 * check (a torn or corrupt tail); everything before that point is intact.
 *
 * Segments are read in large blocks; a record that crosses a block boundary is re-read
 * from its start.
 */
import { messageBodyCrc } from '../../common/crc32.js';
import { isRocketMQError } from '../../common/errors.js';
import { BLANK_MAGIC_CODE, MESSAGE_MAGIC_CODE_V1, MESSAGE_MAGIC_CODE_V2, decodeMessageRecord, type MessageRecord } from '../../protocol/message/message-record.js';
import type { FileHandleCache } from '../file-handle-cache.js';

const BLOCK_BYTES = 4 * 1024 * 1024;

export interface ScannedRecord {
  record: MessageRecord;
  size: number;
}

export type ScanEnd =
  | { kind: 'end'; offset: number }
  | { kind: 'damaged'; offset: number; reason: string };

export interface ScanSegment {
  start: number;
  path: string;
}

export interface ScanOptions {
  segments: readonly ScanSegment[];
  segmentBytes: number;
  from: number;
  checkCrc: boolean;
  handles: FileHandleCache;
  /** Called for every valid record, in log order. */
  onRecord: (scanned: ScannedRecord) => void | Promise<void>;
}

/** Scans from `from`; returns where valid data ends and why. */
export async function scanCommitLog(options: ScanOptions): Promise<ScanEnd> {
  let offset = options.from;
  for (const segment of options.segments) {
    const segmentEnd = segment.start + options.segmentBytes;
    if (segmentEnd <= offset) continue;
    if (segment.start > offset) return { kind: 'end', offset };
    const outcome = await scanSegment(options, segment, offset);
    if (outcome.kind !== 'next-segment') return outcome;
    offset = segmentEnd;
  }
  return { kind: 'end', offset };
}

type SegmentOutcome = ScanEnd | { kind: 'next-segment' };

async function scanSegment(options: ScanOptions, segment: ScanSegment, from: number): Promise<SegmentOutcome> {
  let position = from - segment.start;
  let block: Buffer = Buffer.alloc(0);
  let blockStart = position;
  while (position < options.segmentBytes) {
    if (position + 8 > blockStart + block.length) {
      blockStart = position;
      block = await options.handles.read(segment.path, position, Math.min(BLOCK_BYTES, options.segmentBytes - position));
      if (block.length < 8) return { kind: 'end', offset: segment.start + position };
    }
    const at = position - blockStart;
    const size = block.readInt32BE(at);
    const magic = block.readUInt32BE(at + 4);
    const offset = segment.start + position;
    if (size === 0 && magic === 0) return { kind: 'end', offset };
    if (magic === BLANK_MAGIC_CODE) {
      if (size !== options.segmentBytes - position) return damaged(offset, `end-of-file blank of ${size} bytes does not reach the end of the file`);
      return { kind: 'next-segment' };
    }
    if (magic !== MESSAGE_MAGIC_CODE_V1 && magic !== MESSAGE_MAGIC_CODE_V2) return damaged(offset, `bad magic 0x${magic.toString(16)}`);
    if (size <= 8 || position + size > options.segmentBytes) return damaged(offset, `record size ${size} does not fit the file`);
    if (at + size > block.length) {
      blockStart = position;
      block = await options.handles.read(segment.path, position, Math.max(size, Math.min(BLOCK_BYTES, options.segmentBytes - position)));
      if (block.length < size) return damaged(offset, `record of ${size} bytes is cut short by the end of the file`);
    }
    const checked = checkRecord(block, position - blockStart, offset, options.checkCrc);
    if (typeof checked === 'string') return damaged(offset, checked);
    const dispatched = options.onRecord({ record: checked, size });
    if (dispatched !== undefined) await dispatched;
    position += size;
  }
  return { kind: 'next-segment' };
}

function checkRecord(block: Buffer, at: number, offset: number, checkCrc: boolean): MessageRecord | string {
  let record: MessageRecord;
  try {
    record = decodeMessageRecord(block, at).record;
  } catch (error) {
    if (isRocketMQError(error)) return error.message;
    throw error;
  }
  if (record.commitLogOffset !== offset) return `record says it is at ${record.commitLogOffset}`;
  if (checkCrc && messageBodyCrc(record.body) !== record.bodyCrc) return 'body CRC does not match';
  return record;
}

function damaged(offset: number, reason: string): ScanEnd {
  return { kind: 'damaged', offset, reason };
}
