import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import type { DispatchRequest } from '../dispatch-request.js';
import { FileHandleCache } from '../file-handle-cache.js';
import { ConsumeQueue, type ConsumeQueueOptions } from './consume-queue.js';
import { BLANK_UNIT_SIZE, CQ_STORE_UNIT_SIZE, encodeUnit, isBlankUnit } from './cq-unit.js';

const UNITS_PER_FILE = 10;
const FILE_BYTES = UNITS_PER_FILE * CQ_STORE_UNIT_SIZE;
const MSG_SIZE = 100;

let root: string;
let dir: string;
let handles: FileHandleCache;
const opened: ConsumeQueue[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cq-'));
  dir = join(root, 'consumequeue', 'T', '0');
  handles = new FileHandleCache();
});

afterEach(async () => {
  for (const queue of opened.splice(0)) await queue.close().catch(() => undefined);
  await handles.closeAll();
  chmodIfPresent(dir, 0o755);
  rmSync(root, { recursive: true, force: true });
});

function chmodIfPresent(path: string, mode: number): void {
  if (existsSync(path)) chmodSync(path, mode);
}

function queue(options: Partial<ConsumeQueueOptions> = {}): ConsumeQueue {
  const q = new ConsumeQueue({ topic: 'T', queueId: 0, dir, mappedFileSizeConsumeQueue: FILE_BYTES, handles, ...options });
  opened.push(q);
  return q;
}

async function loaded(options: Partial<ConsumeQueueOptions> = {}): Promise<ConsumeQueue> {
  const q = queue(options);
  await q.load();
  return q;
}

/** Message n of the test commit log: offset n * 100, tag code n - 50. */
function request(queueOffset: number, n = queueOffset): DispatchRequest {
  return {
    topic: 'T',
    queueId: 0,
    commitLogOffset: n * MSG_SIZE,
    msgSize: MSG_SIZE,
    tagsCode: n - 50,
    storeTimestamp: 1_000 + n,
    consumeQueueOffset: queueOffset,
    keys: '',
    uniqKey: null,
    sysFlag: 0,
    preparedTransactionOffset: 0,
  };
}

function unit(queueOffset: number, n = queueOffset): { commitLogOffset: number; size: number; tagsCode: number; queueOffset: number } {
  return { commitLogOffset: n * MSG_SIZE, size: MSG_SIZE, tagsCode: n - 50, queueOffset };
}

async function putRange(q: ConsumeQueue, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await q.putMessagePositionInfo(request(i));
}

function fileName(file: number): string {
  return String(file * FILE_BYTES).padStart(20, '0');
}

function unitsFile(units: Array<[number, number, number]>, bytes = FILE_BYTES): Buffer {
  const buffer = Buffer.alloc(bytes);
  units.forEach(([offset, size, tags], i) => encodeUnit(buffer, i * CQ_STORE_UNIT_SIZE, offset, size, tags));
  return buffer;
}

function writeQueueFile(file: number, contents: Buffer): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, fileName(file)), contents);
}

async function expectStoreError(promise: Promise<unknown>, code: 'STORE_CORRUPT' | 'STORE_IO' | 'STORE_OFFSET_GAP' | 'INTERNAL'): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isRocketMQError(error, code), String(error)).toBe(true);
}

