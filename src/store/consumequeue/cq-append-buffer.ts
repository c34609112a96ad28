/**
 * The in-memory tail of a consume queue: units appended but not yet written to their file,
 * in the on-disk encoding, so that writing them out is one positioned write per file.
 *
 * Invariants: the buffered units are the logical offsets [start, start + count), contiguous
 * with what is already in the files; count never exceeds capacityUnits (the owner writes the
 * buffer out before appending to a full one), so the memory of one queue is bounded by
 * capacityUnits * 20 bytes whatever the backlog. The memory grows by doubling up to that
 * bound and is given back by `release()` when the buffer is empty.
 */
import { CQ_STORE_UNIT_SIZE, encodeUnit } from './cq-unit.js';

const INITIAL_BYTES = 64 * CQ_STORE_UNIT_SIZE;

export class AppendBuffer {
  private bytes: Buffer | null = null;
  private used = 0;
  /** Logical offset of the first buffered unit. */
  private first = 0;

  constructor(readonly capacityUnits: number) {}

  get start(): number {
    return this.first;
  }

  get count(): number {
    return this.used / CQ_STORE_UNIT_SIZE;
  }

  /** Logical offset just after the last buffered unit. */
  get end(): number {
    return this.first + this.count;
  }

  get room(): number {
    return this.capacityUnits - this.count;
  }

  /** Appends one unit; the caller has checked `room > 0`. */
  push(commitLogOffset: number, size: number, tagsCode: number): void {
    const bytes = this.reserve(CQ_STORE_UNIT_SIZE);
    encodeUnit(bytes, this.used, commitLogOffset, size, tagsCode);
    this.used += CQ_STORE_UNIT_SIZE;
  }

  /** Appends whole encoded units (at most `room`). */
  pushEncoded(units: Buffer): void {
    const bytes = this.reserve(units.length);
    units.copy(bytes, this.used);
    this.used += units.length;
  }

  /** A copy of the buffered units [from, from + count) (logical offsets inside the buffer). */
  copy(from: number, count: number): Buffer {
    const at = (from - this.first) * CQ_STORE_UNIT_SIZE;
    return Buffer.from(this.contents().subarray(at, at + count * CQ_STORE_UNIT_SIZE));
  }

  /** The buffered bytes (a view: valid until the next change). */
  contents(): Buffer {
    return this.bytes === null ? Buffer.alloc(0) : this.bytes.subarray(0, this.used);
  }

  /** Drops the buffered units: the buffer now starts empty at logical offset `start`. */
  reset(start: number): void {
    this.used = 0;
    this.first = start;
  }

  /** Gives the memory back while the buffer is empty. */
  release(): void {
    if (this.used === 0) this.bytes = null;
  }

  private reserve(extra: number): Buffer {
    const needed = this.used + extra;
    const limit = this.capacityUnits * CQ_STORE_UNIT_SIZE;
    if (needed > limit) throw new RangeError(`append buffer overflow: ${needed} > ${limit} bytes`);
    if (this.bytes !== null && this.bytes.length >= needed) return this.bytes;
    let size = Math.max(this.bytes?.length ?? 0, INITIAL_BYTES);
    while (size < needed) size *= 2;
    const grown = Buffer.alloc(Math.min(size, limit));
    if (this.bytes !== null) this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
    return grown;
  }
}
