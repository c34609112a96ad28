import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionType } from '../../protocol/message/sys-flag.js';
import type { DispatchRequest } from '../dispatch-request.js';
import { FileHandleCache } from '../file-handle-cache.js';
import { messageStoreConfig, type MessageStoreConfig } from '../store-config.js';
import { indexKeyHash } from './index-key.js';
import { IndexService, type IndexServiceOptions } from './index-service.js';

const T0 = Date.UTC(2026, 10, 24, 17, 13, 45, 877);
const ALL: readonly [number, number] = [0, Number.MAX_SAFE_INTEGER];

const roots: string[] = [];
const open: IndexService[] = [];
afterEach(async () => {
  for (const service of open.splice(0)) await service.close().catch(() => undefined);
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'index-service-'));
  roots.push(root);
  return root;
}

/** A clock that moves 1 s per file created. */
function steppingClock(start = T0): () => number {
  let now = start;
  return () => (now += 1000);
}

interface Setup {
  root: string;
  config?: Partial<MessageStoreConfig>;
  options?: Partial<IndexServiceOptions>;
}

function service({ root, config, options }: Setup): IndexService {
  const created = new IndexService({
    config: messageStoreConfig({ storePathRootDir: root, maxHashSlotNum: 5, maxIndexNum: 6, ...config }),
    readers: new FileHandleCache(8),
    clock: steppingClock(),
    timeZone: 'utc',
    syncOnFlush: false,
    ...options,
  });
  open.push(created);
  return created;
}

async function loaded(setup: Setup, lastExitOK = true, checkpoint = 0): Promise<IndexService> {
  const index = service(setup);
  await index.load(lastExitOK, checkpoint);
  return index;
}

function record(commitLogOffset: number, fields: Partial<DispatchRequest> = {}): DispatchRequest {
  return {
    topic: 'TopicA',
    queueId: 0,
    commitLogOffset,
    msgSize: 100,
    tagsCode: 0,
    storeTimestamp: T0 + commitLogOffset,
    consumeQueueOffset: 0,
    keys: '',
    uniqKey: null,
    sysFlag: 0,
    preparedTransactionOffset: 0,
    ...fields,
  };
}

async function offsets(index: IndexService, key: string, topic = 'TopicA', maxNum = 32, range = ALL): Promise<number[]> {
  const result = await index.queryOffset(topic, key, maxNum, range[0], range[1]);
  expect(result.errors).toEqual([]);
  return result.phyOffsets;
}