describe('ConsumeQueue: writing and reading', () => {
  it('is empty when new: min 0, max 0, maxPhysicOffset -1, and no file', async () => {
    const q = await loaded();
    expect([q.minOffset, q.maxOffset, q.maxPhysicOffset]).toEqual([0, 0, -1]);
    expect(existsSync(dir)).toBe(false);
    expect(await q.getUnits(0, 10)).toEqual([]);
  });

  it('appends units at their offsets and reads them back before and after flush', async () => {
    const q = await loaded();
    await putRange(q, 0, 5);
    expect(await q.getUnits(0, 10)).toEqual([0, 1, 2, 3, 4].map((i) => unit(i)));
    expect(await q.flush(0)).toBe(true);
    expect(await q.getUnits(1, 3)).toEqual([1, 2, 3].map((i) => unit(i)));
    expect(await q.getUnit(4)).toEqual(unit(4));
    expect([q.minOffset, q.maxOffset, q.maxPhysicOffset, q.messageCount]).toEqual([0, 5, 500, 5]);
  });

  it('keeps appended units in memory until flush: no syscall per unit', async () => {
    const q = await loaded();
    await putRange(q, 0, 5);
    expect(existsSync(join(dir, fileName(0)))).toBe(false);
    await q.flush(0);
    expect(readFileSync(join(dir, fileName(0))).subarray(0, 5 * CQ_STORE_UNIT_SIZE)).toEqual(
      unitsFile([0, 1, 2, 3, 4].map((i) => [i * MSG_SIZE, MSG_SIZE, i - 50]), 5 * CQ_STORE_UNIT_SIZE),
    );
  });

  it('writes the buffer out as soon as it reaches its bound, so memory stays bounded', async () => {
    const q = await loaded({ writeBufferBytes: 3 * CQ_STORE_UNIT_SIZE });
    await putRange(q, 0, 8);
    const onDisk = readFileSync(join(dir, fileName(0)));
    expect(onDisk.subarray(0, 6 * CQ_STORE_UNIT_SIZE)).toEqual(
      unitsFile([0, 1, 2, 3, 4, 5].map((i) => [i * MSG_SIZE, MSG_SIZE, i - 50]), 6 * CQ_STORE_UNIT_SIZE),
    );
    expect(onDisk.subarray(6 * CQ_STORE_UNIT_SIZE).every((b) => b === 0)).toBe(true);
    expect(await q.getUnits(0, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => unit(i)));
  });

  it('creates every file at its full size, zero-filled, named after the byte offset of its first unit', async () => {
    const q = await loaded();
    await putRange(q, 0, 23);
    await q.flush(0);
    expect(readdirSync(dir).sort()).toEqual([fileName(0), fileName(1), fileName(2)]);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBe(FILE_BYTES);
    const last = readFileSync(join(dir, fileName(2)));
    expect(last.subarray(3 * CQ_STORE_UNIT_SIZE).every((b) => b === 0)).toBe(true);
  });

  it('reads a range that spans two files, part from disk and part from memory', async () => {
    const q = await loaded();
    await putRange(q, 0, 15);
    await q.flush(0);
    await putRange(q, 15, 25);
    expect(await q.getUnits(7, 12)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].map((i) => unit(i)));
    expect(await q.getUnits(18, 100)).toEqual([18, 19, 20, 21, 22, 23, 24].map((i) => unit(i)));
  });

  it('returns nothing for a start outside [min, max)', async () => {
    const q = await loaded();
    await putRange(q, 0, 3);
    expect(await q.getUnits(3, 5)).toEqual([]);
    expect(await q.getUnits(-1, 5)).toEqual([]);
    expect(await q.getUnit(99)).toBeNull();
  });

  it('applies un-awaited puts in call order', async () => {
    const q = await loaded({ writeBufferBytes: 2 * CQ_STORE_UNIT_SIZE });
    await Promise.all(Array.from({ length: 30 }, (_, i) => q.putMessagePositionInfo(request(i))));
    expect(q.maxOffset).toBe(30);
    expect(await q.getUnits(0, 30)).toEqual(Array.from({ length: 30 }, (_, i) => unit(i)));
  });

  it('keeps tag codes that need 64 bits (delivery times of the schedule topic) and negative hash codes', async () => {
    const q = await loaded();
    await q.putMessagePositionInfo({ ...request(0), tagsCode: 1_795_540_479_320 });
    await q.putMessagePositionInfo({ ...request(1), tagsCode: -2_147_483_648 });
    await q.close();
    const reopened = await loaded();
    expect((await reopened.getUnits(0, 2)).map((u) => u.tagsCode)).toEqual([1_795_540_479_320, -2_147_483_648]);
  });

  it('rejects a dispatch request that cannot be a unit', async () => {
    const q = await loaded();
    expect(() => q.putMessagePositionInfo({ ...request(0), msgSize: 0 })).toThrow(/invalid unit/);
    expect(() => q.putMessagePositionInfo({ ...request(0), commitLogOffset: -1 })).toThrow(/invalid unit/);
    expect(() => q.putMessagePositionInfo({ ...request(0), consumeQueueOffset: 1.5 })).toThrow(/invalid unit/);
  });
});

