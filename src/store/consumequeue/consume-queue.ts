/**
 * ConsumeQueue: the index of one topic queue into the commit log, in RocketMQ 4.9.8's exact
 * on-disk format (see cq-unit.ts for the 20-byte unit, cq-layout.ts for the files).
 * Logical offset n is the unit at byte n * 20 of the queue; the data ends at the first
 * invalid unit; files are created at full size, zero-filled.
 *
 * Node has no mmap, so the write path is: appends go to a bounded in-memory AppendBuffer
 * (64 KiB by default) and reach the file in one positioned write per file when the buffer is
 * full or on `flush`; `flush(leastPages)` then fsyncs. Reads take units below the write-out
 * point from the files (through the shared FileHandleCache) and the rest from the buffer.
 *
 * Offsets (logical, in units): dataStart ≤ min ≤ max, flushed ≤ written ≤ max, where
 * [dataStart, written) is in the files and [written, max) is in the buffer.
 * Mutations run one at a time (SerialLock); reads run beside them and may see either side
 * of a concurrent truncation or deletion (a unit zeroed meanwhile ends the read early).
 * The common append — next offset, room in the buffer, lock idle — is also offered
 * synchronously (`tryPutMessagePositionInfo`), so the store's put path needs no promise
 * per unit; anything else goes through the lock.
 *
 * Choices where Java's behaviour is a bug or silent, documented on the methods:
 * - a unit for an offset already written is skipped (DUPLICATE), like Java;
 * - a unit past the end on an empty queue starts the queue in the file of its offset, with
 *   blank units before it and min = its offset (Java's fillPreBlank);
 * - a unit past the end of a non-empty queue: Java writes it at the wrong offset; here the
 *   gap is filled with blank units so the offset stays true (readers skip blanks as Java's
 *   do), and a gap longer than one file is refused with STORE_OFFSET_GAP;
 * - maxPhysicOffset is always the end of the last message unit, or -1 when there is none.
 */
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RocketMQError } from '../../common/errors.js';
import { silentLogger, type Logger } from '../../common/log.js';
import type { DispatchRequest } from '../dispatch-request.js';
import type { FileHandleCache } from '../file-handle-cache.js';
import { AppendBuffer } from './cq-append-buffer.js';
import {
  createZeroFilledFile,
  ioError,
  listSegmentFiles,
  openForWrite,
  removeEmptyDirectory,
  removeFile,
  syncDirectory,
  syncFile,
  writeFully,
} from './cq-files.js';
import { ConsumeQueueLayout } from './cq-layout.js';
import { recoverQueueFiles } from './cq-recover.js';
import { readDiskUnits, scanUnitsBackwards, SCAN_CHUNK_UNITS, type UnitReader } from './cq-scan.js';
import {
  blankUnits,
  CQ_STORE_UNIT_SIZE,
  decodeUnit,
  isMessageUnitAt,
  isValidUnitAt,
  unitCommitLogOffset,
  unitSize,
  type ConsumeQueueUnit,
} from './cq-unit.js';
import { SerialLock } from './serial-lock.js';

const PAGE_BYTES = 4096;
const APPENDED: PutPositionResult = Object.freeze({ status: 'APPENDED', blankUnits: 0 });
const DUPLICATE_PHYSICAL_OFFSET: PutPositionResult = Object.freeze({ status: 'DUPLICATE', reason: 'PHYSICAL_OFFSET' });
const DUPLICATE_QUEUE_OFFSET: PutPositionResult = Object.freeze({ status: 'DUPLICATE', reason: 'QUEUE_OFFSET' });
const DEFAULT_WRITE_BUFFER_BYTES = 64 * 1024;
const BLANKS = blankUnits(SCAN_CHUNK_UNITS);
const ZEROS = Buffer.alloc(SCAN_CHUNK_UNITS * CQ_STORE_UNIT_SIZE);

export interface ConsumeQueueOptions {
  readonly topic: string;
  readonly queueId: number;
  /** The queue's directory, `consumequeue/<topic>/<queueId>` (StorePaths.consumeQueue). */
  readonly dir: string;
  /** Bytes per file (rounded up to a multiple of 20, as Java does). */
  readonly mappedFileSizeConsumeQueue: number;
  readonly handles: FileHandleCache;
  readonly logger?: Logger;
  /** Bytes of appended units held in memory before they are written (default 64 KiB). */
  readonly writeBufferBytes?: number;
}

