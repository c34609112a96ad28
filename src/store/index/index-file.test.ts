import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import { FileHandleCache } from '../file-handle-cache.js';
import { IndexFile, type IndexFileOptions } from './index-file.js';
import { indexKeyHash, slotOf } from './index-key.js';
import { entryPosition, slotPosition } from './index-layout.js';

const dirs: string[] = [];
const caches: FileHandleCache[] = [];
afterEach(async () => {
  for (const cache of caches.splice(0)) await cache.closeAll();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const T0 = 1_795_540_425_865;
const geometry = { hashSlotNum: 10, indexNum: 8 };

function setup(overrides: Partial<IndexFileOptions> = {}): { path: string; options: IndexFileOptions } {
  const dir = mkdtempSync(join(tmpdir(), 'index-file-'));
  dirs.push(dir);
  const readers = new FileHandleCache(4);
  caches.push(readers);
  return { path: join(dir, '20261124171345877'), options: { geometry, readers, syncOnFlush: false, ...overrides } };
}

async function select(file: IndexFile, key: string, maxNum = 32, begin = 0, end = Number.MAX_SAFE_INTEGER): Promise<number[]> {
  const found: number[] = [];
  expect(await file.selectPhyOffsets(key, maxNum, begin, end, found)).toBeNull();
  return found;
}

async function corruption(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (isRocketMQError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('IndexFile', () => {
  it('is created at its full size, zero-filled apart from the header', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    expect(statSync(path).size).toBe(40 + 10 * 4 + 8 * 20);
    const bytes = readFileSync(path);
    expect(bytes.subarray(40).every((byte) => byte === 0)).toBe(true);
    expect(bytes.readInt32BE(36)).toBe(1);
    expect(file.header).toEqual({ beginTimestamp: 0, endTimestamp: 0, beginPhyOffset: 0, endPhyOffset: 0, hashSlotCount: 0, indexCount: 1 });
    expect(file.name).toBe('20261124171345877');
    await file.close();
  });

  it('refuses to create over an existing file', async () => {
    const { path, options } = setup();
    writeFileSync(path, 'x');
    expect(await corruption(() => IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 }))).toMatch(/^STORE_IO/);
  });

  it('continues a full file: begin and end start at its end offset and timestamp', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 5000, endTimestamp: T0 });
    expect(file.header).toMatchObject({ beginPhyOffset: 5000, endPhyOffset: 5000, beginTimestamp: T0, endTimestamp: T0 });
    await file.close();
  });

  it('puts keys and finds them newest first, with the header tracking the first and last entry', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    expect(file.putKey('T#a', 100, T0)).toBe(true);
    expect(file.putKey('T#b', 200, T0 + 1500)).toBe(true);
    expect(file.putKey('T#a', 300, T0 + 3000)).toBe(true);
    expect(await select(file, 'T#a')).toEqual([300, 100]);
    expect(await select(file, 'T#b')).toEqual([200]);
    expect(await select(file, 'T#c')).toEqual([]);
    expect(file.header).toEqual({ beginTimestamp: T0, endTimestamp: T0 + 3000, beginPhyOffset: 100, endPhyOffset: 300, hashSlotCount: 2, indexCount: 4 });
    await file.close();
  });

  it('does no I/O on put: the file changes only when flushed', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    const before = readFileSync(path);
    file.putKey('T#a', 100, T0);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(file.unflushedEntries).toBe(1);
    await file.flush();
    expect(file.unflushedEntries).toBe(0);
    const after = readFileSync(path);
    const slot = slotOf(indexKeyHash('T#a'), 10);
    expect(after.readInt32BE(slotPosition(slot))).toBe(1);
    expect(after.readInt32BE(entryPosition(geometry, 1))).toBe(indexKeyHash('T#a'));
    expect(after.readBigInt64BE(entryPosition(geometry, 1) + 4)).toBe(100n);
    expect(after.readInt32BE(36)).toBe(2);
    await file.close();
  });

  it('stores seconds since the begin timestamp and filters lookups by time', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    file.putKey('T#a', 100, T0);
    file.putKey('T#a', 200, T0 + 10_400);
    file.putKey('T#a', 300, T0 + 20_900);
    await file.flush();
    const bytes = readFileSync(path);
    expect([1, 2, 3].map((n) => bytes.readInt32BE(entryPosition(geometry, n) + 12))).toEqual([0, 10, 20]);
    expect(await select(file, 'T#a', 32, T0 + 5_000, T0 + 15_000)).toEqual([200]);
    expect(await select(file, 'T#a', 32, T0 + 20_000, T0 + 20_000)).toEqual([300]);
    expect(await select(file, 'T#a', 2)).toEqual([300, 200]);
    await file.close();
  });

  it('says whether a time range overlaps the file, as RocketMQ does', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    file.putKey('T#a', 1, 1000);
    file.putKey('T#a', 2, 5000);
    expect(file.isTimeMatched(0, 10_000)).toBe(true);
    expect(file.isTimeMatched(2000, 3000)).toBe(true);
    expect(file.isTimeMatched(4000, 9000)).toBe(true);
    expect(file.isTimeMatched(0, 1000)).toBe(true);
    expect(file.isTimeMatched(5001, 9000)).toBe(false);
    await file.close();
  });

  it('is full at maxIndexNum − 1 entries and then refuses keys', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    for (let n = 1; n < 8; n++) expect(file.putKey(`T#k${n}`, n, T0)).toBe(true);
    expect(file.isFull()).toBe(true);
    expect(file.putKey('T#more', 99, T0)).toBe(false);
    expect(file.header.indexCount).toBe(8);
    await file.close();
  });

  it('answers the same after closing and reopening read-only', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    for (let n = 1; n < 7; n++) file.putKey(`T#k${n % 3}`, n * 10, T0 + n);
    const header = file.header;
    const answers = await Promise.all(['T#k0', 'T#k1', 'T#k2'].map((key) => select(file, key)));
    await file.close();
    expect(file.isWritable).toBe(false);
    const reopened = await IndexFile.open(path, options);
    expect(reopened.header).toEqual(header);
    expect(await Promise.all(['T#k0', 'T#k1', 'T#k2'].map((key) => select(reopened, key)))).toEqual(answers);
    expect(() => reopened.putKey('T#x', 1, T0)).toThrow(/not open for writing/);
  });

  it('takes more keys after being reopened for writing, continuing its chains', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    file.putKey('T#a', 10, T0);
    await file.close();
    const reopened = await IndexFile.open(path, options);
    await reopened.openForWrite();
    reopened.putKey('T#a', 20, T0 + 1000);
    expect(await select(reopened, 'T#a')).toEqual([20, 10]);
    expect(reopened.header).toMatchObject({ indexCount: 3, hashSlotCount: 1, beginPhyOffset: 10, endPhyOffset: 20 });
    await reopened.close();
  });

  it('finds entries while a flush is writing them and keys keep arriving', async () => {
    const { path, options } = setup({ geometry: { hashSlotNum: 3, indexNum: 500 } });
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    const expected: number[] = [];
    for (let n = 1; n < 400; n++) {
      file.putKey('T#a', n, T0);
      expected.unshift(n);
      if (n % 50 === 0) void file.flush();
      if (n % 37 === 0) expect(await select(file, 'T#a', 1000)).toEqual(expected);
    }
    await file.close();
    const reopened = await IndexFile.open(path, options);
    expect(await select(reopened, 'T#a', 1000)).toEqual(expected);
  });

  it('asks for a flush once the unflushed entries pass the threshold', async () => {
    const { path, options } = setup({ flushThresholdEntries: 3 });
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    file.putKey('T#a', 1, T0);
    file.putKey('T#a', 2, T0);
    expect(file.needsFlush).toBe(false);
    file.putKey('T#a', 3, T0);
    expect(file.needsFlush).toBe(true);
    await file.flush();
    expect(file.needsFlush).toBe(false);
    await file.close();
  });

  it('deletes its file on destroy; a lookup afterwards reports an error value', async () => {
    const { path, options } = setup();
    const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
    file.putKey('T#a', 1, T0);
    await file.close();
    await file.destroy();
    expect(() => statSync(path)).toThrow();
    const found: number[] = [];
    const error = await file.selectPhyOffsets('T#a', 10, 0, Number.MAX_SAFE_INTEGER, found);
    expect(error?.code).toBe('STORE_IO');
  });

  describe('on damaged files', () => {
    async function written(path: string, options: IndexFileOptions): Promise<void> {
      const file = await IndexFile.create(path, options, { endPhyOffset: 0, endTimestamp: 0 });
      for (let n = 1; n < 6; n++) file.putKey(`T#k${n}`, n, T0);
      await file.close();
    }

    it('rejects a truncated file as corrupt', async () => {
      const { path, options } = setup();
      await written(path, options);
      truncateSync(path, 100);
      expect(await corruption(() => IndexFile.open(path, options))).toMatch(/^STORE_CORRUPT: .*100 bytes, expected 240/);
    });

    it('rejects a file made with other slot or entry counts', async () => {
      const { path, options } = setup();
      await written(path, options);
      expect(await corruption(() => IndexFile.open(path, { ...options, geometry: { hashSlotNum: 10, indexNum: 9 } }))).toMatch(/^STORE_CORRUPT/);
    });

    it('rejects a header whose index count exceeds the file', async () => {
      const { path, options } = setup();
      await written(path, options);
      const bytes = readFileSync(path);
      bytes.writeInt32BE(9, 36);
      writeFileSync(path, bytes);
      expect(await corruption(() => IndexFile.open(path, options))).toMatch(/^STORE_CORRUPT: .*index count 9 exceeds/);
    });

    it('reports a slot pointing past the count as an error value, not an exception', async () => {
      const { path, options } = setup();
      await written(path, options);
      const bytes = readFileSync(path);
      const slot = slotOf(indexKeyHash('T#k1'), 10);
      bytes.writeInt32BE(7, slotPosition(slot));
      writeFileSync(path, bytes);
      const file = await IndexFile.open(path, options);
      const found: number[] = [];
      const error = await file.selectPhyOffsets('T#k1', 10, 0, Number.MAX_SAFE_INTEGER, found);
      expect(error?.code).toBe('STORE_CORRUPT');
      expect(found).toEqual([]);
    });

    it('stops a chain that loops and reports it', async () => {
      const { path, options } = setup({ geometry: { hashSlotNum: 1, indexNum: 8 } });
      await written(path, options);
      const bytes = readFileSync(path);
      bytes.writeInt32BE(5, entryPosition({ hashSlotNum: 1, indexNum: 8 }, 2) + 16); // 2 → 5 → 4 → 3 → 2 …
      writeFileSync(path, bytes);
      const file = await IndexFile.open(path, options);
      const found: number[] = [];
      const error = await file.selectPhyOffsets('T#k1', 100, 0, Number.MAX_SAFE_INTEGER, found);
      expect(error?.message).toMatch(/entry 2 links forward to entry 5/);
      expect(found.length).toBeLessThanOrEqual(5);
    });

    it('never throws or hangs on random bytes of the right size', async () => {
      const { path, options } = setup();
      for (let round = 0; round < 20; round++) {
        const bytes = Buffer.alloc(240);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (round * 7919 + i * 104729) % 251 % (i < 40 ? 3 : 256);
        bytes.writeInt32BE(round % 9, 36);
        bytes.writeInt32BE(0, 32);
        writeFileSync(path, bytes);
        options.readers.forget(path);
        const file = await IndexFile.open(path, options).catch(() => null);
        if (file === null) continue;
        for (const key of ['T#k1', 'T#k2', 'x', 'polygenelubricants']) {
          const found: number[] = [];
          const error = await file.selectPhyOffsets(key, 100, 0, Number.MAX_SAFE_INTEGER, found);
          expect(error === null || error.code === 'STORE_CORRUPT').toBe(true);
          expect(found.length).toBeLessThan(8);
        }
      }
    });
  });
});