describe('ConsumeQueue: duplicate and out-of-order units', () => {
  it('skips a unit whose offset is already written (re-dispatch during recovery) and says so', async () => {
    const q = await loaded();
    await putRange(q, 0, 4);
    expect(await q.putMessagePositionInfo(request(2))).toEqual({ status: 'DUPLICATE', reason: 'PHYSICAL_OFFSET' });
    expect(await q.putMessagePositionInfo(request(3, 99))).toEqual({ status: 'DUPLICATE', reason: 'QUEUE_OFFSET' });
    expect(await q.putMessagePositionInfo(request(4))).toEqual({ status: 'APPENDED', blankUnits: 0 });
    expect(q.maxOffset).toBe(5);
  });

  it('starts a new queue at a non-zero offset in that offset’s file, with blank units before it and min at it (Java fillPreBlank)', async () => {
    const q = await loaded();
    expect(await q.putMessagePositionInfo(request(23))).toEqual({ status: 'APPENDED', blankUnits: 3 });
    await putRange(q, 24, 26);
    expect([q.minOffset, q.maxOffset]).toEqual([23, 26]);
    await q.close();
    expect(readdirSync(dir)).toEqual([fileName(2)]);
    expect(readFileSync(join(dir, fileName(2))).subarray(0, 4 * CQ_STORE_UNIT_SIZE)).toEqual(
      unitsFile([[0, BLANK_UNIT_SIZE, 0], [0, BLANK_UNIT_SIZE, 0], [0, BLANK_UNIT_SIZE, 0], [2300, MSG_SIZE, -27]], 4 * CQ_STORE_UNIT_SIZE),
    );
    const reopened = await loaded();
    expect([reopened.minOffset, reopened.maxOffset, reopened.maxPhysicOffset]).toEqual([23, 26, 2600]);
    expect(await reopened.getUnits(23, 1)).toEqual([unit(23)]);
  });

  it('fills a short gap with blank units so every unit stays at its own offset', async () => {
    const q = await loaded();
    await putRange(q, 0, 3);
    expect(await q.putMessagePositionInfo(request(6))).toEqual({ status: 'APPENDED', blankUnits: 3 });
    const units = await q.getUnits(0, 10);
    expect(units.map((u) => (isBlankUnit(u) ? 'blank' : u.queueOffset))).toEqual([0, 1, 2, 'blank', 'blank', 'blank', 6]);
    expect(units[6]).toEqual(unit(6));
  });

  it('refuses a gap longer than one file with STORE_OFFSET_GAP and writes nothing', async () => {
    const q = await loaded();
    await putRange(q, 0, 3);
    await expectStoreError(q.putMessagePositionInfo(request(3 + UNITS_PER_FILE + 1)), 'STORE_OFFSET_GAP');
    expect(q.maxOffset).toBe(3);
    expect(await q.putMessagePositionInfo(request(3))).toEqual({ status: 'APPENDED', blankUnits: 0 });
  });
});

describe('ConsumeQueue: flush', () => {
  it('flushes only when flushConsumeQueueLeastPages 4 KiB pages are dirty; 0 flushes anything dirty', async () => {
    const q = await loaded({ mappedFileSizeConsumeQueue: 1000 * CQ_STORE_UNIT_SIZE });
    await putRange(q, 0, 100);
    expect(await q.flush(2)).toBe(false);
    expect(q.flushedOffset).toBe(0);
    expect(await q.flush(0)).toBe(true);
    expect(q.flushedOffset).toBe(100);
    expect(await q.flush(0)).toBe(false);
    await putRange(q, 100, 409); // 409 units = 8180 bytes: page 1 of the file
    expect(await q.flush(2)).toBe(false);
    await putRange(q, 409, 410); // 8200 bytes: page 2
    expect(await q.flush(2)).toBe(true);
    expect(q.flushedOffset).toBe(410);
  });

  it('keeps accepting and reading appends while a flush is syncing, and loses none of them', async () => {
    const q = await loaded({ writeBufferBytes: 4 * CQ_STORE_UNIT_SIZE });
    await putRange(q, 0, 12);
    const flushing = q.flush(0);
    const puts = Promise.all(Array.from({ length: 15 }, (_, i) => q.putMessagePositionInfo(request(12 + i))));
    const reads = q.getUnits(0, 27);
    await Promise.all([flushing, puts]);
    expect((await reads).length).toBeGreaterThanOrEqual(12);
    expect(await q.flush(0)).toBe(true);
    expect(q.flushedOffset).toBe(27);
    await q.close();
    expect(await (await loaded()).getUnits(0, 30)).toEqual(Array.from({ length: 27 }, (_, i) => unit(i)));
  });

  it('flushes a full file whatever the page count', async () => {
    const q = await loaded();
    await putRange(q, 0, UNITS_PER_FILE);
    expect(await q.flush(4)).toBe(true);
  });
});

