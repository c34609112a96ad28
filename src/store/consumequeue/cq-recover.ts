/**
 * Opening a consume queue's files (RocketMQ's MappedFileQueue.load + ConsumeQueue.recover),
 * with what this implementation does about bad files:
 *
 * - Names that are not 20 digits are ignored. A name that is not a multiple of the file
 *   size, or a missing file between two others (a hole in the logical offsets) is
 *   STORE_CORRUPT: units would be lost or misplaced.
 * - Every file but the last must be exactly the configured size (a different size means the
 *   files were written with another mappedFileSizeConsumeQueue): STORE_CORRUPT. The last
 *   file may be shorter (torn while being created or copied): it is recovered by cutting it
 *   to whole units and zero-extending it to full size, so exactly the whole units before the
 *   tear remain. A last file longer than the configured size is STORE_CORRUPT.
 * - The end of data is found as Java finds it: scan from the third-last file to the first
 *   unit whose commitLogOffset < 0 or size ≤ 0. Files wholly after the end are deleted.
 * - No silent loss: if any valid unit follows the end within 64 KiB of the same file, or
 *   in the first 64 KiB of a later file, the invalid unit is garbage in the middle of data,
 *   and recovery refuses with STORE_CORRUPT instead of dropping the units after it.
 */
import type { FileHandleCache } from '../file-handle-cache.js';
import { RocketMQError } from '../../common/errors.js';
import { fileSize, listSegmentFiles, removeFile, setFileLength, type SegmentFile } from './cq-files.js';
import type { ConsumeQueueLayout } from './cq-layout.js';
import { readDiskUnits, scanUnits, SCAN_CHUNK_UNITS, type UnitReader } from './cq-scan.js';
import {
  CQ_STORE_UNIT_SIZE,
  isBlankUnitAt,
  isMessageUnitAt,
  isValidUnitAt,
  unitCommitLogOffset,
  unitSize,
} from './cq-unit.js';

/** Files Java's recover() trusts without scanning: all but the last three. */
const FILES_SCANNED = 3;

export interface RecoveredFiles {
  /** Numbers of the first and last file (the files in between all exist). */
  readonly firstFile: number;
  readonly lastFile: number;
  /** Logical offset just after the last unit. */
  readonly end: number;
  /** First unit that is not part of a leading run of blanks, or `end`. */
  readonly min: number;
  /** commitLogOffset + size of the last message unit scanned, or -1. */
  readonly maxPhysicOffset: number;
  /** What recovery changed on disk, for the log. */
  readonly repairs: readonly string[];
}

interface EndOfData {
  readonly end: number;
  /** Index (in the file list) of the file holding the end. */
  readonly fileIndex: number;
  readonly maxPhysicOffset: number;
}

export async function recoverQueueFiles(layout: ConsumeQueueLayout, handles: FileHandleCache): Promise<RecoveredFiles | null> {
  const listed = await listSegmentFiles(layout.dir);
  if (listed === null || listed.length === 0) return null;
  const files = fileNumbers(layout, listed);
  const repairs: string[] = [];
  await checkSizes(layout, handles, files, repairs);
  const read: UnitReader = (from, count) => readDiskUnits(layout, handles, from, count);
  const found = await findEnd(layout, read, files);
  await refuseValidUnitsAfter(layout, read, files, found);
  const lastFile = await removeFilesAfter(layout, handles, files, found.fileIndex, repairs);
  const firstFile = files[0] as number;
  return {
    firstFile,
    lastFile,
    end: found.end,
    min: await firstNonBlank(read, layout.firstUnitOf(firstFile), found.end),
    maxPhysicOffset: found.maxPhysicOffset,
    repairs,
  };
}

function corrupt(layout: ConsumeQueueLayout, what: string): RocketMQError {
  return new RocketMQError('STORE_CORRUPT', `consume queue ${layout.dir}: ${what}`);
}