describe('IndexService', () => {
  it('indexes a record under its uniq key and each KEYS token, per topic', async () => {
    const index = await loaded({ root: tempRoot(), config: { maxIndexNum: 100 } });
    await index.buildIndex(record(100, { uniqKey: 'U1', keys: 'k1 k2' }));
    await index.buildIndex(record(200, { topic: 'TopicB', keys: 'k1' }));
    expect(await offsets(index, 'U1')).toEqual([100]);
    expect(await offsets(index, 'k1')).toEqual([100]);
    expect(await offsets(index, 'k2')).toEqual([100]);
    expect(await offsets(index, 'k1', 'TopicB')).toEqual([200]);
    expect(await offsets(index, 'k1 k2')).toEqual([]);
  });

  it('skips rollback records and indexes prepared and commit records', async () => {
    const index = await loaded({ root: tempRoot(), config: { maxIndexNum: 100 } });
    await index.buildIndex(record(100, { keys: 'rolled', sysFlag: TransactionType.ROLLBACK }));
    await index.buildIndex(record(200, { keys: 'prepared', sysFlag: TransactionType.PREPARED }));
    await index.buildIndex(record(300, { keys: 'committed', sysFlag: TransactionType.COMMIT | 0x301 }));
    expect(await offsets(index, 'rolled')).toEqual([]);
    expect(await offsets(index, 'prepared')).toEqual([200]);
    expect(await offsets(index, 'committed')).toEqual([300]);
  });

  it('skips records below the newest file’s end offset, which a restart re-dispatches', async () => {
    const root = tempRoot();
    const first = await loaded({ root, config: { maxIndexNum: 100 } });
    await first.buildIndex(record(100, { keys: 'a' }));
    await first.buildIndex(record(200, { keys: 'a' }));
    await first.close();
    const second = await loaded({ root, config: { maxIndexNum: 100 } });
    await second.buildIndex(record(100, { keys: 'a' }));
    await second.buildIndex(record(200, { keys: 'a' })); // at the end offset: Java indexes it again
    await second.buildIndex(record(300, { keys: 'a' }));
    expect(await offsets(second, 'a')).toEqual([300, 200, 200, 100]);
  });

  it('does nothing when messageIndexEnable is off', async () => {
    const root = tempRoot();
    const index = await loaded({ root, config: { messageIndexEnable: false } });
    await index.buildIndex(record(100, { keys: 'a' }));
    expect(existsSync(join(root, 'index'))).toBe(false);
    expect(await offsets(index, 'a')).toEqual([]);
  });

  it('starts a new file named by the clock when the newest is full, continuing from its end', async () => {
    const root = tempRoot();
    const index = await loaded({ root }); // 5 entries per file
    for (let n = 1; n <= 6; n++) await index.buildIndex(record(n * 100, { keys: `k${n}` }));
    const [full, next] = index.indexFiles;
    expect(index.indexFiles.map((f) => f.name)).toEqual(['20261124171346877', '20261124171347877']);
    expect(full?.isFull()).toBe(true);
    expect(full?.isWritable).toBe(false); // flushed and its slot table released
    expect(next?.header).toMatchObject({ beginPhyOffset: 600, endPhyOffset: 600, beginTimestamp: T0 + 600, indexCount: 2 });
    expect(readdirSync(join(root, 'index'))).toHaveLength(2);
    expect(await offsets(index, 'k1')).toEqual([100]);
    expect(await offsets(index, 'k6')).toEqual([600]);
  });

  it('splits one record’s keys across files when the file fills in between', async () => {
    const index = await loaded({ root: tempRoot() });
    await index.buildIndex(record(100, { keys: 'a b c d' }));
    await index.buildIndex(record(200, { uniqKey: 'U', keys: 'e f' }));
    expect(index.indexFiles.map((f) => f.header.indexCount)).toEqual([6, 3]);
    expect(await offsets(index, 'f')).toEqual([200]);
    expect(await offsets(index, 'U')).toEqual([200]);
  });

  it('flush resolves to the end timestamp of the newest full file, or the checkpoint’s value before any', async () => {
    const index = await loaded({ root: tempRoot() }, true, 12345);
    await index.buildIndex(record(100, { keys: 'a b c d e' }));
    expect(await index.flush()).toBe(12345);
    await index.buildIndex(record(200, { keys: 'f' }));
    expect(await index.flush()).toBe(T0 + 100);
  });

  it('the periodic flush writes the entries only; close writes slots and header, so a reopened index finds every key', async () => {
    const root = tempRoot();
    const index = await loaded({ root, config: { maxIndexNum: 100 } });
    await index.buildIndex(record(100, { keys: 'a' }));
    await index.flush();
    expect(index.indexFiles[0]?.unflushedEntries).toBe(0);
    // Killed now, the file on disk still says what it said at creation: header and slots agree.
    const afterCrash = await loaded({ root, config: { maxIndexNum: 100 } });
    expect(afterCrash.indexFiles[0]?.header.indexCount).toBe(1);
    expect(await offsets(afterCrash, 'a')).toEqual([]);
    await index.close();
    const reopened = await loaded({ root, config: { maxIndexNum: 100 } });
    expect(await offsets(reopened, 'a')).toEqual([100]);
  });

  it('flushes by itself once the unflushed entries pass the threshold', async () => {
    const root = tempRoot();
    const index = await loaded({ root, config: { maxIndexNum: 100 }, options: { flushThresholdEntries: 4 } });
    await index.buildIndex(record(100, { keys: 'a b c' }));
    expect(index.indexFiles[0]?.unflushedEntries).toBe(3);
    await index.buildIndex(record(200, { keys: 'd' }));
    expect(index.indexFiles[0]?.unflushedEntries).toBe(0);
  });

  describe('queryOffset', () => {
    it('looks in the newest file first and stops at maxNum', async () => {
      const index = await loaded({ root: tempRoot(), config: { maxIndexNum: 3 } }); // 2 entries per file
      for (let n = 1; n <= 7; n++) await index.buildIndex(record(n * 100, { keys: 'same' }));
      expect(index.indexFiles).toHaveLength(4);
      expect(await offsets(index, 'same')).toEqual([700, 600, 500, 400, 300, 200, 100]);
      expect(await offsets(index, 'same', 'TopicA', 3)).toEqual([700, 600, 500]);
    });

    it('returns at most maxMsgsNumBatch offsets whatever maxNum asks', async () => {
      const index = await loaded({ root: tempRoot(), config: { maxIndexNum: 100 }, options: { maxMsgsNumBatch: 4 } });
      for (let n = 1; n <= 10; n++) await index.buildIndex(record(n * 100, { keys: 'same' }));
      expect(await offsets(index, 'same', 'TopicA', 1000)).toEqual([1000, 900, 800, 700]);
    });

    it('keeps to the time range and stops at the first file that begins before it', async () => {
      const index = await loaded({ root: tempRoot(), config: { maxIndexNum: 3 } });
      for (let n = 1; n <= 6; n++) await index.buildIndex(record(n * 10_000, { keys: 'same' }));
      // files: [10 s, 20 s], [30 s, 40 s], [50 s, 60 s] after T0
      const files = index.indexFiles;
      expect(files.map((f) => [f.beginTimestamp - T0, f.endTimestamp - T0])).toEqual([[10_000, 20_000], [30_000, 40_000], [50_000, 60_000]]);
      expect(await offsets(index, 'same', 'TopicA', 32, [T0 + 15_000, T0 + 25_000])).toEqual([20_000]);
      expect(await offsets(index, 'same', 'TopicA', 32, [T0 + 10_000, T0 + 10_000])).toEqual([10_000]);
      // The second file does not overlap [45 s, ∞) and begins before it: the walk stops there.
      expect(await offsets(index, 'same', 'TopicA', 32, [T0 + 45_000, Number.MAX_SAFE_INTEGER])).toEqual([60_000, 50_000]);
    });

    it('reads the first entry of a following file as Java does: its seconds count from the previous file’s end', async () => {
      const index = await loaded({ root: tempRoot(), config: { maxIndexNum: 3 } });
      for (let n = 1; n <= 3; n++) await index.buildIndex(record(n * 10_000, { keys: 'same' }));
      // Entry 1 of the second file was written with (30 s − 20 s) = 10 s while the file still began at
      // 20 s; the file then began at 30 s, so the entry reads back as 40 s.
      expect(await offsets(index, 'same', 'TopicA', 32, [T0 + 30_000, T0 + 40_000])).toEqual([30_000]);
      expect(await offsets(index, 'same', 'TopicA', 32, [T0 + 30_000, T0 + 30_000])).toEqual([]);
    });

    it('reports how far the index reaches: the newest file’s end', async () => {
      const index = await loaded({ root: tempRoot(), config: { maxIndexNum: 100 } });
      expect(await index.queryOffset('TopicA', 'a', 32, ...ALL)).toEqual({ phyOffsets: [], indexLastUpdateTimestamp: 0, indexLastUpdatePhyoffset: 0, errors: [] });
      await index.buildIndex(record(100, { keys: 'a' }));
      await index.buildIndex(record(250, { keys: 'b' }));
      expect(await index.queryOffset('TopicA', 'a', 32, ...ALL)).toMatchObject({ indexLastUpdateTimestamp: T0 + 250, indexLastUpdatePhyoffset: 250 });
    });

    it('reports a damaged file as an error value and still answers from the others', async () => {
      const root = tempRoot();
      const index = await loaded({ root, config: { maxHashSlotNum: 1, maxIndexNum: 3 } });
      for (let n = 1; n <= 4; n++) await index.buildIndex(record(n * 100, { keys: 'same' }));
      await index.close();
      const [oldest] = readdirSync(join(root, 'index')).sort();
      const path = join(root, 'index', oldest as string);
      const bytes = readFileSync(path);
      bytes.writeInt32BE(2, 40 + 4 + 2 * 20 + 16); // entry 2 links to itself
      writeFileSync(path, bytes);
      const reopened = await loaded({ root, config: { maxHashSlotNum: 1, maxIndexNum: 3 } });
      const result = await reopened.queryOffset('TopicA', 'same', 32, ...ALL);
      expect(result.phyOffsets).toEqual([400, 300, 200]);
      expect(result.errors.map((e) => e.code)).toEqual(['STORE_CORRUPT']);
    });
  });

  describe('deleteExpiredFiles', () => {
    it('deletes the oldest files that end below the offset, never the newest', async () => {
      const root = tempRoot();
      const index = await loaded({ root, config: { maxIndexNum: 3 } });
      for (let n = 1; n <= 6; n++) await index.buildIndex(record(n * 100, { keys: 'same' }));
      const names = index.indexFiles.map((f) => f.name);
      expect(await index.deleteExpiredFiles(250)).toEqual([names[0]]);
      expect(await index.deleteExpiredFiles(10_000)).toEqual([names[1]]);
      expect(index.indexFiles.map((f) => f.name)).toEqual([names[2]]);
      expect(readdirSync(join(root, 'index'))).toEqual([names[2]]);
      expect(await offsets(index, 'same')).toEqual([600, 500]);
    });
  });

  describe('load', () => {
    async function threeFiles(root: string): Promise<string[]> {
      const index = await loaded({ root, config: { maxIndexNum: 3 } });
      for (let n = 1; n <= 5; n++) await index.buildIndex(record(n * 100, { keys: 'same' }));
      await index.close();
      return readdirSync(join(root, 'index')).sort();
    }

    it('keeps every file after a clean exit', async () => {
      const root = tempRoot();
      const names = await threeFiles(root);
      const index = service({ root, config: { maxIndexNum: 3 } });
      expect(await index.load(true, 0)).toEqual({ loaded: names, destroyed: [], skipped: [] });
      expect(await offsets(index, 'same')).toEqual([500, 400, 300, 200, 100]);
    });

    it('after a crash deletes the files that end after the checkpoint’s index timestamp', async () => {
      const root = tempRoot();
      const names = await threeFiles(root);
      const index = service({ root, config: { maxIndexNum: 3 } });
      expect(await index.load(false, T0 + 200)).toEqual({ loaded: names.slice(0, 1), destroyed: names.slice(1), skipped: [] });
      expect(readdirSync(join(root, 'index'))).toEqual(names.slice(0, 1));
      await index.buildIndex(record(300, { keys: 'same' }));
      expect(await offsets(index, 'same')).toEqual([300, 200, 100]);
    });

    it('leaves out, reports and keeps on disk what is not a readable index file', async () => {
      const root = tempRoot();
      const names = await threeFiles(root);
      const dir = join(root, 'index');
      writeFileSync(join(dir, 'notes.txt'), 'x');
      writeFileSync(join(dir, '20991231235959999'), Buffer.alloc(10));
      mkdirSync(join(dir, '20000101000000000'));
      const index = service({ root, config: { maxIndexNum: 3 } });
      const report = await index.load(true, 0);
      expect(report.loaded).toEqual(names);
      expect(report.skipped.map((s) => [s.name, s.error.code])).toEqual([
        ['20000101000000000', 'STORE_CORRUPT'],
        ['20991231235959999', 'STORE_CORRUPT'],
        ['notes.txt', 'STORE_CORRUPT'],
      ]);
      for (let n = 6; n <= 7; n++) await index.buildIndex(record(n * 100, { keys: 'same' }));
      expect(index.indexFiles.at(-1)?.name).toBe('21000101000000000');
      expect(readdirSync(dir)).toHaveLength(7);
    });

    it('starts from an empty or missing directory', async () => {
      const index = service({ root: tempRoot() });
      expect(await index.load(true, 0)).toEqual({ loaded: [], destroyed: [], skipped: [] });
    });
  });

  it('rejects settings no index file can have', () => {
    expect(() => service({ root: tempRoot(), config: { maxIndexNum: 1 } })).toThrow(RangeError);
    expect(() => service({ root: tempRoot(), config: { maxHashSlotNum: 0 } })).toThrow(RangeError);
  });

  it('refuses keys once closed', async () => {
    const index = await loaded({ root: tempRoot() });
    await index.close();
    await expect(index.buildIndex(record(100, { keys: 'a' }))).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
  });
});

