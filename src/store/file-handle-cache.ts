/**
 * A bounded cache of open read-only file handles, so that positioned reads of segment
 * files (commit log, consume queues, index files) do not open a file per read and the
 * number of open descriptors stays bounded however many files exist. Least recently used
 * handles are closed first; a handle in use by a read is closed only after that read.
 *
 * `readNow` reads on the calling thread, for bytes the caller expects in the page cache
 * (the commit log's recent data): no thread-pool round trip, which costs more than the
 * copy itself for reads of tens of KiB. It needs the file already open, else it says so.
 */
import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

interface Entry {
  handle: Promise<FileHandle>;
  /** The handle once open. */
  opened: FileHandle | null;
  users: number;
  evicted: boolean;
}

export class FileHandleCache {
  private readonly entries = new Map<string, Entry>();

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
    return this.with(path, async (handle) => {
      const buffer = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === length ? buffer : buffer.subarray(0, filled);
    });
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
    this.entries.delete(path); // re-insert: most recently used last
    this.entries.set(path, entry);
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
    if (entry) {
      this.entries.delete(path); // re-insert: most recently used last
    } else {
      const created: Entry = { handle: open(path, 'r'), opened: null, users: 0, evicted: false };
      created.handle.then(
        (handle) => void (created.opened = created.evicted ? null : handle),
        () => this.entries.get(path) === created && this.entries.delete(path),
      );
      entry = created;
      while (this.entries.size >= this.maxOpenFiles) {
        const [oldestPath, oldest] = this.entries.entries().next().value as [string, Entry];
        this.entries.delete(oldestPath);
        this.evict(oldest);
      }
    }
    this.entries.set(path, entry);
    entry.users++;
    return entry;
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
