/**
 * SEARCH_OFFSET_BY_TIMESTAMP with RocketMQ 4.9 semantics, over the logical offsets
 * [min, max) of one queue: a binary search on the messages' store times.
 *
 * - an exact match → the offset the search lands on (like Java, not necessarily the first
 *   of several messages stored in the same millisecond);
 * - otherwise the closer of the two neighbours, the earlier one on a tie;
 * - before the first message → the first readable offset; after the last → the last
 *   message's offset (not max); an empty queue → its min offset (0 for a new queue).
 *
 * A unit whose message cannot be read any more (`storeTimeOf` gives null: the commit log
 * already deleted it) or a blank unit counts as older than any time, as Java does for units
 * below the commit log's min offset. When no message can be read the answer is max.
 */
import type { ConsumeQueueUnit } from './cq-unit.js';
import { isBlankUnit } from './cq-unit.js';

export type StoreTimeOf = (commitLogOffset: number, size: number) => Promise<number | null>;

interface Neighbour {
  offset: number;
  time: number;
}

export async function searchOffsetByTime(
  min: number,
  max: number,
  timestamp: number,
  unitAt: (offset: number) => Promise<ConsumeQueueUnit | null>,
  storeTimeOf: StoreTimeOf,
): Promise<number> {
  if (max <= min) return min;
  let low = min;
  let high = max - 1;
  let left: Neighbour | null = null;
  let right: Neighbour | null = null;
  while (high >= low) {
    const mid = Math.floor((low + high) / 2);
    const unit = await unitAt(mid);
    const time = unit === null || isBlankUnit(unit) ? null : await storeTimeOf(unit.commitLogOffset, unit.size);
    if (time === timestamp) return mid;
    if (time !== null && time > timestamp) {
      right = { offset: mid, time };
      high = mid - 1;
    } else {
      if (time !== null) left = { offset: mid, time };
      low = mid + 1;
    }
  }
  return closer(timestamp, left, right) ?? max;
}

function closer(timestamp: number, left: Neighbour | null, right: Neighbour | null): number | null {
  if (left === null) return right?.offset ?? null;
  if (right === null) return left.offset;
  return Math.abs(timestamp - left.time) > Math.abs(timestamp - right.time) ? right.offset : left.offset;
}
