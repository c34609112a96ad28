/**
 * CommitLog: every message of every topic in one append-only log, kept in fixed-size
 * segment files `commitlog/<20-digit start offset>` (mappedFileSizeCommitLog each, created
 * at full size like RocketMQ's mapped files). A commit-log offset is a byte position in
 * the log; a record's offset is its physical offset.
 *
 * Layout inside a segment: records (message-record.ts) back to back; a record never
 * straddles two segments: when the next record (plus 8 bytes) does not fit, an end-of-file
 * blank — int32 size = bytes left in the segment, int32 magic 0xCBD43194 — fills the tail
 * and the record goes to the next segment. Bytes after the last record are zero.
 *
 * Write path (the role of RocketMQ's transientStorePoolEnable): records are encoded into
 * in-memory append chunks; a committer hands each chunk's new bytes to the segment file in
 * one positioned write as soon as the event loop is free, so one write carries every
 * record appended meanwhile (up to 64 KiB written on the event loop itself, larger ones in
 * the thread pool). Flushing (fdatasync) is separate: `flushUpTo` for SYNC_FLUSH
 * group commit, `flushIfDirty` for ASYNC_FLUSH's timer. Chunks are bounded in number: a
 * fully committed chunk stays as the cache of recent bytes until its memory is reused,
 * and when every chunk still holds uncommitted bytes, appends wait (push back).
 *
 * Offsets: writePosition ≥ committedPosition ≥ flushedPosition. Everything below
 * committedPosition is in the files; readers may read anything below writePosition.
 */
import { mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { RocketMQError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import { BLANK_MAGIC_CODE } from '../../protocol/message/message-record.js';
import type { FileHandleCache } from '../file-handle-cache.js';
import { writeRangeFully, writeRangeNow } from '../positioned-io.js';
import { segmentName, segmentStartOffset } from '../segment-name.js';
import { chunkEnd, chunkHolds, chunkRoom, type AppendChunk } from './append-chunk.js';

/** RocketMQ's END_FILE_MIN_BLANK_LENGTH: room always left for the end-of-file blank. */
export const END_FILE_MIN_BLANK_LENGTH = 8;
const PAGE_BYTES = 4096;
const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Commits up to this size are written on the event loop: at a few thousand messages a
 * second each commit is a few KiB, and a thread-pool write per commit woke a worker about
 * a thousand times a second, each preempting the event loop on a machine of two cores.
 */
const WRITE_ON_EVENT_LOOP_BELOW_BYTES = 64 * 1024;

export interface CommitLogOptions {
  dir: string;
  segmentBytes: number;
  /** Largest record the log must accept. */
  maxRecordBytes: number;
  /** Memory for append chunks (write buffer and cache of recent bytes). */
  cacheBytes: number;
  handles: FileHandleCache;
  logger: Logger;
}

/** A span of the log reserved for records: encode them with `write`, then `seal`. */
export interface Reservation {
  /** Commit-log offset of the first reserved byte. */
  readonly offset: number;
  readonly buffer: Buffer;
  /** Position in `buffer` of the first reserved byte. */
  readonly bufferOffset: number;
}

interface Segment {
  readonly start: number;
  readonly path: string;
}

export class CommitLog {
  private readonly options: CommitLogOptions;
  private readonly chunkBytes: number;
  private readonly maxChunks: number;
  private segments: Segment[] = [];
  private chunks: AppendChunk[] = [];
  /** Reused by viewNow for bytes read from the files. */
  private scratch: Buffer = Buffer.alloc(0);
  private readonly freeBuffers: Buffer[] = [];
  private readonly writeHandles = new Map<number, Promise<FileHandle>>();
  private position = 0;
  private flushed = 0;
  private minOffsetValue = 0;
  private committing: Promise<void> | null = null;
  private flushing: Promise<number> | null = null;
  private commitFailure: Error | null = null;
  private readonly chunkWaiters: (() => void)[] = [];

  constructor(options: CommitLogOptions) {
    this.options = options;
    this.chunkBytes = Math.min(options.segmentBytes, Math.max(DEFAULT_CHUNK_BYTES, options.maxRecordBytes + 64 * 1024));
    this.maxChunks = Math.max(3, Math.ceil(options.cacheBytes / this.chunkBytes));
  }

  /** Next commit-log offset to be written (RocketMQ `getMaxOffset`). */
  get writePosition(): number {
    return this.position;
  }

  /** Offset below which every byte has been handed to the files. */
  get committedPosition(): number {
    for (const chunk of this.chunks) {
      if (chunk.committed < chunk.written) return chunk.fileOffset + chunk.committed;
    }
    return this.position;
  }

  get flushedPosition(): number {
    return this.flushed;
  }

  /** Offset of the first byte still in the log (start of the oldest segment). */
  get minOffset(): number {
    return this.minOffsetValue;
  }

  get segmentBytes(): number {
    return this.options.segmentBytes;
  }

  /** The last failure of the committer (disk full, I/O error), cleared when a commit succeeds. */
  get failure(): Error | null {
    return this.commitFailure;
  }

  // --- opening -------------------------------------------------------------------------

  /**
   * Lists the segment files; the caller then sets the end of the log with `setEnd`. A
   * newest segment of 0 bytes was being created when the process died (a segment is given
   * its full size before anything is written to it): it holds nothing and is removed.
   */
  async load(): Promise<readonly Segment[]> {
    await mkdir(this.options.dir, { recursive: true });
    const found: (Segment & { size: number })[] = [];
    for (const name of await readdir(this.options.dir)) {
      const start = segmentStartOffset(name);
      if (start === null) continue;
      const path = join(this.options.dir, name);
      found.push({ start, path, size: (await stat(path)).size });
    }
    found.sort((a, b) => a.start - b.start);
    const newest = found[found.length - 1];
    if (newest !== undefined && newest.size === 0) {
      this.options.logger.warn({ path: newest.path }, 'commit log file left empty by an interrupted creation: removed');
      await unlink(newest.path);
      found.pop();
    }
    for (const segment of found) this.checkSegment(segment.path, segment.start, segment.size);
    this.segments = found.map(({ start, path }) => ({ start, path }));
    this.minOffsetValue = this.segments[0]?.start ?? 0;
    return this.segments;
  }

  private checkSegment(path: string, start: number, size: number): void {
    if (size !== this.options.segmentBytes) {
      throw new RocketMQError(
        'STORE_CORRUPT',
        `commit log file ${path} has ${size} bytes but mappedFileSizeCommitLog is ${this.options.segmentBytes}; ` +
          'start with the setting the store was written with',
      );
    }
    if (start % this.options.segmentBytes !== 0) {
      throw new RocketMQError('STORE_CORRUPT', `commit log file ${path} does not start at a multiple of ${this.options.segmentBytes}`);
    }
  }

  get segmentList(): readonly Segment[] {
    return this.segments;
  }

  /**
   * Sets the end of the log after recovery: later segments are deleted and the bytes after
   * `end` in its segment are zeroed, so no stale record can reappear after a later crash.
   */
  async setEnd(end: number): Promise<void> {
    const keep: Segment[] = [];
    for (const segment of this.segments) {
      if (segment.start > end || (segment.start === end && end > 0 && segment !== this.segments[0])) {
        this.options.handles.forget(segment.path);
        await unlink(segment.path);
      } else {
        keep.push(segment);
      }
    }
    this.segments = keep;
    const last = keep[keep.length - 1];
    if (last && end < last.start + this.options.segmentBytes) {
      await this.zeroFrom(last, end - last.start);
    }
    if (keep.length === 0) this.minOffsetValue = end - (end % this.options.segmentBytes);
    this.position = end;
    this.flushed = end;
  }

  private async zeroFrom(segment: Segment, position: number): Promise<void> {
    this.options.handles.forget(segment.path);
    const handle = await open(segment.path, 'r+');
    try {
      await handle.truncate(position);
      await handle.truncate(this.options.segmentBytes);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  // --- appending -----------------------------------------------------------------------

  /**
   * Reserves `length` contiguous bytes for records that must share one segment, rolling
   * to the next segment when they do not fit in this one. Returns null when no chunk is
   * free (wait with `whenChunkFree`), and throws when the records could never fit.
   */
  reserve(length: number): Reservation | null {
    if (length + END_FILE_MIN_BLANK_LENGTH > this.options.segmentBytes) {
      throw new RocketMQError('STORE_CORRUPT', `${length} bytes do not fit in a commit log file of ${this.options.segmentBytes} bytes`);
    }
    const segmentStart = this.position - (this.position % this.options.segmentBytes);
    const roomInSegment = segmentStart + this.options.segmentBytes - this.position;
    if (length + END_FILE_MIN_BLANK_LENGTH > roomInSegment) {
      if (!this.writeEndOfFile(roomInSegment)) return null;
      return this.reserve(length);
    }
    const chunk = this.chunkWithRoom(length);
    if (!chunk) return null;
    const reservation: Reservation = { offset: this.position, buffer: chunk.buffer, bufferOffset: chunk.written };
    chunk.written += length;
    this.position += length;
    this.scheduleCommit();
    return reservation;
  }

  /** Resolves when a chunk may have become free (after a commit). */
  whenChunkFree(): Promise<void> {
    return new Promise((resolve) => this.chunkWaiters.push(resolve));
  }

  private writeEndOfFile(roomInSegment: number): boolean {
    const chunk = this.chunkWithRoom(END_FILE_MIN_BLANK_LENGTH);
    if (!chunk) return false;
    chunk.buffer.writeInt32BE(roomInSegment, chunk.written);
    chunk.buffer.writeUInt32BE(BLANK_MAGIC_CODE, chunk.written + 4);
    chunk.written += END_FILE_MIN_BLANK_LENGTH;
    this.position += roomInSegment;
    this.scheduleCommit();
    return true;
  }

  /** The newest chunk if it continues at the write position with enough room, else a new one. */
  private chunkWithRoom(length: number): AppendChunk | null {
    const last = this.chunks[this.chunks.length - 1];
    if (last && chunkEnd(last) === this.position && chunkRoom(last) >= length) return last;
    const buffer = this.takeBuffer();
    if (!buffer) return null;
    const segmentStart = this.position - (this.position % this.options.segmentBytes);
    const capacity = Math.min(buffer.length, segmentStart + this.options.segmentBytes - this.position);
    const chunk: AppendChunk = { fileOffset: this.position, segmentStart, buffer, capacity, written: 0, committed: 0 };
    this.chunks.push(chunk);
    return chunk;
  }

  private takeBuffer(): Buffer | null {
    const free = this.freeBuffers.pop();
    if (free) return free;
    if (this.chunks.length < this.maxChunks) return Buffer.allocUnsafeSlow(this.chunkBytes);
    const oldest = this.chunks[0];
    if (oldest && oldest.committed === oldest.written && this.chunks.length > 1) {
      this.chunks.shift();
      return oldest.buffer;
    }
    return null;
  }

  // --- committing and flushing ---------------------------------------------------------

  private scheduleCommit(): void {
    if (this.committing) return;
    this.committing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.commitLoop());
  }

  /** Resolves when every byte below `offset` has been handed to the files. */
  async commitUpTo(offset: number): Promise<void> {
    while (this.committedPosition < offset) {
      if (this.committing) await this.committing;
      else this.scheduleCommit();
      if (this.commitFailure && this.committedPosition < offset) throw this.commitFailure;
    }
  }

  private async commitLoop(): Promise<void> {
    try {
      for (;;) {
        const chunk = this.chunks.find((candidate) => candidate.committed < candidate.written);
        if (!chunk) break;
        const upTo = chunk.written;
        const handle = await this.writeHandle(chunk.segmentStart);
        const filePosition = chunk.fileOffset - chunk.segmentStart + chunk.committed;
        const length = upTo - chunk.committed;
        if (length <= WRITE_ON_EVENT_LOOP_BELOW_BYTES) writeRangeNow(handle, chunk.buffer, chunk.committed, length, filePosition);
        else await writeRangeFully(handle, chunk.buffer, chunk.committed, length, filePosition);
        chunk.committed = upTo;
        this.commitFailure = null;
        this.releaseChunkWaiters();
      }
    } catch (error) {
      this.commitFailure = new RocketMQError('STORE_IO', `commit log write failed: ${(error as Error).message}`, { cause: error });
      this.options.logger.error({ err: this.commitFailure.message }, 'commit log write failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, 100));
      this.committing = null;
      this.releaseChunkWaiters();
      if (this.commitFailure) this.scheduleCommit();
      return;
    }
    this.committing = null;
    if (this.chunks.some((chunk) => chunk.committed < chunk.written)) this.scheduleCommit();
  }

  private releaseChunkWaiters(): void {
    for (const waiter of this.chunkWaiters.splice(0)) waiter();
  }

  private writeHandle(segmentStart: number): Promise<FileHandle> {
    let handle = this.writeHandles.get(segmentStart);
    if (!handle) {
      handle = this.openSegmentForWrite(segmentStart);
      this.writeHandles.set(segmentStart, handle);
      handle.catch(() => this.writeHandles.delete(segmentStart));
    }
    return handle;
  }

  private async openSegmentForWrite(segmentStart: number): Promise<FileHandle> {
    const path = join(this.options.dir, segmentName(segmentStart));
    // Positioned writes need r+ (with O_APPEND Linux would ignore the position); w+ creates.
    const handle = await open(path, 'r+').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return open(path, 'w+');
      throw error;
    });
    if ((await handle.stat()).size !== this.options.segmentBytes) await handle.truncate(this.options.segmentBytes);
    if (!this.segments.some((segment) => segment.start === segmentStart)) {
      this.segments.push({ start: segmentStart, path });
      this.segments.sort((a, b) => a.start - b.start);
    }
    return handle;
  }

  /** fdatasyncs every segment written since the last flush, up to what is committed. */
  async flushUpTo(offset: number): Promise<number> {
    while (this.flushing) await this.flushing;
    if (offset <= this.flushed) return this.flushed;
    const flushing = this.flushOnce(offset);
    this.flushing = flushing;
    try {
      return await flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async flushOnce(offset: number): Promise<number> {
    await this.commitUpTo(offset);
    const target = this.committedPosition;
    if (target <= this.flushed) return this.flushed;
    const from = this.flushed - (this.flushed % this.options.segmentBytes);
    for (const [segmentStart, handle] of [...this.writeHandles]) {
      if (segmentStart + this.options.segmentBytes <= from || segmentStart >= target) continue;
      await (await handle).datasync();
      if (segmentStart + this.options.segmentBytes <= target) {
        this.writeHandles.delete(segmentStart);
        await (await handle).close();
      }
    }
    this.flushed = Math.max(this.flushed, target);
    return this.flushed;
  }

  /** ASYNC_FLUSH's timed flush: only when at least `leastPages` pages are dirty (0 = always). */
  async flushIfDirty(leastPages: number): Promise<boolean> {
    const dirty = this.position - this.flushed;
    if (dirty <= 0 || dirty < leastPages * PAGE_BYTES) return false;
    await this.flushUpTo(this.position);
    return true;
  }

  // --- reading -------------------------------------------------------------------------

  /** Reads [offset, offset + length) of the log: from memory when a chunk still holds it. */
  async read(offset: number, length: number): Promise<Buffer> {
    if (offset < this.minOffsetValue || offset + length > this.position) {
      throw new RocketMQError('STORE_IO', `commit log range ${offset}+${length} is outside [${this.minOffsetValue}, ${this.position})`);
    }
    const cached = this.readCached(offset, length);
    if (cached) return cached;
    const segmentStart = offset - (offset % this.options.segmentBytes);
    const bytes = await this.options.handles.read(join(this.options.dir, segmentName(segmentStart)), offset - segmentStart, length);
    if (bytes.length !== length) {
      throw new RocketMQError('STORE_IO', `commit log read at ${offset} returned ${bytes.length} of ${length} bytes`);
    }
    return bytes;
  }

  /**
   * A view of the bytes, read on the calling thread (see FileHandleCache.readNow): for
   * recent data, which the page cache holds. The view is of the append chunk holding them
   * or of a scratch buffer reused by the next call: copy what you keep before any await.
   * Null when the segment file is not open yet (use `read`).
   */
  viewNow(offset: number, length: number): Buffer | null {
    if (offset < this.minOffsetValue || offset + length > this.position) {
      throw new RocketMQError('STORE_IO', `commit log range ${offset}+${length} is outside [${this.minOffsetValue}, ${this.position})`);
    }
    const cached = this.chunkView(offset, length);
    if (cached) return cached;
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(length);
    const segmentStart = offset - (offset % this.options.segmentBytes);
    const path = join(this.options.dir, segmentName(segmentStart));
    const bytes = this.options.handles.readNow(path, offset - segmentStart, length, this.scratch.subarray(0, length));
    if (bytes && bytes.length !== length) {
      throw new RocketMQError('STORE_IO', `commit log read at ${offset} returned ${bytes.length} of ${length} bytes`);
    }
    return bytes;
  }

  /** The bytes as a view of the chunk holding them all, else null. */
  private chunkView(offset: number, length: number): Buffer | null {
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const chunk = this.chunks[i] as AppendChunk;
      if (chunkHolds(chunk, offset, length)) {
        const start = offset - chunk.fileOffset;
        return chunk.buffer.subarray(start, start + length);
      }
      if (chunk.fileOffset + chunk.written <= offset) break;
    }
    return null;
  }

  /** A copy of the bytes when a chunk holds them all, else null. */
  readCached(offset: number, length: number): Buffer | null {
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const chunk = this.chunks[i] as AppendChunk;
      if (chunkHolds(chunk, offset, length)) {
        const start = offset - chunk.fileOffset;
        return Buffer.from(chunk.buffer.subarray(start, start + length));
      }
      if (chunk.fileOffset + chunk.written <= offset) break;
    }
    return null;
  }

  /** True when the bytes at `offset` are still in memory (RocketMQ's "hot" data). */
  isCached(offset: number): boolean {
    const first = this.chunks[0];
    return first !== undefined && offset >= first.fileOffset;
  }

  // --- deleting ------------------------------------------------------------------------

  /**
   * Deletes whole segments that end at or below `offset` (never the segment being
   * written); returns how many were deleted.
   */
  async deleteSegmentsBelow(offset: number, isExpired: (path: string) => Promise<boolean>): Promise<number> {
    let deleted = 0;
    while (this.segments.length > 1) {
      const first = this.segments[0] as Segment;
      const end = first.start + this.options.segmentBytes;
      if (end > offset || end > this.committedPosition || !(await isExpired(first.path))) break;
      this.options.handles.forget(first.path);
      const handle = this.writeHandles.get(first.start);
      this.writeHandles.delete(first.start);
      if (handle) await (await handle).close();
      await unlink(first.path);
      this.segments.shift();
      this.minOffsetValue = end;
      deleted++;
    }
    return deleted;
  }

  async close(): Promise<void> {
    await this.flushUpTo(this.position);
    for (const handle of this.writeHandles.values()) await (await handle).close();
    this.writeHandles.clear();
  }
}

