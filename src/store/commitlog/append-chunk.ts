/**
 * AppendChunk: a region of memory that mirrors one contiguous range of the commit log,
 * inside one segment file. Records are encoded into the newest chunk; the committer
 * writes each chunk's [committed, written) bytes to the segment file in large writes; a
 * chunk that is fully written stays as the read cache of recent bytes until its memory is
 * reused for a new chunk. Invariants: fileOffset + written never passes the segment's
 * end; committed ≤ written; a record never straddles two chunks.
 */
export interface AppendChunk {
  /** Commit-log offset of byte 0 of the chunk. */
  readonly fileOffset: number;
  /** Start offset of the segment file the chunk belongs to. */
  readonly segmentStart: number;
  readonly buffer: Buffer;
  /** Bytes the chunk may hold: its buffer, or less at the end of a segment. */
  readonly capacity: number;
  /** Bytes encoded so far. */
  written: number;
  /** Bytes handed to the file so far. */
  committed: number;
}

export function chunkEnd(chunk: AppendChunk): number {
  return chunk.fileOffset + chunk.written;
}

export function chunkRoom(chunk: AppendChunk): number {
  return chunk.capacity - chunk.written;
}

/** True when [offset, offset + length) lies inside what the chunk has encoded. */
export function chunkHolds(chunk: AppendChunk, offset: number, length: number): boolean {
  return offset >= chunk.fileOffset && offset + length <= chunk.fileOffset + chunk.written;
}
