/**
 * Small state files written the way RocketMQ writes them (MixAll.string2File), made
 * crash-safe:
 *
 *   1. the new text goes to `<path>.tmp`, flushed to disk;
 *   2. the current file, if any, is copied to `<path>.bak`;
 *   3. `<path>.tmp` is renamed over `<path>` (atomic on POSIX file systems).
 *
 * A crash at any point leaves either the old or the new file at `<path>`, and the
 * previous content in `<path>.bak` (readers fall back to it, see readFileOrBackup).
 *
 * `writeFileAtomically` is synchronous, for files that are small and change only on admin
 * commands. `AtomicFileWriter` writes the same way without blocking the event loop, for
 * files rewritten on a timer (consumer offsets): one write at a time, and a save asked
 * for during a write is coalesced into one more write of the newest text.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { copyFile, mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text, null, 'utf8');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (existsSync(path)) copyFileSync(path, `${path}.bak`);
  renameSync(tmp, path);
}

/** The same steps as writeFileAtomically, without blocking the event loop. */
export async function writeFileAtomicallyAsync(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await copyFile(path, `${path}.bak`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(tmp, path);
}

/**
 * Reads and parses `<path>`, falling back to `<path>.bak` when the main file is missing,
 * empty or does not parse. Returns undefined when neither file exists (or both are empty);
 * throws when a file exists and neither parses, rather than let the caller start empty
 * and overwrite the data.
 */
export function readFileOrBackup<T>(path: string, parse: (text: string) => T): T | undefined {
  const problems: string[] = [];
  for (const candidate of [path, `${path}.bak`]) {
    if (!existsSync(candidate)) continue;
    const text = readFileSync(candidate, 'utf8');
    if (text.trim() === '') continue;
    try {
      return parse(text);
    } catch (error) {
      problems.push(`${candidate}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`cannot load ${path}: ${problems.join('; ')}`);
  return undefined;
}

/** Writes one file atomically, one write at a time; saves asked for meanwhile collapse into one. */
export class AtomicFileWriter {
  private writing: Promise<void> | null = null;
  private pendingText: string | null = null;
  private pendingWrite: Promise<void> | null = null;

  constructor(readonly path: string) {}

  /** Resolves once `text` (or a newer text saved after it) is on disk. */
  save(text: string): Promise<void> {
    if (!this.writing) {
      this.writing = this.write(text);
      return this.writing;
    }
    this.pendingText = text;
    this.pendingWrite ??= this.writing
      .catch(() => undefined)
      .then(() => {
        const next = this.pendingText as string;
        this.pendingText = null;
        this.pendingWrite = null;
        this.writing = this.write(next);
        return this.writing;
      });
    return this.pendingWrite;
  }

  private async write(text: string): Promise<void> {
    try {
      await writeFileAtomicallyAsync(this.path, text);
    } finally {
      if (this.pendingWrite === null) this.writing = null;
    }
  }
}

/**
 * An AtomicFileWriter that knows whether its owner's table changed since the last write:
 * the owner calls `changed()` on every change, `loaded()` after reading the file, and
 * `persist(encode)` on its timer, which writes only when something changed (a change made
 * during the write is written next time).
 */
export class ChangeTrackedFile {
  private readonly writer: AtomicFileWriter;
  private version = 0;
  private persistedVersion = 0;

  constructor(path: string) {
    this.writer = new AtomicFileWriter(path);
  }

  get path(): string {
    return this.writer.path;
  }

  changed(): void {
    this.version++;
  }

  /** What is in memory now is what the file holds. */
  loaded(): void {
    this.persistedVersion = this.version;
  }

  async persist(encode: () => string): Promise<void> {
    if (this.version === this.persistedVersion) return;
    const version = this.version;
    await this.writer.save(encode());
    this.persistedVersion = Math.max(this.persistedVersion, version);
  }
}
