/**
 * Small state files written the way RocketMQ writes them (MixAll.string2File), made
 * crash-safe:
 *
 *   1. the new text goes to `<path>.tmp`, flushed to disk;
 *   2. the current file, if any, is copied to `<path>.bak`;
 *   3. `<path>.tmp` is renamed over `<path>` (atomic on POSIX file systems).
 *
 * A crash at any point leaves either the old or the new file at `<path>`, and the
 * previous content in `<path>.bak` (readers fall back to it). Synchronous on purpose:
 * these files are small and change only on admin commands, and writes must not interleave.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
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
