/**
 * Whole positioned reads and writes on an open file handle (commit log, consume queues,
 * index files): a short read or write is continued until every byte is done (or, for
 * reads, the file ends). `writeRangeNow` writes on the calling thread, for small writes
 * into the page cache where the thread pool's round trip (a worker woken, the event loop
 * preempted by it) costs more than the copy.
 */
import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Writes `buffers` back to back from `position`, in as few calls as the OS allows. */
export async function writeFully(handle: FileHandle, buffers: readonly Buffer[], position: number): Promise<void> {
  let remaining = buffers.filter((buffer) => buffer.length > 0);
  let at = position;
  while (remaining.length > 0) {
    const { bytesWritten } = await handle.writev(remaining, at);
    if (bytesWritten <= 0) throw new Error(`write at ${at} made no progress`);
    at += bytesWritten;
    remaining = dropLeadingBytes(remaining, bytesWritten);
  }
}

/** Writes `length` bytes of `buffer` from `offset` at `position`. */
export async function writeRangeFully(handle: FileHandle, buffer: Buffer, offset: number, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await handle.write(buffer, offset + done, length - done, position + done);
    if (bytesWritten <= 0) throw new Error(`write of ${length - done} bytes at ${position + done} made no progress`);
    done += bytesWritten;
  }
}

/** `writeRangeFully` on the calling thread (a short write continued; errors thrown at once). */
export function writeRangeNow(handle: FileHandle, buffer: Buffer, offset: number, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const bytesWritten = writeSync(handle.fd, buffer, offset + done, length - done, position + done);
    if (bytesWritten <= 0) throw new Error(`write of ${length - done} bytes at ${position + done} made no progress`);
    done += bytesWritten;
  }
}

/** Reads `length` bytes from `position` into a new buffer; fewer only when the file ends first. */
export async function readFully(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

function dropLeadingBytes(buffers: readonly Buffer[], count: number): Buffer[] {
  const rest: Buffer[] = [];
  let skip = count;
  for (const buffer of buffers) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
    } else {
      rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
      skip = 0;
    }
  }
  return rest;
}