describe('IndexService against a model', () => {
  const topics = ['T1', 'T2'];
  const words = ['a', 'b', 'c', 'd', 'e', 'f'];
  const recordArb = fc.record({
    topic: fc.constantFrom(...topics),
    uniqKey: fc.option(fc.constantFrom(...words), { nil: null }),
    keys: fc.array(fc.constantFrom(...words, ''), { maxLength: 3 }).map((tokens) => tokens.join(' ')),
  });
  const opArb = fc.oneof(
    { weight: 6, arbitrary: recordArb.map((r) => ({ kind: 'put' as const, ...r })) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('query' as const), topic: fc.constantFrom(...topics), key: fc.constantFrom(...words), maxNum: fc.integer({ min: 0, max: 12 }) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
  );

  it('finds the same offsets, newest first, as a list of every key put, across file rolls and reopens', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(opArb, { maxLength: 60 }),
        async (hashSlotNum, indexNum, flushThresholdEntries, ops) => {
          const root = tempRoot();
          const setup: Setup = { root, config: { maxHashSlotNum: hashSlotNum, maxIndexNum: indexNum }, options: { flushThresholdEntries, maxMsgsNumBatch: 10 } };
          let index = await loaded(setup);
          const model: { hash: number; offset: number }[] = [];
          let offset = 0;
          for (const op of ops) {
            if (op.kind === 'put') {
              offset += 100;
              await index.buildIndex(record(offset, { topic: op.topic, uniqKey: op.uniqKey, keys: op.keys }));
              const keys = [...(op.uniqKey === null ? [] : [op.uniqKey]), ...op.keys.split(' ').filter(Boolean)];
              for (const key of keys) model.push({ hash: indexKeyHash(`${op.topic}#${key}`), offset });
            } else if (op.kind === 'query') {
              const hash = indexKeyHash(`${op.topic}#${op.key}`);
              const expected = model.filter((e) => e.hash === hash).map((e) => e.offset).reverse().slice(0, Math.min(op.maxNum, 10));
              expect(await offsets(index, op.key, op.topic, op.maxNum)).toEqual(expected);
            } else if (op.kind === 'flush') {
              await index.flush();
            } else {
              await index.close();
              index = await loaded(setup);
            }
          }
          const files = index.indexFiles;
          expect(files.filter((f) => f.isWritable).length).toBeLessThanOrEqual(1);
          expect(files.slice(0, -1).every((f) => f.isFull())).toBe(true);
          await index.close();
          rmSync(root, { recursive: true, force: true });
        },
      ),
      { numRuns: 150 },
    );
  });
});
