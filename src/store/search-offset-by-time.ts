/**
 * SEARCH_OFFSET_BY_TIMESTAMP as RocketMQ 4.9 answers it, over any queue: a binary search
 * on store times in [min, max). An exact match gives its offset (the first of equal
 * times); otherwise the nearer of the two neighbours (the earlier on a tie); before the
 * first message the min offset; after the last the last message's offset; an empty queue 0.
 */
export async function searchOffsetByTime(
  minOffset: number,
  maxOffset: number,
  timestamp: number,
  storeTimeAt: (queueOffset: number) => Promise<number | null>,
): Promise<number> {
  if (maxOffset <= minOffset) return 0;
  let low = minOffset;
  let high = maxOffset - 1;
  const firstTime = await storeTimeAt(low);
  if (firstTime === null || timestamp <= firstTime) return minOffset;
  const lastTime = await storeTimeAt(high);
  if (lastTime === null || timestamp >= lastTime) {
    return lastTime !== null && timestamp === lastTime ? firstOfEqual(low, high, timestamp, storeTimeAt) : high;
  }
  // Invariant: time(low) < timestamp < time(high).
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const time = await storeTimeAt(middle);
    if (time === null) return middle;
    if (time === timestamp) return firstOfEqual(low, middle, timestamp, storeTimeAt);
    if (time < timestamp) low = middle;
    else high = middle;
  }
  const before = (await storeTimeAt(low)) ?? timestamp;
  const after = (await storeTimeAt(high)) ?? timestamp;
  return timestamp - before <= after - timestamp ? low : high;
}

/** The first offset in (low, high] whose time equals `timestamp`, given time(high) = timestamp and time(low) < timestamp. */
async function firstOfEqual(
  low: number,
  high: number,
  timestamp: number,
  storeTimeAt: (queueOffset: number) => Promise<number | null>,
): Promise<number> {
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const time = await storeTimeAt(middle);
    if (time !== null && time >= timestamp) high = middle;
    else low = middle;
  }
  return (await storeTimeAt(low)) === timestamp ? low : high;
}
