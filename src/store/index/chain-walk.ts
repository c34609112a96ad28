/**
 * A lookup in one index file: read the slot of the key hash, then follow the chain of
 * entries from the newest back through each entry's `prevIndex`, collecting the commit-log
 * offsets of entries whose hash matches and whose time (begin timestamp + timeDiff·1000)
 * lies in [begin, end], until maxNum offsets are collected, the chain ends, or an entry is
 * older than `begin` (entries are appended in store-time order, so older ones follow).
 *
 * Termination: a valid chain strictly descends (prevIndex < entry number), and the walk
 * stops at the first link that does not, so it takes at most `head` steps whatever the
 * bytes say. Damage is returned as a STORE_CORRUPT value with what was found so far.
 */
import { RocketMQError } from '../../common/errors.js';
import type { IndexEntry } from './index-entry.js';
import { INVALID_ENTRY } from './index-layout.js';

/** Read access to one file's slots and entries, from memory or disk. */
export interface ChainSource {
  readonly name: string;
  readonly beginTimestamp: number;
  /** Next entry number: entries below it exist. */
  readonly indexCount: number;
  slotValue(slot: number): number | Promise<number>;
  entry(entryNumber: number): IndexEntry | Promise<IndexEntry>;
}

export interface ChainQuery {
  readonly keyHash: number;
  readonly slot: number;
  readonly maxNum: number;
  readonly begin: number;
  readonly end: number;
}

/** Appends matching offsets to `into`; resolves to null, or to the damage that stopped the walk. */
export async function walkChain(source: ChainSource, query: ChainQuery, into: number[]): Promise<RocketMQError | null> {
  const count = source.indexCount;
  const head = await source.slotValue(query.slot);
  if (head <= INVALID_ENTRY || count <= 1) return null;
  if (head >= count) return corrupt(source, `slot ${query.slot} points to entry ${head}, past the ${count - 1} written`);
  const beginTimestamp = source.beginTimestamp;
  for (let current = head; into.length < query.maxNum; ) {
    const entry = await source.entry(current);
    if (entry.timeDiff < 0) return corrupt(source, `entry ${current} has a negative time difference ${entry.timeDiff}`);
    if (!Number.isSafeInteger(entry.phyOffset)) return corrupt(source, `entry ${current} has an offset beyond 2^53`);
    const time = beginTimestamp + entry.timeDiff * 1000;
    if (entry.keyHash === query.keyHash && time >= query.begin && time <= query.end) into.push(entry.phyOffset);
    const previous = entry.prevIndex;
    if (previous <= INVALID_ENTRY || time < query.begin) return null;
    if (previous >= current) return corrupt(source, `entry ${current} links forward to entry ${previous}`);
    current = previous;
  }
  return null;
}

function corrupt(source: ChainSource, what: string): RocketMQError {
  return new RocketMQError('STORE_CORRUPT', `index file ${source.name}: ${what}`);
}