export type PutPositionResult =
  /** Written at its offset; `blankUnits` blanks were written before it to reach that offset. */
  | { readonly status: 'APPENDED'; readonly blankUnits: number }
  /** Already in the queue (a re-dispatch): nothing written. */
  | { readonly status: 'DUPLICATE'; readonly reason: 'PHYSICAL_OFFSET' | 'QUEUE_OFFSET' };

interface Writer {
  readonly file: number;
  readonly handle: FileHandle;
}

interface FlushPlan {
  readonly from: number;
  readonly to: number;
  readonly epoch: number;
  readonly writer: Writer | null;
  readonly dirDirty: boolean;
}

export class ConsumeQueue {
  readonly topic: string;
  readonly queueId: number;
  readonly layout: ConsumeQueueLayout;
  private readonly handles: FileHandleCache;
  private readonly logger: Logger;
  private readonly lock = new SerialLock();
  private readonly reader: UnitReader = (from, count) => this.readUnits(from, count);
  private readonly buffer: AppendBuffer;
  private firstFile: number | null = null;
  private lastFile = -1;
  private min = 0;
  private flushed = 0;
  private maxPhysic = -1;
  private writer: Writer | null = null;
  private dirDirty = false;
  /** Bumped by truncation and destruction, so a flush that raced one does not claim its range. */
  private epoch = 0;

  constructor(options: ConsumeQueueOptions) {
    this.topic = options.topic;
    this.queueId = options.queueId;
    this.layout = new ConsumeQueueLayout(options.dir, options.mappedFileSizeConsumeQueue);
    this.handles = options.handles;
    this.logger = options.logger ?? silentLogger;
    const bufferUnits = Math.floor((options.writeBufferBytes ?? DEFAULT_WRITE_BUFFER_BYTES) / CQ_STORE_UNIT_SIZE);
    this.buffer = new AppendBuffer(Math.max(1, bufferUnits));
  }

  /** First readable logical offset (0 for an empty queue). */
  get minOffset(): number {
    return this.min;
  }

  /** The next logical offset to be written (0 for an empty queue). */
  get maxOffset(): number {
    return this.buffer.end;
  }

  /** commitLogOffset + size of the last message unit, or -1 when the queue has none. */
  get maxPhysicOffset(): number {
    return this.maxPhysic;
  }

  get messageCount(): number {
    return this.maxOffset - this.min;
  }

  /** Logical offset up to which the units are durable (fsynced). */
  get flushedOffset(): number {
    return this.flushed;
  }

  private get written(): number {
    return this.buffer.start;
  }

  /** First logical offset of the next file after the one holding `offset` (Java rollNextFile). */
  rollNextFile(offset: number): number {
    return this.layout.firstUnitOf(this.layout.fileOf(offset) + 1);
  }

  /**
   * Opens the queue's files and finds the end of data (see cq-recover.ts for what is
   * repaired and what is refused with STORE_CORRUPT). Returns the repairs made on disk.
   */
  load(): Promise<readonly string[]> {
    return this.lock.run(async () => {
      await this.closeWriter();
      this.resetEmpty();
      const recovered = await recoverQueueFiles(this.layout, this.handles);
      if (recovered === null) return [];
      this.firstFile = recovered.firstFile;
      this.lastFile = recovered.lastFile;
      this.min = recovered.min;
      this.buffer.reset(recovered.end);
      this.flushed = recovered.end;
      this.maxPhysic = recovered.maxPhysicOffset;
      for (const repair of recovered.repairs) this.logger.warn({ queue: this.name }, `consume queue repaired: ${repair}`);
      return recovered.repairs;
    });
  }

  /**
   * Appends the unit of `request` at `request.consumeQueueOffset`. A unit whose message ends
   * at or before maxPhysicOffset, or whose offset is below max, is a re-dispatch: skipped
   * (DUPLICATE). Offsets past the end are handled as described in the module header.
   * Throws STORE_OFFSET_GAP (nothing written) or STORE_IO (the unit is not appended and the
   * queue stays consistent, so the call may be retried).
   */
  putMessagePositionInfo(request: DispatchRequest): Promise<PutPositionResult> {
    checkRequest(request);
    return this.lock.run(() => this.put(request));
  }

