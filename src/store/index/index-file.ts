/**
 * One index file, `index/<yyyyMMddHHmmssSSS>`, in RocketMQ 4.9.8's layout (index-layout.ts):
 * a 40-byte header, hashSlotNum int32 slots, indexNum 20-byte entries, created at full size.
 *
 * Node has no mmap, so a file is in one of two states:
 * - read-only (every file but the newest): only the header is in memory; a lookup reads
 *   its slot and then each entry of the chain with positioned reads through the shared
 *   FileHandleCache.
 * - writable (the newest, until it is full): the slot table lives in memory (hashSlotNum·4
 *   bytes) and new entries collect in PendingEntries. `putKey` is synchronous and does no
 *   I/O. `flushEntries` (the store's periodic flush) writes the new entries only, in one
 *   gathered write, so that memory stays bounded; `flush` (when the file is full, and at
 *   close) writes the new entries, the changed slot pages and the header, each from a
 *   snapshot taken at its start, then syncs. The slot pages are left to `flush` because
 *   keys hash all over the table: after a second of traffic nearly every page has changed,
 *   and copying and writing the whole table each second stalled the put path (RocketMQ
 *   likewise leaves the mapped file to the OS until the file is full). Entries stay in
 *   memory until the write that holds them has finished, so a lookup always finds an
 *   entry either in memory or on disk.
 *
 * Crash behaviour: what a crash can lose is what the last `flush` did not cover. Because
 * the header is written last and only by `flush`, the header and slots on disk agree, and
 * the header never counts an entry that is not on disk; a slot that points past the
 * header's count is treated as empty (as RocketMQ does), and the store's recovery
 * re-indexes records from the header's end offset on.
 */
