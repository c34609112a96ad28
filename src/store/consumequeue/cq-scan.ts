/**
 * Reading runs of units: `readDiskUnits` reads logical offsets [from, from + count) from the
 * queue's files (a run may span files; a missing file or the end of a file shortens the
 * result), and `scanUnits` walks a range in chunks of SCAN_CHUNK_UNITS units (64 KiB), so
 * that scanning a whole file never holds more than one chunk in memory.
 */
import type { FileHandleCache } from '../file-handle-cache.js';
import { readAt } from './cq-files.js';
import type { ConsumeQueueLayout } from './cq-layout.js';
import { CQ_STORE_UNIT_SIZE } from './cq-unit.js';

/** Units per chunk of a scan or write-out: the largest whole number of units in 64 KiB. */
export const SCAN_CHUNK_UNITS = Math.floor((64 * 1024) / CQ_STORE_UNIT_SIZE);

/** Reads `count` units at logical offset `from`, as raw bytes; shorter where files end or are missing. */
export type UnitReader = (from: number, count: number) => Promise<Buffer>;

export async function readDiskUnits(
  layout: ConsumeQueueLayout,
  handles: FileHandleCache,
  from: number,
  count: number,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let unit = from;
  const end = from + count;
  while (unit < end) {
    const file = layout.fileOf(unit);
    const inFile = Math.min(end, layout.firstUnitOf(file + 1)) - unit;
    const bytes = await readAt(handles, layout.pathOf(file), layout.positionOf(unit), inFile * CQ_STORE_UNIT_SIZE);
    const whole = bytes.subarray(0, bytes.length - (bytes.length % CQ_STORE_UNIT_SIZE));
    parts.push(whole);
    if (whole.length < inFile * CQ_STORE_UNIT_SIZE) break;
    unit += inFile;
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}

/**
 * Visits units [from, to) in order until `visit` returns true; returns the logical offset
 * of the unit it stopped at, or null when it visited all (or the reader ran short).
 */
export async function scanUnits(
  read: UnitReader,
  from: number,
  to: number,
  visit: (bytes: Buffer, at: number, unit: number) => boolean,
): Promise<number | null> {
  for (let chunkStart = from; chunkStart < to; chunkStart += SCAN_CHUNK_UNITS) {
    const count = Math.min(SCAN_CHUNK_UNITS, to - chunkStart);
    const bytes = await read(chunkStart, count);
    const units = bytes.length / CQ_STORE_UNIT_SIZE;
    for (let i = 0; i < units; i++) {
      if (visit(bytes, i * CQ_STORE_UNIT_SIZE, chunkStart + i)) return chunkStart + i;
    }
    if (units < count) return null;
  }
  return null;
}

/** Like scanUnits, but walks [from, to) backwards, from to - 1 down to from. */
export async function scanUnitsBackwards(
  read: UnitReader,
  from: number,
  to: number,
  visit: (bytes: Buffer, at: number, unit: number) => boolean,
): Promise<number | null> {
  for (let chunkEnd = to; chunkEnd > from; chunkEnd -= SCAN_CHUNK_UNITS) {
    const chunkStart = Math.max(from, chunkEnd - SCAN_CHUNK_UNITS);
    const bytes = await read(chunkStart, chunkEnd - chunkStart);
    for (let i = bytes.length / CQ_STORE_UNIT_SIZE - 1; i >= 0; i--) {
      if (visit(bytes, i * CQ_STORE_UNIT_SIZE, chunkStart + i)) return chunkStart + i;
    }
  }
  return null;
}