  /**
   * putMessagePositionInfo done at once, for the common case that needs no I/O: no other
   * mutation is running or waiting, the unit's offset is the queue's max and the buffer
   * has room. Returns null, having done nothing, when the caller must use
   * putMessagePositionInfo instead; throws as it does for an invalid unit.
   */
  tryPutMessagePositionInfo(request: DispatchRequest): PutPositionResult | null {
    if (!this.lock.idle) return null;
    checkRequest(request);
    const { commitLogOffset, msgSize, consumeQueueOffset: expected } = request;
    if (commitLogOffset + msgSize <= this.maxPhysic) return DUPLICATE_PHYSICAL_OFFSET;
    if (expected < this.maxOffset && !this.hasNoUnits()) return DUPLICATE_QUEUE_OFFSET;
    if (expected !== this.maxOffset || this.buffer.room === 0) return null;
    this.buffer.push(commitLogOffset, msgSize, request.tagsCode);
    this.maxPhysic = commitLogOffset + msgSize;
    return APPENDED;
  }

  /** Up to `maxCount` units from `startOffset` (at most 64 KiB of units per call); [] outside [min, max). */
  async getUnits(startOffset: number, maxCount: number): Promise<ConsumeQueueUnit[]> {
    if (!Number.isSafeInteger(startOffset) || startOffset < this.min || startOffset >= this.maxOffset) return [];
    const count = Math.min(Math.max(0, Math.floor(maxCount)), SCAN_CHUNK_UNITS);
    const bytes = await this.readUnits(startOffset, count);
    const units: ConsumeQueueUnit[] = [];
    for (let at = 0; at < bytes.length; at += CQ_STORE_UNIT_SIZE) {
      if (!isValidUnitAt(bytes, at)) break;
      units.push(decodeUnit(bytes, at, startOffset + at / CQ_STORE_UNIT_SIZE));
    }
    return units;
  }

  async getUnit(offset: number): Promise<ConsumeQueueUnit | null> {
    const [unit] = await this.getUnits(offset, 1);
    return unit ?? null;
  }

  /**
   * Writes the buffered units and fsyncs them when at least `leastPages` 4 KiB pages of the
   * file holding the flush point are dirty, or that file is full (RocketMQ's
   * flushConsumeQueueLeastPages; 0 = whenever anything is dirty). Returns whether it flushed.
   */
  async flush(leastPages = 0): Promise<boolean> {
    const plan = await this.lock.run(() => this.planFlush(leastPages));
    if (plan === null) return false;
    try {
      await this.syncPlan(plan);
    } catch (error) {
      if (plan.dirDirty) this.dirDirty = true;
      throw error;
    }
    if (plan.epoch === this.epoch && plan.to > this.flushed) this.flushed = Math.min(plan.to, this.maxOffset);
    return true;
  }

  /**
   * Drops every unit from the first message unit whose commitLogOffset ≥ `commitLogEnd`
   * (the commit log was cut there) to the end, as Java's scan does. The dropped bytes are
   * zeroed (Java leaves them), files wholly past the new end deleted, both made durable.
   * When no unit is left in any file the queue becomes empty (min = max = 0).
   */
  truncateDirtyLogicFiles(commitLogEnd: number): Promise<void> {
    return this.lock.run(() => this.truncate(commitLogEnd));
  }

  /**
   * After the commit log deleted old files: deletes from the front every file (never the
   * last) whose units all point below `minCommitLogOffset`, then corrects min.
   * Returns how many files were deleted.
   */
  deleteExpiredFiles(minCommitLogOffset: number): Promise<number> {
    return this.lock.run(async () => {
      const deleted = await this.deleteExpired(minCommitLogOffset);
      await this.correctMin(minCommitLogOffset);
      return deleted;
    });
  }

  /** Sets min to the first message unit whose commitLogOffset ≥ `minCommitLogOffset` (max when none). */
  correctMinOffset(minCommitLogOffset: number): Promise<void> {
    return this.lock.run(() => this.correctMin(minCommitLogOffset));
  }

  /** Deletes the queue's files and directory; the queue is empty afterwards. */
  destroy(): Promise<void> {
    return this.lock.run(async () => {
      await this.closeWriter();
      this.epoch++;
      const listed = (await listSegmentFiles(this.layout.dir)) ?? [];
      for (const file of listed) await removeFile(this.handles, join(this.layout.dir, file.name));
      this.resetEmpty();
      await removeEmptyDirectory(this.layout.dir);
    });
  }