import { open, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { isRocketMQError, RocketMQError } from '../../common/errors.js';
import type { FileHandleCache } from '../file-handle-cache.js';
import { walkChain, type ChainSource } from './chain-walk.js';
import { readIndexEntry, type IndexEntry } from './index-entry.js';
import { checkIndexHeader, decodeIndexHeader, emptyIndexHeader, encodeIndexHeader, type IndexHeader } from './index-header.js';
import { indexKeyHash, slotOf, timeDiffSeconds } from './index-key.js';
import {
  checkGeometry,
  entryPosition,
  HASH_SLOT_SIZE,
  INDEX_ENTRY_SIZE,
  INDEX_HEADER_SIZE,
  indexFileSize,
  INVALID_ENTRY,
  slotPosition,
  type IndexGeometry,
} from './index-layout.js';
import { PendingEntries } from './pending-entries.js';
import { readFully, writeFully } from '../positioned-io.js';
import { SlotTable } from './slot-table.js';

export interface IndexFileOptions {
  readonly geometry: IndexGeometry;
  /** Read handles shared with the rest of the store. */
  readonly readers: FileHandleCache;
  /** Unflushed entries past which `needsFlush` turns true (default: 2^20, at most indexNum). */
  readonly flushThresholdEntries?: number;
  /** Sync the file at the end of each flush (default true). */
  readonly syncOnFlush?: boolean;
}

/** Where a new file continues from: the end of the full file before it (0, 0 for the first). */
export interface IndexFileStart {
  readonly endPhyOffset: number;
  readonly endTimestamp: number;
}

interface WritableState {
  readonly handle: FileHandle;
  readonly slots: SlotTable;
  readonly pending: PendingEntries;
  /** Entries below this number are on disk. */
  durableCount: number;
  headerDirty: boolean;
}

const DEFAULT_FLUSH_THRESHOLD_ENTRIES = 1 << 20;

export class IndexFile {
  readonly path: string;
  readonly name: string;
  private readonly geometry: IndexGeometry;
  private readonly readers: FileHandleCache;
  private readonly flushThreshold: number;
  private readonly syncOnFlush: boolean;
  private readonly head: IndexHeader;
  private writable: WritableState | null = null;
  private flushing: Promise<void> = Promise.resolve();

  private constructor(path: string, options: IndexFileOptions, header: IndexHeader) {
    checkGeometry(options.geometry);
    this.path = path;
    this.name = basename(path);
    this.geometry = options.geometry;
    this.readers = options.readers;
    this.flushThreshold = Math.max(1, Math.min(options.flushThresholdEntries ?? DEFAULT_FLUSH_THRESHOLD_ENTRIES, options.geometry.indexNum));
    this.syncOnFlush = options.syncOnFlush ?? true;
    this.head = header;
  }

  /** Creates a new, writable file at full size; fails if `path` exists. */
  static async create(path: string, options: IndexFileOptions, start: IndexFileStart): Promise<IndexFile> {
    const header = emptyIndexHeader();
    if (start.endPhyOffset > 0) header.beginPhyOffset = header.endPhyOffset = start.endPhyOffset;
    if (start.endTimestamp > 0) header.beginTimestamp = header.endTimestamp = start.endTimestamp;
    const file = new IndexFile(path, options, header);
    const handle = await ioStep(path, 'create', () => open(path, 'wx'));
    try {
      await ioStep(path, 'size', async () => {
        await handle.truncate(indexFileSize(options.geometry));
        await writeFully(handle, [encodeIndexHeader(header)], 0);
      });
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(path, { force: true }).catch(() => undefined);
      throw error;
    }
    file.writable = file.newWritableState(handle, SlotTable.empty(options.geometry.hashSlotNum));
    return file;
  }

  /** Opens an existing file read-only; STORE_CORRUPT when its size or header cannot be right. */
  static async open(path: string, options: IndexFileOptions): Promise<IndexFile> {
    checkGeometry(options.geometry);
    const expected = indexFileSize(options.geometry);
    const { size } = await ioStep(path, 'stat', () => stat(path));
    if (size !== expected) {
      throw new RocketMQError('STORE_CORRUPT', `index file ${path} has ${size} bytes, expected ${expected} for ${describe(options.geometry)}`);
    }
    const bytes = await ioStep(path, 'read header', () => options.readers.read(path, 0, INDEX_HEADER_SIZE));
    const header = decodeIndexHeader(bytes, `index file ${path}`);
    checkIndexHeader(header, options.geometry, `index file ${path}`);
    return new IndexFile(path, options, header);
  }

  /** Loads the slot table into memory so that keys can be put; the file must not be full. */
  async openForWrite(): Promise<void> {
    if (this.writable !== null) return;
    if (this.isFull()) throw new RocketMQError('INTERNAL', `index file ${this.path} is full and cannot be written`);
    const handle = await ioStep(this.path, 'open for write', () => open(this.path, 'r+'));
    try {
      const tableBytes = this.geometry.hashSlotNum * HASH_SLOT_SIZE;
      const table = await ioStep(this.path, 'read slots', () => readFully(handle, INDEX_HEADER_SIZE, tableBytes));
      if (table.length !== tableBytes) throw new RocketMQError('STORE_CORRUPT', `index file ${this.path}: slot table is cut short`);
      this.writable = this.newWritableState(handle, new SlotTable(table));
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  get header(): Readonly<IndexHeader> {
    return { ...this.head };
  }

  get beginTimestamp(): number {
    return this.head.beginTimestamp;
  }

  get endTimestamp(): number {
    return this.head.endTimestamp;
  }

  get beginPhyOffset(): number {
    return this.head.beginPhyOffset;
  }

  get endPhyOffset(): number {
    return this.head.endPhyOffset;
  }

  get isWritable(): boolean {
    return this.writable !== null;
  }

  isFull(): boolean {
    return this.head.indexCount >= this.geometry.indexNum;
  }

  /** Whether `count` more entries fit. */
  hasRoomFor(count: number): boolean {
    return this.head.indexCount + count <= this.geometry.indexNum;
  }

  /** Entries put but not yet written. */
  get unflushedEntries(): number {
    return this.writable === null ? 0 : this.head.indexCount - this.writable.durableCount;
  }

  get needsFlush(): boolean {
    return this.unflushedEntries >= this.flushThreshold;
  }

  /** Whether [begin, end] overlaps the file's time span (RocketMQ `isTimeMatched`). */
  isTimeMatched(begin: number, end: number): boolean {
    const { beginTimestamp: first, endTimestamp: last } = this.head;
    return (begin < first && end > last) || (begin >= first && begin <= last) || (end >= first && end <= last);
  }

  /** Adds an entry for `key` (`topic#key`); false when the file is full. No I/O. */
  putKey(key: string, phyOffset: number, storeTimestamp: number): boolean {
    const state = this.requireWritable();
    const head = this.head;
    if (head.indexCount >= this.geometry.indexNum) return false;
    const keyHash = indexKeyHash(key);
    const slot = slotOf(keyHash, this.geometry.hashSlotNum);
    let previous = state.slots.get(slot);
    if (previous <= INVALID_ENTRY || previous > head.indexCount) previous = INVALID_ENTRY;
    const timeDiff = timeDiffSeconds(storeTimestamp, head.beginTimestamp);
    const number = state.pending.append({ keyHash, phyOffset, timeDiff, prevIndex: previous });
    state.slots.set(slot, number);
    if (head.indexCount <= 1) {
      head.beginPhyOffset = phyOffset;
      head.beginTimestamp = storeTimestamp;
    }
    if (previous === INVALID_ENTRY) head.hashSlotCount++;
    head.indexCount++;
    head.endPhyOffset = phyOffset;
    head.endTimestamp = storeTimestamp;
    state.headerDirty = true;
    return true;
  }

  /**
   * Appends to `into` the offsets of entries for `key` stored within [begin, end], newest
   * first, until `into` holds maxNum. Never throws: damage or an I/O failure comes back
   * as an error value, with whatever was found before it.
   */
  async selectPhyOffsets(key: string, maxNum: number, begin: number, end: number, into: number[]): Promise<RocketMQError | null> {
    const keyHash = indexKeyHash(key);
    const query = { keyHash, slot: slotOf(keyHash, this.geometry.hashSlotNum), maxNum, begin, end };
    try {
      return await walkChain(this.chainSource(), query, into);
    } catch (error) {
      if (isRocketMQError(error)) return error;
      return new RocketMQError('STORE_IO', `index file ${this.path}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Writes everything put so far — entries, slot pages, header — and syncs; flushes run one at a time. */
  flush(): Promise<void> {
    return this.queueWrite(() => this.writeOut());
  }

  /** Writes the entries put so far (they leave memory), not the slot pages or the header. */
  flushEntries(): Promise<void> {
    return this.queueWrite(() => this.writeEntries());
  }

  private queueWrite(write: () => Promise<void>): Promise<void> {
    const run = this.flushing.then(write);
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /** Flushes, then frees the in-memory slot table and the write handle; the file stays readable. */
  async close(): Promise<void> {
    for (;;) {
      await this.flush();
      const state = this.writable;
      if (state === null) return;
      if (state.durableCount === this.head.indexCount && !state.slots.isDirty && !state.headerDirty) {
        this.writable = null;
        await state.handle.close();
        return;
      }
    }
  }

  /** Deletes the file (after any flush under way). */
  async destroy(): Promise<void> {
    await this.flushing;
    const state = this.writable;
    this.writable = null;
    if (state !== null) await state.handle.close().catch(() => undefined);
    this.readers.forget(this.path);
    await ioStep(this.path, 'delete', () => rm(this.path, { force: true }));
  }

  private newWritableState(handle: FileHandle, slots: SlotTable): WritableState {
    const count = this.head.indexCount;
    return { handle, slots, pending: new PendingEntries(count), durableCount: count, headerDirty: false };
  }

  private requireWritable(): WritableState {
    if (this.writable === null) throw new RocketMQError('INTERNAL', `index file ${this.path} is not open for writing`);
    return this.writable;
  }

  private chainSource(): ChainSource {
    return {
      name: this.name,
      beginTimestamp: this.head.beginTimestamp,
      indexCount: this.head.indexCount,
      slotValue: (slot) => (this.writable !== null ? this.writable.slots.get(slot) : this.readSlot(slot)),
      entry: (entryNumber) => {
        const pending = this.writable?.pending;
        return pending?.has(entryNumber) ? pending.get(entryNumber) : this.readEntry(entryNumber);
      },
    };
  }

  private async readSlot(slot: number): Promise<number> {
    const bytes = await this.readers.read(this.path, slotPosition(slot), HASH_SLOT_SIZE);
    if (bytes.length < HASH_SLOT_SIZE) throw new RocketMQError('STORE_CORRUPT', `index file ${this.path}: slot ${slot} is past the end of the file`);
    return bytes.readInt32BE(0);
  }

  private async readEntry(entryNumber: number): Promise<IndexEntry> {
    const bytes = await this.readers.read(this.path, entryPosition(this.geometry, entryNumber), INDEX_ENTRY_SIZE);
    if (bytes.length < INDEX_ENTRY_SIZE) throw new RocketMQError('STORE_CORRUPT', `index file ${this.path}: entry ${entryNumber} is past the end of the file`);
    return readIndexEntry(bytes);
  }

  private async writeEntries(): Promise<void> {
    const state = this.writable;
    if (state === null) return;
    const from = state.durableCount;
    const to = this.head.indexCount;
    if (from === to) return;
    try {
      await writeFully(state.handle, state.pending.slices(from, to), entryPosition(this.geometry, from));
    } catch (error) {
      throw new RocketMQError('STORE_IO', `index file ${this.path}: writing entries failed: ${(error as Error).message}`, { cause: error });
    }
    state.durableCount = to;
    state.pending.release(to);
  }

  private async writeOut(): Promise<void> {
    const state = this.writable;
    if (state === null) return;
    const from = state.durableCount;
    const to = this.head.indexCount;
    if (from === to && !state.slots.isDirty && !state.headerDirty) return;
    const entries = state.pending.slices(from, to);
    const runs = state.slots.takeDirtyRuns();
    const header = encodeIndexHeader(this.head);
    state.headerDirty = false;
    try {
      await writeFully(state.handle, entries, entryPosition(this.geometry, from));
      for (const run of runs) await writeFully(state.handle, [run.bytes], INDEX_HEADER_SIZE + run.tableOffset);
      await writeFully(state.handle, [header], 0);
      if (this.syncOnFlush) await state.handle.datasync();
    } catch (error) {
      for (const run of runs) state.slots.markDirty(run.tableOffset, run.bytes.length);
      state.headerDirty = true;
      throw new RocketMQError('STORE_IO', `index file ${this.path}: flush failed: ${(error as Error).message}`, { cause: error });
    }
    state.durableCount = to;
    state.pending.release(to);
  }
}

function describe(geometry: IndexGeometry): string {
  return `maxHashSlotNum=${geometry.hashSlotNum}, maxIndexNum=${geometry.indexNum}`;
}

/** Runs one file-system step, turning a Node error into STORE_IO naming the file and step. */
async function ioStep<T>(path: string, step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isRocketMQError(error)) throw error;
    throw new RocketMQError('STORE_IO', `index file ${path}: ${step} failed: ${(error as Error).message}`, { cause: error });
  }
}
