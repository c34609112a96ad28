import { describe, expect, it } from 'vitest';
import { searchOffsetByTime } from './cq-search-by-time.js';
import { BLANK_UNIT_SIZE, type ConsumeQueueUnit } from './cq-unit.js';

/** A queue whose unit i points at commit-log offset i and whose message i was stored at times[i]. */
function search(times: Array<number | null>, timestamp: number, min = 0, blanks: number[] = []): Promise<number> {
  const unitAt = async (offset: number): Promise<ConsumeQueueUnit | null> =>
    blanks.includes(offset)
      ? { commitLogOffset: 0, size: BLANK_UNIT_SIZE, tagsCode: 0, queueOffset: offset }
      : { commitLogOffset: offset, size: 1, tagsCode: 0, queueOffset: offset };
  return searchOffsetByTime(min, times.length, timestamp, unitAt, async (offset) => times[offset] ?? null);
}

describe('search offset by time (RocketMQ 4.9)', () => {
  const times = [100, 200, 300, 400, 500];

  it('answers the offset of a message stored at exactly that time', async () => {
    for (const [i, time] of times.entries()) expect(await search(times, time)).toBe(i);
  });

  it('otherwise answers the closer neighbour, the earlier one on a tie', async () => {
    expect(await search(times, 240)).toBe(1);
    expect(await search(times, 260)).toBe(2);
    expect(await search(times, 250)).toBe(1);
  });

  it('answers the min offset before the first message and the last message’s offset (not max) after the last', async () => {
    expect(await search(times, 5)).toBe(0);
    expect(await search(times, 9_999)).toBe(4);
    expect(await search([null, null, 300, 400], 5, 2)).toBe(2);
  });

  it('answers the min offset (0 for a new queue) for an empty queue', async () => {
    expect(await search([], 5)).toBe(0);
    expect(await searchOffsetByTime(7, 7, 5, async () => null, async () => 1)).toBe(7);
  });

  it('treats messages the commit log no longer holds, and blank units, as older than any time', async () => {
    expect(await search([null, null, 300, 400, 500], 100)).toBe(2);
    expect(await search([100, 200, 300, 400, 500], 50, 0, [0, 1])).toBe(2);
    expect(await search([null, null, null], 100)).toBe(3);
  });

  it('lands on one of several messages stored in the same millisecond', async () => {
    const same = [100, 200, 200, 200, 300];
    expect(same[await search(same, 200)]).toBe(200);
  });
});