  /** Writes and fsyncs what is buffered, and releases the queue's write handle. */
  async close(): Promise<void> {
    await this.flush(0);
    await this.lock.run(() => this.closeWriter());
  }

  private get name(): string {
    return `${this.topic}/${this.queueId}`;
  }

  private dataStart(): number {
    return this.firstFile === null ? this.written : this.layout.firstUnitOf(this.firstFile);
  }

  private hasNoUnits(): boolean {
    return this.maxOffset === this.dataStart();
  }

  private resetEmpty(): void {
    this.firstFile = null;
    this.lastFile = -1;
    this.min = 0;
    this.flushed = 0;
    this.maxPhysic = -1;
    this.buffer.reset(0);
    this.buffer.release();
  }

  // ---- append ----

  private async put(request: DispatchRequest): Promise<PutPositionResult> {
    const { commitLogOffset, msgSize, tagsCode, consumeQueueOffset: expected } = request;
    if (commitLogOffset + msgSize <= this.maxPhysic) return { status: 'DUPLICATE', reason: 'PHYSICAL_OFFSET' };
    const fresh = this.hasNoUnits();
    if (fresh) await this.startAt(expected);
    else if (expected < this.maxOffset) return { status: 'DUPLICATE', reason: 'QUEUE_OFFSET' };
    const blanks = expected - this.maxOffset;
    if (!fresh) this.checkGap(expected, blanks);
    await this.appendBlanks(blanks);
    await this.ensureRoom();
    this.buffer.push(commitLogOffset, msgSize, tagsCode);
    this.maxPhysic = commitLogOffset + msgSize;
    return { status: 'APPENDED', blankUnits: blanks };
  }

  private checkGap(expected: number, blanks: number): void {
    if (blanks > this.layout.unitsPerFile) {
      throw new RocketMQError(
        'STORE_OFFSET_GAP',
        `consume queue ${this.name}: unit for offset ${expected} would leave a gap of ${blanks} units after ${this.maxOffset}`,
      );
    }
    if (blanks > 0) this.logger.warn({ queue: this.name, offset: expected, blanks }, 'consume queue: blank units fill a gap');
  }

  /** On a queue without units: start it in the file of `offset`, with min = offset (Java's fillPreBlank). */
  private async startAt(offset: number): Promise<void> {
    if (offset === this.maxOffset) return;
    await this.removeAllFiles();
    const base = this.layout.firstUnitOf(this.layout.fileOf(offset));
    this.buffer.reset(base);
    this.flushed = base;
    this.min = offset;
  }

  private async appendBlanks(count: number): Promise<void> {
    let left = count;
    while (left > 0) {
      await this.ensureRoom();
      const now = Math.min(left, this.buffer.room, SCAN_CHUNK_UNITS);
      this.buffer.pushEncoded(BLANKS.subarray(0, now * CQ_STORE_UNIT_SIZE));
      left -= now;
    }
  }

  private async ensureRoom(): Promise<void> {
    if (this.buffer.room === 0) await this.writeOut();
  }

  /** Writes the buffered units to their files: one positioned write per file. */
  private async writeOut(): Promise<void> {
    const bytes = this.buffer.contents();
    let unit = this.written;
    for (let at = 0; at < bytes.length; ) {
      const file = this.layout.fileOf(unit);
      const count = Math.min((bytes.length - at) / CQ_STORE_UNIT_SIZE, this.layout.firstUnitOf(file + 1) - unit);
      const handle = await this.writerFor(file);
      await writeFully(handle, this.layout.pathOf(file), bytes.subarray(at, at + count * CQ_STORE_UNIT_SIZE), this.layout.positionOf(unit));
      unit += count;
      at += count * CQ_STORE_UNIT_SIZE;
    }
    this.buffer.reset(unit);
  }

  private async writerFor(file: number): Promise<FileHandle> {
    if (this.writer?.file === file) return this.writer.handle;
    await this.closeWriter();
    const path = this.layout.pathOf(file);
    let handle: FileHandle;
    if (this.firstFile === null || file > this.lastFile) {
      handle = await createZeroFilledFile(this.layout.dir, path, this.layout.fileBytes);
      this.firstFile ??= file;
      this.lastFile = file;
      this.dirDirty = true;
    } else {
      handle = await openForWrite(path);
    }
    this.writer = { file, handle };
    return handle;
  }

