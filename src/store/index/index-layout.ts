/**
 * Geometry of one index file (RocketMQ 4.9.8 `index/<yyyyMMddHHmmssSSS>`), all big-endian:
 *
 *   offset 0                      header, 40 bytes (see index-header.ts)
 *   offset 40                     hashSlotNum slots, int32 each: number of the newest entry
 *                                 of the slot's chain, 0 when the slot is empty
 *   offset 40 + hashSlotNum·4     indexNum entries, 20 bytes each (see index-entry.ts)
 *
 * The file is created at its full size, zero-filled. Entry 0 is never written: entry
 * numbers start at 1, so a slot or a "previous" link of 0 means "none". With the fixture
 * settings (1000 slots, 4000 entries) a file is 84,040 bytes; with RocketMQ's defaults
 * (5,000,000 slots, 20,000,000 entries) it is 420,000,040 bytes.
 */

export const INDEX_HEADER_SIZE = 40;
export const HASH_SLOT_SIZE = 4;
export const INDEX_ENTRY_SIZE = 20;
/** The entry number that means "none"; real entries are numbered from 1. */
export const INVALID_ENTRY = 0;

export interface IndexGeometry {
  /** Slots in the hash table (`maxHashSlotNum`). */
  readonly hashSlotNum: number;
  /** Entries in the file, counting the unused entry 0 (`maxIndexNum`). */
  readonly indexNum: number;
}

/** Throws a RangeError for settings no index file can have. */
export function checkGeometry(geometry: IndexGeometry): void {
  const { hashSlotNum, indexNum } = geometry;
  if (!Number.isSafeInteger(hashSlotNum) || hashSlotNum < 1 || hashSlotNum > 0x7fffffff) {
    throw new RangeError(`maxHashSlotNum must be a positive int32, got ${hashSlotNum}`);
  }
  // Entry 0 is never used, so a file needs room for at least one more to hold anything.
  if (!Number.isSafeInteger(indexNum) || indexNum < 2 || indexNum > 0x7fffffff) {
    throw new RangeError(`maxIndexNum must be an int32 of at least 2, got ${indexNum}`);
  }
}

export function indexFileSize(geometry: IndexGeometry): number {
  return INDEX_HEADER_SIZE + geometry.hashSlotNum * HASH_SLOT_SIZE + geometry.indexNum * INDEX_ENTRY_SIZE;
}

/** Byte position of slot `slot` in the file. */
export function slotPosition(slot: number): number {
  return INDEX_HEADER_SIZE + slot * HASH_SLOT_SIZE;
}

/** Byte position of entry number `entry` in the file. */
export function entryPosition(geometry: IndexGeometry, entry: number): number {
  return INDEX_HEADER_SIZE + geometry.hashSlotNum * HASH_SLOT_SIZE + entry * INDEX_ENTRY_SIZE;
}
