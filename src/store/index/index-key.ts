/**
 * How a message key becomes a place in an index file.
 *
 *   index key   `<topic>#<key>`, one per space-separated KEYS token and one for UNIQ_KEY
 *   key hash    |String.hashCode(index key)|, with Integer.MIN_VALUE (whose absolute value
 *               does not fit an int32) mapped to 0; always in 0..2^31−1. This value, not the
 *               raw hash, is what an entry stores and what a query compares.
 *   slot        key hash mod hashSlotNum
 *   time diff   whole seconds from the file's begin timestamp to the store time, truncated
 *               toward zero, clamped to 0..2^31−1; 0 while the file has no begin timestamp
 */
import { javaStringHash } from '../../protocol/message/tag-hash.js';

const INT32_MAX = 0x7fffffff;

export function indexKey(topic: string, key: string): string {
  return `${topic}#${key}`;
}

/** The non-negative hash an index entry stores for `key` (an index key, `topic#key`). */
export function indexKeyHash(key: string): number {
  const hash = javaStringHash(key);
  return hash === -0x80000000 ? 0 : Math.abs(hash);
}

export function slotOf(keyHash: number, hashSlotNum: number): number {
  return keyHash % hashSlotNum;
}

/** Seconds from `beginTimestamp` to `storeTimestamp` as an entry stores them. */
export function timeDiffSeconds(storeTimestamp: number, beginTimestamp: number): number {
  if (beginTimestamp <= 0) return 0;
  const seconds = Math.trunc((storeTimestamp - beginTimestamp) / 1000);
  if (seconds < 0) return 0;
  return Math.min(seconds, INT32_MAX);
}

/** The KEYS tokens that get an index entry: split on single spaces, empty tokens dropped. */
export function keyTokens(keys: string): string[] {
  return keys.length === 0 ? [] : keys.split(' ').filter((token) => token.length > 0);
}
