/**
 * One 20-byte index entry, big-endian:
 *
 *   0   int32  keyHash     non-negative hash of `topic#key` (index-key.ts)
 *   4   int64  phyOffset   commit-log offset of the message
 *   12  int32  timeDiff    seconds from the file's begin timestamp to the store time
 *   16  int32  prevIndex   the entry this one displaced at the head of its slot's chain,
 *                          0 at the end of the chain
 *
 * In a file the index wrote, prevIndex is always smaller than the entry's own number, so
 * a chain walked from its slot strictly descends and ends.
 */
import { INDEX_ENTRY_SIZE } from './index-layout.js';

export interface IndexEntry {
  keyHash: number;
  phyOffset: number;
  timeDiff: number;
  prevIndex: number;
}

const TWO_POW_32 = 0x1_0000_0000;

export function writeIndexEntry(target: Buffer, position: number, entry: Readonly<IndexEntry>): void {
  if (!Number.isSafeInteger(entry.phyOffset)) throw new RangeError(`index entry offset ${entry.phyOffset} is not a safe integer`);
  const high = Math.floor(entry.phyOffset / TWO_POW_32);
  target.writeInt32BE(entry.keyHash, position);
  target.writeInt32BE(high, position + 4);
  target.writeUInt32BE(entry.phyOffset - high * TWO_POW_32, position + 8);
  target.writeInt32BE(entry.timeDiff, position + 12);
  target.writeInt32BE(entry.prevIndex, position + 16);
}

/** Reads the entry at `position`; an offset beyond 2^53 comes back as NaN (never matched as an offset). */
export function readIndexEntry(source: Buffer, position = 0): IndexEntry {
  if (source.length < position + INDEX_ENTRY_SIZE) throw new RangeError('short index entry');
  const offset = source.readBigInt64BE(position + 4);
  const safe = offset <= BigInt(Number.MAX_SAFE_INTEGER) && offset >= BigInt(Number.MIN_SAFE_INTEGER);
  return {
    keyHash: source.readInt32BE(position),
    phyOffset: safe ? Number(offset) : Number.NaN,
    timeDiff: source.readInt32BE(position + 12),
    prevIndex: source.readInt32BE(position + 16),
  };
}
