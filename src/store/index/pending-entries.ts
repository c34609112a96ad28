/**
 * Index entries of the writable file that are not (known to be) on disk yet, in the exact
 * 20-byte layout they take in the file, kept in fixed-size chunks so that a flush hands
 * whole runs of them to one positioned write without copying.
 *
 * Invariants: entries are appended with consecutive numbers; the chunks hold exactly the
 * entries first..first+count−1; `release(upTo)` drops only whole chunks below `upTo`, so
 * an entry leaves memory only after the flush that wrote it has finished.
 */
import { INDEX_ENTRY_SIZE } from './index-layout.js';
import { readIndexEntry, writeIndexEntry, type IndexEntry } from './index-entry.js';

interface Chunk {
  readonly first: number;
  readonly bytes: Buffer;
  used: number;
}

export class PendingEntries {
  private readonly chunks: Chunk[] = [];
  private nextNumber: number;

  /** `firstNumber`: the number the next appended entry gets. */
  constructor(
    firstNumber: number,
    private readonly chunkEntries = 16_384,
  ) {
    this.nextNumber = firstNumber;
  }

  /** Number of the entry the next `append` stores. */
  get next(): number {
    return this.nextNumber;
  }

  /** Entries held in memory. */
  get size(): number {
    const first = this.chunks[0];
    return first === undefined ? 0 : this.nextNumber - first.first;
  }

  append(entry: Readonly<IndexEntry>): number {
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || chunk.used === this.chunkEntries) {
      chunk = { first: this.nextNumber, bytes: Buffer.alloc(this.chunkEntries * INDEX_ENTRY_SIZE), used: 0 };
      this.chunks.push(chunk);
    }
    writeIndexEntry(chunk.bytes, chunk.used * INDEX_ENTRY_SIZE, entry);
    chunk.used++;
    return this.nextNumber++;
  }

  has(entryNumber: number): boolean {
    const first = this.chunks[0];
    return first !== undefined && entryNumber >= first.first && entryNumber < this.nextNumber;
  }

  /** The entry `entryNumber`, which must be held (`has`). */
  get(entryNumber: number): IndexEntry {
    const { chunk, index } = this.locate(entryNumber);
    return readIndexEntry(chunk.bytes, index * INDEX_ENTRY_SIZE);
  }

  /** The bytes of entries from..to−1 (all held), as views in file order. */
  slices(from: number, to: number): Buffer[] {
    const views: Buffer[] = [];
    for (const chunk of this.chunks) {
      const start = Math.max(from, chunk.first);
      const end = Math.min(to, chunk.first + chunk.used);
      if (start < end) {
        views.push(chunk.bytes.subarray((start - chunk.first) * INDEX_ENTRY_SIZE, (end - chunk.first) * INDEX_ENTRY_SIZE));
      }
    }
    return views;
  }

  /** Forgets the full chunks whose entries all lie below `upTo` (they are on disk). */
  release(upTo: number): void {
    while (this.chunks.length > 0) {
      const chunk = this.chunks[0] as Chunk;
      if (chunk.used < this.chunkEntries || chunk.first + chunk.used > upTo) break;
      this.chunks.shift();
    }
  }

  private locate(entryNumber: number): { chunk: Chunk; index: number } {
    const first = this.chunks[0];
    if (first === undefined || !this.has(entryNumber)) throw new RangeError(`entry ${entryNumber} is not pending`);
    const offset = entryNumber - first.first;
    const chunk = this.chunks[Math.floor(offset / this.chunkEntries)] as Chunk;
    return { chunk, index: offset % this.chunkEntries };
  }
}
