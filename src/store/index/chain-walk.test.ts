import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkChain, type ChainSource } from './chain-walk.js';
import type { IndexEntry } from './index-entry.js';

const BEGIN = 1_000_000;

/** A source over in-memory slots and entries (entry 0 unused). */
function source(slots: number[], entries: IndexEntry[], beginTimestamp = BEGIN): ChainSource & { reads: number } {
  const state = {
    name: 'mem',
    beginTimestamp,
    indexCount: entries.length,
    reads: 0,
    slotValue: (slot: number) => slots[slot] ?? 0,
    entry: (n: number) => {
      state.reads++;
      return entries[n] ?? { keyHash: 0, phyOffset: 0, timeDiff: 0, prevIndex: 0 };
    },
  };
  return state;
}

const unused: IndexEntry = { keyHash: 0, phyOffset: 0, timeDiff: 0, prevIndex: 0 };
const all = { begin: 0, end: Number.MAX_SAFE_INTEGER };

/** Slot 0 chain: 3 → 2 → 1, hashes 5, 6, 5; times 0 s, 10 s, 20 s. */
function chainOfThree() {
  return source(
    [3],
    [
      unused,
      { keyHash: 5, phyOffset: 100, timeDiff: 0, prevIndex: 0 },
      { keyHash: 6, phyOffset: 200, timeDiff: 10, prevIndex: 1 },
      { keyHash: 5, phyOffset: 300, timeDiff: 20, prevIndex: 2 },
    ],
  );
}

describe('walkChain', () => {
  it('collects the offsets of matching hashes, newest first', async () => {
    const found: number[] = [];
    expect(await walkChain(chainOfThree(), { keyHash: 5, slot: 0, maxNum: 10, ...all }, found)).toBeNull();
    expect(found).toEqual([300, 100]);
  });

  it('stops once maxNum offsets are collected', async () => {
    const found: number[] = [];
    await walkChain(chainOfThree(), { keyHash: 5, slot: 0, maxNum: 1, ...all }, found);
    expect(found).toEqual([300]);
  });

  it('keeps only entries whose time lies in the range and stops at the first older one', async () => {
    const chain = chainOfThree();
    const found: number[] = [];
    await walkChain(chain, { keyHash: 5, slot: 0, maxNum: 10, begin: BEGIN + 15_000, end: BEGIN + 30_000 }, found);
    expect(found).toEqual([300]);
    expect(chain.reads).toBe(2); // entry 2 is older than begin: entry 1 is never read
    const none: number[] = [];
    await walkChain(chainOfThree(), { keyHash: 5, slot: 0, maxNum: 10, begin: 0, end: BEGIN + 5_000 }, none);
    expect(none).toEqual([100]);
  });

  it('finds nothing in an empty slot or a file without entries', async () => {
    const found: number[] = [];
    expect(await walkChain(source([0], [unused, unused]), { keyHash: 5, slot: 0, maxNum: 10, ...all }, found)).toBeNull();
    expect(await walkChain(source([1], [unused]), { keyHash: 5, slot: 0, maxNum: 10, ...all }, found)).toBeNull();
    expect(found).toEqual([]);
  });

  it('reports a slot that points past the written entries as corrupt', async () => {
    const error = await walkChain(source([9], [unused, unused]), { keyHash: 5, slot: 0, maxNum: 10, ...all }, []);
    expect(error?.code).toBe('STORE_CORRUPT');
    expect(error?.message).toMatch(/slot 0 points to entry 9/);
  });

  it('reports a link that does not descend, keeping what it found, instead of looping', async () => {
    const found: number[] = [];
    const loop = source(
      [2],
      [unused, { keyHash: 5, phyOffset: 100, timeDiff: 0, prevIndex: 2 }, { keyHash: 5, phyOffset: 200, timeDiff: 0, prevIndex: 1 }],
    );
    const error = await walkChain(loop, { keyHash: 5, slot: 0, maxNum: 10, ...all }, found);
    expect(error?.code).toBe('STORE_CORRUPT');
    expect(found).toEqual([200, 100]);
  });

  it('reports a negative time difference as corrupt', async () => {
    const error = await walkChain(source([1], [unused, { keyHash: 5, phyOffset: 1, timeDiff: -1, prevIndex: 0 }]), { keyHash: 5, slot: 0, maxNum: 10, ...all }, []);
    expect(error?.code).toBe('STORE_CORRUPT');
  });

  it('ends on any bytes within as many steps as the head entry’s number, never throwing', async () => {
    const entryArb = fc.record({
      keyHash: fc.integer({ min: 0, max: 3 }),
      phyOffset: fc.nat(),
      timeDiff: fc.integer({ min: -2, max: 100 }),
      prevIndex: fc.integer({ min: -3, max: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entryArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: -5, max: 40 }), async (entries, head) => {
        const chain = source([head], entries);
        const found: number[] = [];
        const result = await walkChain(chain, { keyHash: 1, slot: 0, maxNum: 1000, ...all }, found);
        expect(result === null || result.code === 'STORE_CORRUPT').toBe(true);
        expect(chain.reads).toBeLessThanOrEqual(Math.max(0, head));
      }),
    );
  });
});
