/**
 * The consume-queue unit: 20 bytes, big-endian, the same as RocketMQ 4.9.8 writes them.
 *
 *   offset  size  field
 *        0     8  commitLogOffset  int64   physical offset of the message in the commit log
 *        8     4  size             int32   stored size of the message record
 *       12     8  tagsCode         int64   tag hash code (delivery time for SCHEDULE_TOPIC_XXXX)
 *
 * A unit is valid when commitLogOffset ≥ 0 and size > 0; the data of a queue ends at its
 * first invalid unit (files are zero-filled, so the first all-zero unit ends it).
 * A blank unit (commitLogOffset 0, size 0x7FFFFFFF, tagsCode 0) is valid but stands for
 * no message: RocketMQ writes blanks before the first unit of a queue that starts at an
 * offset that is not a file's first, and this module also writes them to fill a short gap.
 *
 * Numbers are JavaScript numbers: every int64 here is exact while below 2^53, which covers
 * any real commit-log offset and tag code; larger values (garbage) decode approximately,
 * which only matters for telling garbage from data, and garbage is invalid either way.
 */
import { readInt64, writeInt64 } from '../../common/int64.js';
import { CQ_STORE_UNIT_SIZE } from '../store-config.js';

export { CQ_STORE_UNIT_SIZE };

/** Size of a blank unit: Java's Integer.MAX_VALUE. */
export const BLANK_UNIT_SIZE = 0x7fffffff;

/** One decoded unit, with the logical offset it sits at. */
export interface ConsumeQueueUnit {
  readonly commitLogOffset: number;
  readonly size: number;
  readonly tagsCode: number;
  /** Logical offset of the unit in its queue: its byte position / 20. */
  readonly queueOffset: number;
}

/** Writes one unit at `at` of `buffer`. */
export function encodeUnit(buffer: Buffer, at: number, commitLogOffset: number, size: number, tagsCode: number): void {
  writeInt64(buffer, commitLogOffset, at);
  buffer.writeInt32BE(size, at + 8);
  writeInt64(buffer, tagsCode, at + 12);
}

export function unitCommitLogOffset(buffer: Buffer, at: number): number {
  return readInt64(buffer, at);
}

export function unitSize(buffer: Buffer, at: number): number {
  return buffer.readInt32BE(at + 8);
}

export function decodeUnit(buffer: Buffer, at: number, queueOffset: number): ConsumeQueueUnit {
  return {
    commitLogOffset: readInt64(buffer, at),
    size: buffer.readInt32BE(at + 8),
    tagsCode: readInt64(buffer, at + 12),
    queueOffset,
  };
}

/** RocketMQ's test for a unit that holds data: offset ≥ 0 and size > 0. */
export function isValidUnitAt(buffer: Buffer, at: number): boolean {
  return buffer.readInt32BE(at) >= 0 && buffer.readInt32BE(at + 8) > 0;
}

export function isBlankUnitAt(buffer: Buffer, at: number): boolean {
  return readInt64(buffer, at) === 0 && buffer.readInt32BE(at + 8) === BLANK_UNIT_SIZE && readInt64(buffer, at + 12) === 0;
}

/** A valid unit that stands for a message (not a blank). */
export function isMessageUnitAt(buffer: Buffer, at: number): boolean {
  return isValidUnitAt(buffer, at) && !isBlankUnitAt(buffer, at);
}

/** True for a blank unit (it stands for no message; readers skip it, as RocketMQ's do). */
export function isBlankUnit(unit: ConsumeQueueUnit): boolean {
  return unit.commitLogOffset === 0 && unit.size === BLANK_UNIT_SIZE && unit.tagsCode === 0;
}

/** Index (in units, from 0) of the first invalid unit of `buffer`, or the unit count when all are valid. */
export function firstInvalidUnit(buffer: Buffer): number {
  const units = Math.floor(buffer.length / CQ_STORE_UNIT_SIZE);
  for (let i = 0; i < units; i++) {
    if (!isValidUnitAt(buffer, i * CQ_STORE_UNIT_SIZE)) return i;
  }
  return units;
}

/** A buffer of `count` blank units. */
export function blankUnits(count: number): Buffer {
  const buffer = Buffer.alloc(count * CQ_STORE_UNIT_SIZE);
  for (let i = 0; i < count; i++) buffer.writeInt32BE(BLANK_UNIT_SIZE, i * CQ_STORE_UNIT_SIZE + 8);
  return buffer;
}