describe('ConsumeQueue: load and recovery', () => {
  it('finds the end of data and the max physical offset; reopening gives the same queue', async () => {
    const q = await loaded();
    await putRange(q, 0, 27);
    await q.close();
    const reopened = await loaded();
    expect([reopened.minOffset, reopened.maxOffset, reopened.maxPhysicOffset]).toEqual([0, 27, 2700]);
    expect(await reopened.getUnits(20, 10)).toEqual([20, 21, 22, 23, 24, 25, 26].map((i) => unit(i)));
    await putRange(reopened, 27, 30);
    expect(await reopened.getUnits(25, 10)).toEqual([25, 26, 27, 28, 29].map((i) => unit(i)));
  });

  it('ignores names that are not 20 digits', async () => {
    writeQueueFile(0, unitsFile([[0, 100, 1]]));
    writeFileSync(join(dir, 'README'), 'x');
    writeFileSync(join(dir, '123'), 'x');
    const q = await loaded();
    expect(q.maxOffset).toBe(1);
  });

  it('refuses a file that is not the configured size, unless it is the last one and shorter', async () => {
    writeQueueFile(0, unitsFile([[0, 100, 1]], FILE_BYTES + 20));
    await expectStoreError(queue().load(), 'STORE_CORRUPT');
    writeQueueFile(0, unitsFile([[0, 100, 1]], FILE_BYTES - 20));
    writeQueueFile(1, unitsFile([]));
    await expectStoreError(queue().load(), 'STORE_CORRUPT');
    expect(statSync(join(dir, fileName(0))).size).toBe(FILE_BYTES - 20);
  });

  it('recovers a last file torn short to exactly its whole units, zero-filled to full size', async () => {
    const units: Array<[number, number, number]> = [[0, 100, 1], [100, 100, 2], [200, 100, 3]];
    writeQueueFile(0, unitsFile(units).subarray(0, 2 * CQ_STORE_UNIT_SIZE + 15));
    const q = queue();
    expect(await q.load()).toHaveLength(1);
    expect([q.maxOffset, q.maxPhysicOffset]).toEqual([2, 200]);
    expect(readFileSync(join(dir, fileName(0)))).toEqual(unitsFile(units.slice(0, 2)));
  });

  it('refuses garbage in the middle: an invalid unit followed by valid ones is STORE_CORRUPT, never a silent cut', async () => {
    writeQueueFile(0, unitsFile([[0, 100, 1], [0, 0, 0], [200, 100, 3]]));
    await expectStoreError(queue().load(), 'STORE_CORRUPT');
    writeQueueFile(0, unitsFile([[0, 100, 1], [-5, 100, 0], [200, 100, 3]]));
    await expectStoreError(queue().load(), 'STORE_CORRUPT');
  });

  it('ends the data at a garbage unit with nothing valid after it, and the next append overwrites it', async () => {
    writeQueueFile(0, unitsFile([[0, 100, 1], [-1, -1, -1]]));
    const q = await loaded();
    expect(q.maxOffset).toBe(1);
    await q.putMessagePositionInfo(request(1, 1));
    await q.close();
    expect((await loaded()).maxOffset).toBe(2);
  });

  it('refuses a hole between files', async () => {
    writeQueueFile(0, unitsFile(Array.from({ length: UNITS_PER_FILE }, (_, i) => [i * 100, 100, 0])));
    writeQueueFile(2, unitsFile([[2000, 100, 0]]));
    await expectStoreError(queue().load(), 'STORE_CORRUPT');
  });

  it('refuses a file name that is not a multiple of the file size', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '00000000000000000020'), unitsFile([]));
    await expectStoreError(queue().load(), 'STORE_CORRUPT');
  });

  it('removes files wholly after the end of data, as Java does', async () => {
    writeQueueFile(0, unitsFile([[0, 100, 1]]));
    writeQueueFile(1, unitsFile([]));
    const q = queue();
    expect(await q.load()).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([fileName(0)]);
  });

  it('keeps an empty file that starts right after a full one', async () => {
    writeQueueFile(0, unitsFile(Array.from({ length: UNITS_PER_FILE }, (_, i) => [i * 100, 100, 0])));
    writeQueueFile(1, unitsFile([]));
    const q = await loaded();
    expect(q.maxOffset).toBe(UNITS_PER_FILE);
    expect(readdirSync(dir).sort()).toEqual([fileName(0), fileName(1)]);
  });

  it('reports a queue path that is not a directory as STORE_CORRUPT', async () => {
    mkdirSync(join(root, 'consumequeue', 'T'), { recursive: true });
    writeFileSync(dir, 'not a directory');
    await expectStoreError(queue().load(), 'STORE_CORRUPT');
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable directory as STORE_IO', async () => {
    writeQueueFile(0, unitsFile([[0, 100, 1]]));
    chmodSync(dir, 0o000);
    await expectStoreError(queue().load(), 'STORE_IO');
  });
});

