/**
 * File operations of a consume queue's directory, each turning a failure into a
 * RocketMQError STORE_IO that names the file: list the segment files, create one at full
 * size (zero-filled, like a Java mapped file), positioned writes, fsync of a file or of
 * the directory, removal. Reads go through the shared FileHandleCache.
 *
 * Invariant kept by the callers: a file is removed only after `handles.forget(path)`, so
 * no cached read handle outlives its file and a later file of the same name is read afresh.
 */
import { mkdir, open, readdir, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { RocketMQError } from '../../common/errors.js';
import type { FileHandleCache } from '../file-handle-cache.js';
import { segmentStartOffset } from '../segment-name.js';

/** A file of the queue directory whose name is a 20-digit offset. */
export interface SegmentFile {
  readonly startOffset: number;
  readonly name: string;
}

export function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

export function ioError(action: string, path: string, cause: unknown): RocketMQError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new RocketMQError('STORE_IO', `consume queue: cannot ${action} ${path}: ${reason}`, { cause });
}

/** The segment files of `dir` in ascending order, ignoring other names; null when `dir` does not exist. */
export async function listSegmentFiles(dir: string): Promise<SegmentFile[] | null> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    if (errnoOf(error) === 'ENOTDIR') {
      throw new RocketMQError('STORE_CORRUPT', `consume queue: ${dir} is not a directory`, { cause: error });
    }
    throw ioError('list', dir, error);
  }
  const files: SegmentFile[] = [];
  for (const entry of entries) {
    const startOffset = segmentStartOffset(entry.name);
    if (startOffset !== null && entry.isFile()) files.push({ startOffset, name: entry.name });
  }
  return files.sort((a, b) => a.startOffset - b.startOffset);
}

export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    throw ioError('stat', path, error);
  }
}

/** Creates (or empties) `path` at `bytes` bytes of zeros and returns it open for writing. */
export async function createZeroFilledFile(dir: string, path: string, bytes: number): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    await mkdir(dir, { recursive: true });
    handle = await open(path, 'w+');
    await handle.truncate(bytes);
    return handle;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw ioError('create', path, error);
  }
}

export async function openForWrite(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r+');
  } catch (error) {
    throw ioError('open', path, error);
  }
}

/** Sets the length of `path` (cut or zero-extend). */
export async function setFileLength(path: string, bytes: number): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r+');
    await handle.truncate(bytes);
    await handle.sync();
  } catch (error) {
    throw ioError('resize', path, error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes all of `bytes` at `position` of the open file. */
export async function writeFully(handle: FileHandle, path: string, bytes: Buffer, position: number): Promise<void> {
  try {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
  } catch (error) {
    throw ioError('write', path, error);
  }
}

/** fsync of `path`; a file removed meanwhile needs no sync (returns false). */
export async function syncFile(path: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r+');
    await handle.sync();
    return true;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return false;
    throw ioError('sync', path, error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** fsync of a directory, so that created and removed names are durable (skipped where unsupported). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EINVAL' || code === 'EPERM' || code === 'EBADF') return;
    throw ioError('sync directory', dir, error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function removeFile(handles: FileHandleCache, path: string): Promise<void> {
  handles.forget(path);
  try {
    await unlink(path);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw ioError('remove', path, error);
  }
}

/** Reads up to `length` bytes at `position`; a missing file reads as no bytes. */
export async function readAt(handles: FileHandleCache, path: string, position: number, length: number): Promise<Buffer> {
  try {
    // Consume-queue files are small and read all the time: the page cache has them, so an open file is read at once.
    return handles.readNow(path, position, length) ?? (await handles.read(path, position, length));
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return Buffer.alloc(0);
    throw ioError('read', path, error);
  }
}

/** Removes `dir` if it is empty; a directory with other files in it, or none, is left as it is. */
export async function removeEmptyDirectory(dir: string): Promise<void> {
  try {
    await rmdir(dir);
  } catch (error) {
    const code = errnoOf(error);
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw ioError('remove directory', dir, error);
  }
}
