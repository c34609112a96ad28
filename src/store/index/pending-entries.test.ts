import { describe, expect, it } from 'vitest';
import { readIndexEntry } from './index-entry.js';
import { PendingEntries } from './pending-entries.js';

function entry(n: number) {
  return { keyHash: n * 3, phyOffset: n * 1000, timeDiff: n, prevIndex: n - 1 };
}

function filled(first: number, count: number, chunkEntries: number): PendingEntries {
  const pending = new PendingEntries(first, chunkEntries);
  for (let n = first; n < first + count; n++) expect(pending.append(entry(n))).toBe(n);
  return pending;
}

describe('PendingEntries', () => {
  it('numbers entries consecutively from the first number it was given', () => {
    const pending = filled(7, 10, 4);
    expect(pending.next).toBe(17);
    expect(pending.size).toBe(10);
    expect(pending.has(6)).toBe(false);
    expect(pending.has(7)).toBe(true);
    expect(pending.has(16)).toBe(true);
    expect(pending.has(17)).toBe(false);
  });

  it('returns each entry as it was appended, across chunks', () => {
    const pending = filled(1, 11, 4);
    for (let n = 1; n <= 11; n++) expect(pending.get(n)).toEqual(entry(n));
    expect(() => pending.get(12)).toThrow(RangeError);
  });

  it('gives the 20-byte file images of a range as views in order', () => {
    const pending = filled(1, 11, 4);
    const views = pending.slices(3, 10);
    expect(views.map((v) => v.length)).toEqual([2 * 20, 4 * 20, 1 * 20]);
    const joined = Buffer.concat(views);
    for (let n = 3; n < 10; n++) expect(readIndexEntry(joined, (n - 3) * 20)).toEqual(entry(n));
  });

  it('releases only whole chunks that lie below the written mark', () => {
    const pending = filled(1, 11, 4); // chunks 1-4, 5-8, 9-11
    pending.release(6);
    expect(pending.has(1)).toBe(false);
    expect(pending.has(5)).toBe(true);
    pending.release(12);
    expect(pending.has(8)).toBe(false);
    expect(pending.has(9)).toBe(true); // the last chunk is not full: kept for appends
    expect(pending.size).toBe(3);
    pending.append(entry(12));
    expect(pending.get(12)).toEqual(entry(12));
  });
});