describe('ConsumeQueue: truncation after the commit log was cut', () => {
  it('drops the units at or past the commit-log end, zeroes their bytes and deletes files wholly past it', async () => {
    const q = await loaded();
    await putRange(q, 0, 25);
    await q.flush(0);
    await q.truncateDirtyLogicFiles(1250); // units 13.. point at or past 1250 (unit 12 is at 1200)
    expect([q.maxOffset, q.maxPhysicOffset]).toEqual([13, 1300]);
    expect(readdirSync(dir).sort()).toEqual([fileName(0), fileName(1)]);
    expect(readFileSync(join(dir, fileName(1))).subarray(3 * CQ_STORE_UNIT_SIZE).every((b) => b === 0)).toBe(true);
    expect(await q.getUnits(10, 10)).toEqual([10, 11, 12].map((i) => unit(i)));
    await putRange(q, 13, 15);
    await q.close();
    const reopened = await loaded();
    expect([reopened.maxOffset, reopened.maxPhysicOffset]).toEqual([15, 1500]);
  });

  it('truncates units still in memory as well', async () => {
    const q = await loaded();
    await putRange(q, 0, 5);
    await q.truncateDirtyLogicFiles(300);
    expect([q.maxOffset, q.maxPhysicOffset]).toEqual([3, 300]);
  });

  it('leaves an empty queue without files when every unit is past the end', async () => {
    const q = await loaded();
    await putRange(q, 0, 15);
    await q.truncateDirtyLogicFiles(0);
    expect([q.minOffset, q.maxOffset, q.maxPhysicOffset]).toEqual([0, 0, -1]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('changes nothing when every unit is before the end', async () => {
    const q = await loaded();
    await putRange(q, 0, 15);
    await q.truncateDirtyLogicFiles(10_000);
    expect([q.maxOffset, q.maxPhysicOffset]).toEqual([15, 1500]);
  });
});

describe('ConsumeQueue: expiry after the commit log deleted old files', () => {
  it('deletes front files whose units all point below the log’s min offset, and sets min to the first unit at or past it', async () => {
    const q = await loaded();
    await putRange(q, 0, 35);
    expect(await q.deleteExpiredFiles(2250)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([fileName(2), fileName(3)]);
    expect([q.minOffset, q.maxOffset]).toEqual([23, 35]);
    expect(await q.getUnits(20, 5)).toEqual([]);
    expect(await q.getUnits(23, 2)).toEqual([unit(23), unit(24)]);
  });

  it('never deletes the last file, even when all its units are expired', async () => {
    const q = await loaded();
    await putRange(q, 0, 15);
    expect(await q.deleteExpiredFiles(1_000_000)).toBe(1);
    expect(readdirSync(dir)).toEqual([fileName(1)]);
    expect([q.minOffset, q.maxOffset]).toEqual([15, 15]);
  });

  it('correctMinOffset moves min to the first unit whose commit-log offset is at least the log’s min', async () => {
    const q = await loaded();
    await putRange(q, 0, 8);
    await q.correctMinOffset(401);
    expect(q.minOffset).toBe(5);
    await q.correctMinOffset(0);
    expect(q.minOffset).toBe(0);
  });
});

describe('ConsumeQueue: destroy', () => {
  it('destroy deletes the files and the directory, and leaves an empty queue that can be written again', async () => {
    const q = await loaded();
    await putRange(q, 0, 15);
    await q.flush(0);
    await q.destroy();
    expect(existsSync(dir)).toBe(false);
    expect([q.minOffset, q.maxOffset, q.maxPhysicOffset]).toEqual([0, 0, -1]);
    await q.putMessagePositionInfo(request(0));
    expect(await q.getUnits(0, 5)).toEqual([unit(0)]);
  });

  it('rollNextFile gives the first offset of the next file', () => {
    const q = queue();
    expect([q.rollNextFile(0), q.rollNextFile(9), q.rollNextFile(10)]).toEqual([10, 10, 20]);
  });
});

describe('ConsumeQueue: I/O failures', () => {
  it('fails a put with STORE_IO when its next file cannot be created, and succeeds on retry once it can', async () => {
    const q = await loaded({ writeBufferBytes: 2 * CQ_STORE_UNIT_SIZE });
    await putRange(q, 0, UNITS_PER_FILE);
    mkdirSync(join(dir, fileName(1))); // a directory where the next file must go
    await putRange(q, UNITS_PER_FILE, UNITS_PER_FILE + 2);
    await expectStoreError(q.putMessagePositionInfo(request(UNITS_PER_FILE + 2)), 'STORE_IO');
    expect(q.maxOffset).toBe(UNITS_PER_FILE + 2);
    rmSync(join(dir, fileName(1)), { recursive: true });
    expect(await q.putMessagePositionInfo(request(UNITS_PER_FILE + 2))).toEqual({ status: 'APPENDED', blankUnits: 0 });
    await q.close();
    const reopened = await loaded();
    expect(await reopened.getUnits(8, 10)).toEqual([8, 9, 10, 11, 12].map((i) => unit(i)));
  });

  it('reports a directory that cannot be listed as STORE_IO', async () => {
    await expectStoreError(queue({ dir: join(root, 'x'.repeat(300)) }).load(), 'STORE_IO');
  });

  it.skipIf(process.getuid?.() === 0)('fails a put with STORE_IO when its file cannot be written, and succeeds once it can', async () => {
    const q = await loaded({ writeBufferBytes: 2 * CQ_STORE_UNIT_SIZE });
    await putRange(q, 0, 2);
    mkdirSync(join(root, 'consumequeue', 'T'), { recursive: true });
    chmodSync(join(root, 'consumequeue', 'T'), 0o500);
    try {
      await expectStoreError(q.putMessagePositionInfo(request(2)), 'STORE_IO');
      expect(q.maxOffset).toBe(2);
    } finally {
      chmodSync(join(root, 'consumequeue', 'T'), 0o755);
    }
    expect(await q.putMessagePositionInfo(request(2))).toEqual({ status: 'APPENDED', blankUnits: 0 });
    expect(await q.getUnits(0, 3)).toEqual([unit(0), unit(1), unit(2)]);
  });

  it('keeps reading what it can when a file vanished under it', async () => {
    const q = await loaded();
    await putRange(q, 0, 15);
    await q.flush(0);
    truncateSync(join(dir, fileName(1)), 0);
    handles.forget(join(dir, fileName(1)));
    expect(await q.getUnits(8, 5)).toEqual([unit(8), unit(9)]);
  });
});
