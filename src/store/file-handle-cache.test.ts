import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileHandleCache } from './file-handle-cache.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function files(count: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'fhc-'));
  dirs.push(dir);
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `f${i}`);
    writeFileSync(path, `file-${i}-content`);
    return path;
  });
}

describe('FileHandleCache', () => {
  it('reads a range at a position, shorter at the end of the file', async () => {
    const [path] = files(1);
    const cache = new FileHandleCache();
    expect((await cache.read(path as string, 5, 1)).toString()).toBe('0');
    expect((await cache.read(path as string, 7, 100)).toString()).toBe('content');
    await cache.closeAll();
  });

  it('readNow reads an open file at once, and says null for a file not opened yet or evicted', async () => {
    const [first, second] = files(2) as [string, string];
    const cache = new FileHandleCache(1);
    expect(cache.readNow(first, 0, 4)).toBeNull();
    await cache.read(first, 0, 1);
    expect(cache.readNow(first, 5, 1)?.toString()).toBe('0');
    expect(cache.readNow(first, 7, 100)?.toString()).toBe('content');
    const into = Buffer.alloc(4);
    expect(cache.readNow(first, 0, 4, into)).toBe(into);
    expect(into.toString()).toBe('file');
    await cache.read(second, 0, 1);
    expect(cache.readNow(first, 0, 4)).toBeNull();
    expect(cache.readNow(second, 0, 6)?.toString()).toBe('file-1');
    cache.forget(second);
    expect(cache.readNow(second, 0, 6)).toBeNull();
    await cache.closeAll();
  });

  it('keeps reading correctly past its bound of open files', async () => {
    const paths = files(10);
    const cache = new FileHandleCache(3);
    const reads = await Promise.all(paths.flatMap((path) => [cache.read(path, 0, 7), cache.read(path, 5, 2)]));
    expect(reads.map((b) => b.toString())).toEqual(paths.flatMap((_, i) => [`file-${i}-`, `${i}-`.slice(0, 2)]));
    await cache.closeAll();
  });

  it('rejects a read of a missing file and recovers once it exists', async () => {
    const [path] = files(1);
    const cache = new FileHandleCache();
    const missing = `${path as string}-missing`;
    await expect(cache.read(missing, 0, 1)).rejects.toThrow(/ENOENT/);
    writeFileSync(missing, 'x');
    expect((await cache.read(missing, 0, 1)).toString()).toBe('x');
    await cache.closeAll();
  });
});