function fileNumbers(layout: ConsumeQueueLayout, listed: readonly SegmentFile[]): number[] {
  const numbers = listed.map((file) => {
    const number = layout.fileOfStartOffset(file.startOffset);
    if (number === null) throw corrupt(layout, `file ${file.name} is not at a multiple of the file size ${layout.fileBytes}`);
    return number;
  });
  for (let i = 1; i < numbers.length; i++) {
    if ((numbers[i] as number) !== (numbers[i - 1] as number) + 1) {
      throw corrupt(layout, `files are not contiguous: ${listed[i - 1]?.name} is followed by ${listed[i]?.name}`);
    }
  }
  return numbers;
}

async function checkSizes(layout: ConsumeQueueLayout, handles: FileHandleCache, files: readonly number[], repairs: string[]): Promise<void> {
  for (const [index, file] of files.entries()) {
    const path = layout.pathOf(file);
    const size = await fileSize(path);
    if (size === layout.fileBytes) continue;
    if (index < files.length - 1 || size > layout.fileBytes) {
      throw corrupt(layout, `${path} is ${size} bytes, expected ${layout.fileBytes} (mappedFileSizeConsumeQueue)`);
    }
    const whole = size - (size % CQ_STORE_UNIT_SIZE);
    handles.forget(path);
    await setFileLength(path, whole);
    await setFileLength(path, layout.fileBytes);
    repairs.push(`${path}: torn at ${size} bytes, kept ${whole / CQ_STORE_UNIT_SIZE} whole units, zero-filled to ${layout.fileBytes}`);
  }
}

async function findEnd(layout: ConsumeQueueLayout, read: UnitReader, files: readonly number[]): Promise<EndOfData> {
  let maxPhysicOffset = -1;
  const track = (bytes: Buffer, at: number): boolean => {
    if (!isValidUnitAt(bytes, at)) return true;
    if (!isBlankUnitAt(bytes, at)) maxPhysicOffset = unitCommitLogOffset(bytes, at) + unitSize(bytes, at);
    return false;
  };
  for (let index = Math.max(0, files.length - FILES_SCANNED); index < files.length; index++) {
    const first = layout.firstUnitOf(files[index] as number);
    const stop = await scanUnits(read, first, first + layout.unitsPerFile, track);
    if (stop !== null) return { end: stop, fileIndex: index, maxPhysicOffset };
  }
  const last = files[files.length - 1] as number;
  return { end: layout.firstUnitOf(last + 1), fileIndex: files.length - 1, maxPhysicOffset };
}

async function refuseValidUnitsAfter(layout: ConsumeQueueLayout, read: UnitReader, files: readonly number[], found: EndOfData): Promise<void> {
  const endFile = files[found.fileIndex] as number;
  const endFileEnd = layout.firstUnitOf(endFile + 1);
  const ranges: Array<[number, number]> = [[found.end + 1, Math.min(endFileEnd, found.end + 1 + SCAN_CHUNK_UNITS)]];
  for (const file of files.slice(found.fileIndex + 1)) {
    const first = layout.firstUnitOf(file);
    ranges.push([first, first + Math.min(layout.unitsPerFile, SCAN_CHUNK_UNITS)]);
  }
  for (const [from, to] of ranges) {
    const valid = await scanUnits(read, from, to, (bytes, at) => isValidUnitAt(bytes, at));
    if (valid !== null) {
      throw corrupt(layout, `the unit at logical offset ${found.end} is invalid but a valid unit follows at ${valid}; refusing to drop it`);
    }
  }
}

async function removeFilesAfter(
  layout: ConsumeQueueLayout,
  handles: FileHandleCache,
  files: readonly number[],
  fileIndex: number,
  repairs: string[],
): Promise<number> {
  for (const file of files.slice(fileIndex + 1)) {
    await removeFile(handles, layout.pathOf(file));
    repairs.push(`${layout.pathOf(file)}: no units, after the end of data; removed`);
  }
  return files[fileIndex] as number;
}

async function firstNonBlank(read: UnitReader, from: number, end: number): Promise<number> {
  const found = await scanUnits(read, from, end, (bytes, at) => isMessageUnitAt(bytes, at));
  return found ?? end;
}
