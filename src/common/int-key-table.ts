/**
 * IntKeyTable: a table from int32 keys to values for tables that churn — an entry put and
 * taken out for every request, such as a connection's requests awaiting an answer (keyed
 * by opaque) or being served.
 *
 * Why not a Map: V8 appends every `set` to a Map's backing table and leaves a hole at each
 * `delete`, so a long-lived Map that churns is copied to a new table every few operations;
 * the old table, already in the old generation, still points at the values it held, which
 * keeps them alive through young-generation collections until the next full one. Under
 * load that promoted about 150 bytes per request into the old generation. This table
 * writes into the same arrays until it has to grow, and clears a slot as it empties it.
 *
 * Layout: open addressing with linear probing over `keys` (Int32Array), `values` and
 * `used` (Uint8Array), capacity a power of two; a key's home slot is `key & mask`, so
 * consecutive keys (opaques, sequence numbers) take consecutive slots without collisions.
 * Deletion shifts the following run back (no tombstones).
 *
 * Invariants: every stored key is reachable from its home slot without crossing an empty
 * slot; size ≤ capacity / 2 (the table doubles before exceeding it).
 */
const MIN_CAPACITY = 16;

export class IntKeyTable<V> {
  private keys: Int32Array;
  private values: (V | undefined)[];
  private used: Uint8Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = MIN_CAPACITY) {
    const capacity = powerOfTwoAtLeast(Math.max(MIN_CAPACITY, initialCapacity));
    this.keys = new Int32Array(capacity);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  get(key: number): V | undefined {
    const slot = this.find(key);
    return slot < 0 ? undefined : this.values[slot];
  }

  has(key: number): boolean {
    return this.find(key) >= 0;
  }

  /** Puts or replaces the value of `key` (an int32). */
  set(key: number, value: V): void {
    const found = this.find(key);
    if (found >= 0) {
      this.values[found] = value;
      return;
    }
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    let slot = key & this.mask;
    while (this.used[slot] === 1) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.values[slot] = value;
    this.used[slot] = 1;
    this.count++;
  }

  /** Takes `key` out; answers its value, or undefined when it was not there. */
  delete(key: number): V | undefined {
    let hole = this.find(key);
    if (hole < 0) return undefined;
    const value = this.values[hole];
    this.count--;
    // Shift back every entry of the run after the hole that may not stay where it is.
    for (let next = (hole + 1) & this.mask; this.used[next] === 1; next = (next + 1) & this.mask) {
      const home = (this.keys[next] as number) & this.mask;
      const distanceToNext = (next - home) & this.mask;
      const distanceToHole = (hole - home) & this.mask;
      if (distanceToHole > distanceToNext) continue; // its home lies after the hole: it stays
      this.keys[hole] = this.keys[next] as number;
      this.values[hole] = this.values[next];
      hole = next;
    }
    this.used[hole] = 0;
    this.values[hole] = undefined;
    return value;
  }

  /** The entries now, as [key, value] pairs (a copy: the table may change meanwhile). */
  entries(): [number, V][] {
    const entries: [number, V][] = [];
    for (let slot = 0; slot < this.keys.length; slot++) {
      if (this.used[slot] === 1) entries.push([this.keys[slot] as number, this.values[slot] as V]);
    }
    return entries;
  }

  clear(): void {
    this.used.fill(0);
    this.values.fill(undefined);
    this.count = 0;
  }

  private find(key: number): number {
    for (let slot = key & this.mask; this.used[slot] === 1; slot = (slot + 1) & this.mask) {
      if (this.keys[slot] === key) return slot;
    }
    return -1;
  }

  private grow(): void {
    const entries = this.entries();
    const capacity = this.keys.length * 2;
    this.keys = new Int32Array(capacity);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (const [key, value] of entries) this.set(key, value);
  }
}

function powerOfTwoAtLeast(n: number): number {
  let power = 1;
  while (power < n) power *= 2;
  return power;
}