  private async closeWriter(): Promise<void> {
    const writer = this.writer;
    this.writer = null;
    if (writer === null) return;
    try {
      await writer.handle.close();
    } catch (error) {
      throw ioError('close', this.layout.pathOf(writer.file), error);
    }
  }

  // ---- flush ----

  private mustFlush(leastPages: number): boolean {
    const end = this.maxOffset;
    if (end <= this.flushed) return false;
    if (leastPages <= 0) return true;
    const file = this.layout.fileOf(this.flushed);
    if (end >= this.layout.firstUnitOf(file + 1)) return true;
    const base = this.layout.firstUnitOf(file);
    const page = (unit: number): number => Math.floor(((unit - base) * CQ_STORE_UNIT_SIZE) / PAGE_BYTES);
    return page(end) - page(this.flushed) >= leastPages;
  }

  private async planFlush(leastPages: number): Promise<FlushPlan | null> {
    if (!this.mustFlush(leastPages)) return null;
    await this.writeOut();
    const plan: FlushPlan = { from: this.flushed, to: this.written, epoch: this.epoch, writer: this.writer, dirDirty: this.dirDirty };
    this.writer = null;
    this.dirDirty = false;
    this.buffer.release();
    return plan;
  }

  private async syncPlan(plan: FlushPlan): Promise<void> {
    try {
      for (let file = this.layout.fileOf(plan.from); file <= this.layout.fileOf(plan.to - 1); file++) {
        if (plan.writer?.file === file) await plan.writer.handle.sync();
        else await syncFile(this.layout.pathOf(file));
      }
    } catch (error) {
      throw error instanceof RocketMQError ? error : ioError('sync', this.layout.dir, error);
    } finally {
      await plan.writer?.handle.close().catch(() => undefined);
    }
    if (plan.dirDirty) {
      await syncDirectory(this.layout.dir);
      await syncDirectory(dirname(this.layout.dir));
    }
  }

  // ---- reads ----

  /** Raw units [from, from + count) clipped to max: the part still buffered is copied before any await. */
  private async readUnits(from: number, count: number): Promise<Buffer> {
    const end = Math.min(from + count, this.maxOffset);
    const written = this.written;
    if (from >= end) return Buffer.alloc(0);
    const memoryFrom = Math.max(from, written);
    const memory = memoryFrom < end ? this.buffer.copy(memoryFrom, end - memoryFrom) : Buffer.alloc(0);
    if (from >= written) return memory;
    const diskCount = Math.min(end, written) - from;
    const disk = await readDiskUnits(this.layout, this.handles, from, diskCount);
    if (memory.length === 0 || disk.length < diskCount * CQ_STORE_UNIT_SIZE) return disk;
    return Buffer.concat([disk, memory]);
  }

  /** The last message unit in [from, to) as [commitLogOffset, size], or null when there is none. */
  private async lastMessageUnit(from: number, to: number): Promise<[number, number] | null> {
    if (to <= from) return null;
    const last = await this.readUnits(to - 1, 1);
    if (last.length === CQ_STORE_UNIT_SIZE && isMessageUnitAt(last, 0)) return [unitCommitLogOffset(last, 0), unitSize(last, 0)];
    let found: [number, number] | null = null;
    await scanUnitsBackwards(this.reader, from, to - 1, (bytes, at) => {
      if (!isMessageUnitAt(bytes, at)) return false;
      found = [unitCommitLogOffset(bytes, at), unitSize(bytes, at)];
      return true;
    });
    return found;
  }

  // ---- truncation ----

  private async truncate(commitLogEnd: number): Promise<void> {
    await this.writeOut();
    await this.closeWriter();
    if (this.hasNoUnits()) return;
    const oldEnd = this.maxOffset;
    const cut = commitLogEnd <= 0 ? this.dataStart() : await this.firstMessageAtLeast(commitLogEnd);
    if (cut >= oldEnd) return;
    this.epoch++;
    await this.zeroUnits(cut, oldEnd);
    await this.removeFilesFrom(cut);
    this.buffer.reset(cut);
    this.flushed = Math.min(this.flushed, cut);
    if (this.firstFile === null) {
      this.resetEmpty();
      return;
    }
    this.min = Math.min(this.min, cut);
    this.maxPhysic = await this.lastMessageEnd(this.dataStart(), cut);
  }


