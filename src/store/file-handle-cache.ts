/**
 * A bounded cache of open read-only file handles, so that positioned reads of segment
 * files (commit log, consume queues, index files) do not open a file per read and the
 * number of open descriptors stays bounded however many files exist. Least recently used
 * handles are closed first; a handle in use by a read is closed only after that read.
 *
 * Recency is a use stamp on each entry, not the Map's order: re-inserting on every read
 * would churn the Map, and V8 keeps what a churning Map held alive until the next full GC
 * (see common/int-key-table.ts). The least recently used entry is found by a scan when a
 * file is opened beyond the bound (rare: the bound is far above the files in use).
 *
 * `readNow` reads on the calling thread, for bytes the caller expects in the page cache
 * (the commit log's recent data): no thread-pool round trip, which costs more than the
 * copy itself for reads of tens of KiB. It needs the file already open, else it says so.
 */
import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { readFully } from './positioned-io.js';

interface Entry {
  handle: Promise<FileHandle>;
  /** The handle once open. */
  opened: FileHandle | null;
  users: number;
  evicted: boolean;
  /** When it was last used (the cache's use counter). */
  lastUse: number;
}

export class FileHandleCache {
  private readonly entries = new Map<string, Entry>();
  private uses = 0;

  constructor(private readonly maxOpenFiles = 256) {}

  /** Runs `use` with an open handle of `path`. */
  async with<T>(path: string, use: (handle: FileHandle) => Promise<T>): Promise<T> {
    const entry = this.acquire(path);
    try {
      return await use(await entry.handle);
    } finally {
      entry.users--;
      if (entry.evicted && entry.users === 0) void closeQuietly(entry.handle);
    }
  }

  /** Reads up to `length` bytes at `position` into a new buffer; shorter at end of file. */
  async read(path: string, position: number, length: number): Promise<Buffer> {
    return this.with(path, (handle) => readFully(handle, position, length));
  }

  /**
   * Reads like `read`, synchronously, into `into` when given (at its start; it must hold
   * `length` bytes) else into a new buffer; null when `path` has no open handle yet (read
   * it with `read`).
   */
  readNow(path: string, position: number, length: number, into?: Buffer): Buffer | null {
    const entry = this.entries.get(path);
    const handle = entry?.opened;
    if (!entry || !handle) return null;
    entry.lastUse = ++this.uses;
    const buffer = into ?? Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const bytesRead = readSync(handle.fd, buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === buffer.length ? buffer : buffer.subarray(0, filled);
  }

  /** Closes the handle of `path` (before the file is deleted or truncated). */
  forget(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.entries.delete(path);
    this.evict(entry);
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const entry of all) this.evict(entry);
    await Promise.all(all.map((entry) => closeQuietly(entry.handle)));
  }

  private acquire(path: string): Entry {
    let entry = this.entries.get(path);
    if (!entry) {
      while (this.entries.size >= this.maxOpenFiles) this.evictLeastRecentlyUsed();
      const created: Entry = { handle: open(path, 'r'), opened: null, users: 0, evicted: false, lastUse: 0 };
      created.handle.then(
        (handle) => void (created.opened = created.evicted ? null : handle),
        () => this.entries.get(path) === created && this.entries.delete(path),
      );
      this.entries.set(path, created);
      entry = created;
    }
    entry.lastUse = ++this.uses;
    entry.users++;
    return entry;
  }

  private evictLeastRecentlyUsed(): void {
    let oldestPath: string | null = null;
    let oldestUse = Number.POSITIVE_INFINITY;
    for (const [path, entry] of this.entries) {
      if (entry.lastUse < oldestUse) {
        oldestUse = entry.lastUse;
        oldestPath = path;
      }
    }
    if (oldestPath === null) return;
    const oldest = this.entries.get(oldestPath) as Entry;
    this.entries.delete(oldestPath);
    this.evict(oldest);
  }

  private evict(entry: Entry): void {
    entry.evicted = true;
    entry.opened = null;
    if (entry.users === 0) void closeQuietly(entry.handle);
  }
}

async function closeQuietly(handle: Promise<FileHandle>): Promise<void> {
  try {
    await (await handle).close();
  } catch {
    // already closed, or it never opened: nothing to release
  }
}