  private async zeroUnits(from: number, to: number): Promise<void> {
    if (from % this.layout.unitsPerFile === 0) return; // the whole file goes
    const file = this.layout.fileOf(from);
    const end = Math.min(to, this.layout.firstUnitOf(file + 1));
    const path = this.layout.pathOf(file);
    const handle = await openForWrite(path);
    try {
      for (let unit = from; unit < end; unit += SCAN_CHUNK_UNITS) {
        const count = Math.min(SCAN_CHUNK_UNITS, end - unit);
        await writeFully(handle, path, ZEROS.subarray(0, count * CQ_STORE_UNIT_SIZE), this.layout.positionOf(unit));
      }
      await handle.sync();
    } catch (error) {
      throw ioError('zero the truncated units of', path, error);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** Removes every file whose first unit is at or after `unit`. */
  private async removeFilesFrom(unit: number): Promise<void> {
    let removed = false;
    while (this.firstFile !== null && this.layout.firstUnitOf(this.lastFile) >= unit) {
      await removeFile(this.handles, this.layout.pathOf(this.lastFile));
      removed = true;
      if (this.lastFile === this.firstFile) this.firstFile = null;
      this.lastFile--;
    }
    if (removed) await syncDirectory(this.layout.dir);
  }

  private async removeAllFiles(): Promise<void> {
    await this.closeWriter();
    if (this.firstFile !== null) await this.removeFilesFrom(this.layout.firstUnitOf(this.firstFile));
  }

  private async lastMessageEnd(from: number, to: number): Promise<number> {
    const last = await this.lastMessageUnit(from, to);
    return last === null ? -1 : last[0] + last[1];
  }

  // ---- expiry ----

  private async deleteExpired(minCommitLogOffset: number): Promise<number> {
    await this.writeOut();
    let deleted = 0;
    while (this.firstFile !== null && this.firstFile < this.lastFile) {
      const first = this.layout.firstUnitOf(this.firstFile);
      const last = await this.lastMessageUnit(first, first + this.layout.unitsPerFile);
      if (last !== null && last[0] >= minCommitLogOffset) break;
      await removeFile(this.handles, this.layout.pathOf(this.firstFile));
      this.firstFile++;
      deleted++;
    }
    if (deleted > 0) {
      await syncDirectory(this.layout.dir);
      this.min = Math.max(this.min, this.dataStart());
      this.flushed = Math.max(this.flushed, this.dataStart());
    }
    return deleted;
  }

  private async correctMin(minCommitLogOffset: number): Promise<void> {
    if (!this.hasNoUnits()) this.min = await this.firstMessageAtLeast(minCommitLogOffset);
  }

  /**
   * The first message unit whose commitLogOffset ≥ `threshold`, or max when there is none.
   * Message units are in commit-log order and blanks stand between them, so
   * q(i) = commitLogOffset of the last message unit at or before i is non-decreasing and a
   * binary search for the first q(i) ≥ threshold lands on a message unit: O(log n) reads.
   */
  private async firstMessageAtLeast(threshold: number): Promise<number> {
    const start = this.dataStart();
    let low = start;
    let high = this.maxOffset;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      const q = await this.lastMessageUnit(start, mid + 1);
      if (q !== null && q[0] >= threshold) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}

function checkRequest(request: DispatchRequest): void {
  const { commitLogOffset, msgSize, tagsCode, consumeQueueOffset } = request;
  const ok =
    Number.isSafeInteger(commitLogOffset) &&
    commitLogOffset >= 0 &&
    Number.isInteger(msgSize) &&
    msgSize > 0 &&
    msgSize <= 0x7fffffff &&
    Number.isSafeInteger(tagsCode) &&
    Number.isSafeInteger(consumeQueueOffset) &&
    consumeQueueOffset >= 0;
  if (!ok) {
    throw new RocketMQError(
      'INTERNAL',
      `consume queue ${request.topic}/${request.queueId}: invalid unit (offset ${commitLogOffset}, size ${msgSize}, tags ${tagsCode}, queue offset ${consumeQueueOffset})`,
    );
  }
}
