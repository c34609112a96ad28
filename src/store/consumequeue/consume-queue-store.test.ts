import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import type { DispatchRequest } from '../dispatch-request.js';
import { FileHandleCache } from '../file-handle-cache.js';
import { messageStoreConfig, type MessageStoreConfig } from '../store-config.js';
import { ConsumeQueueStore } from './consume-queue-store.js';
import { CQ_STORE_UNIT_SIZE } from './cq-unit.js';

const UNITS_PER_FILE = 10;

let root: string;
let config: MessageStoreConfig;
let handles: FileHandleCache;
let nextCommitLogOffset = 0;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cqs-'));
  config = messageStoreConfig({ storePathRootDir: root, mappedFileSizeConsumeQueue: UNITS_PER_FILE * CQ_STORE_UNIT_SIZE });
  handles = new FileHandleCache();
  nextCommitLogOffset = 0;
});

afterEach(async () => {
  await handles.closeAll();
  rmSync(root, { recursive: true, force: true });
});

async function put(store: ConsumeQueueStore, topic: string, queueId: number, count: number): Promise<void> {
  const queue = store.findOrCreate(topic, queueId);
  for (let i = 0; i < count; i++) {
    const request: DispatchRequest = {
      topic,
      queueId,
      commitLogOffset: nextCommitLogOffset,
      msgSize: 50,
      tagsCode: 0,
      storeTimestamp: 0,
      consumeQueueOffset: queue.maxOffset,
      keys: '',
      uniqKey: null,
      sysFlag: 0,
      preparedTransactionOffset: 0,
    };
    nextCommitLogOffset += 50;
    await queue.putMessagePositionInfo(request);
  }
}

async function opened(): Promise<ConsumeQueueStore> {
  const store = new ConsumeQueueStore({ config, handles });
  await store.load();
  return store;
}

describe('ConsumeQueueStore', () => {
  it('starts empty when there is no consumequeue directory', async () => {
    const store = new ConsumeQueueStore({ config, handles });
    expect(await store.load()).toEqual({ loaded: 0, repairs: [], failed: [] });
    expect([store.queueCount, store.totalMessageCount(), store.maxPhysicOffset()]).toEqual([0, 0, -1]);
  });

  it('finds or creates queues, iterates over them and counts them and their messages', async () => {
    const store = await opened();
    await put(store, 'A', 0, 3);
    await put(store, 'A', 1, 2);
    await put(store, 'B', 0, 12);
    expect(store.findOrCreate('A', 0)).toBe(store.find('A', 0));
    expect([...store].map((q) => `${q.topic}/${q.queueId}`)).toEqual(['A/0', 'A/1', 'B/0']);
    expect(store.queuesOf('A').map((q) => q.queueId)).toEqual([0, 1]);
    expect(store.topics()).toEqual(['A', 'B']);
    expect([store.queueCount, store.totalMessageCount(), store.maxPhysicOffset()]).toEqual([3, 17, 17 * 50]);
    expect(store.find('C', 0)).toBeUndefined();
  });

  it('loads every queue found on disk at start, skipping directories whose name is not a queue id', async () => {
    const first = await opened();
    await put(first, 'A', 0, 3);
    await put(first, 'B', 7, 25);
    await first.close();
    mkdirSync(join(root, 'consumequeue', 'A', 'not-a-queue'));
    mkdirSync(join(root, 'consumequeue', 'A', '01'));
    writeFileSync(join(root, 'consumequeue', 'stray-file'), 'x');
    const store = new ConsumeQueueStore({ config, handles });
    expect(await store.load()).toEqual({ loaded: 2, repairs: [], failed: [] });
    expect([store.find('A', 0)?.maxOffset, store.find('B', 7)?.maxOffset, store.queueCount]).toEqual([3, 25, 2]);
  });

  it('loads the healthy queues when one is corrupt, reports it, and refuses to hand it out', async () => {
    const first = await opened();
    await put(first, 'A', 0, 3);
    await put(first, 'A', 1, 3);
    await first.close();
    writeFileSync(join(root, 'consumequeue', 'A', '1', '00000000000000000000'), Buffer.alloc(7));
    writeFileSync(join(root, 'consumequeue', 'A', '1', '00000000000000000200'), Buffer.alloc(200));
    const store = new ConsumeQueueStore({ config, handles });
    const report = await store.load();
    expect(report.loaded).toBe(1);
    expect(report.failed.map((f) => [f.topic, f.queueId, f.error.code])).toEqual([['A', 1, 'STORE_CORRUPT']]);
    expect(store.find('A', 0)?.maxOffset).toBe(3);
    let thrown: unknown = null;
    try {
      store.findOrCreate('A', 1);
    } catch (error) {
      thrown = error;
    }
    expect(isRocketMQError(thrown, 'STORE_CORRUPT') && /expected 200/.test(thrown.message)).toBe(true);
  });

  it('flushes all queues, honouring flushConsumeQueueLeastPages', async () => {
    const store = await opened();
    await put(store, 'A', 0, 3);
    await put(store, 'A', 1, 3);
    expect(await store.flushAll(1)).toBe(0);
    expect(await store.flushAll(0)).toBe(2);
    expect(await store.flushAll(0)).toBe(0);
    expect(existsSync(join(root, 'consumequeue', 'A', '1', '00000000000000000000'))).toBe(true);
  });

  it('truncates, expires and corrects every queue', async () => {
    const store = await opened();
    await put(store, 'A', 0, 15); // commit-log offsets 0..700
    await put(store, 'B', 0, 15); // 750..1450
    await store.truncateDirtyLogicFiles(1000);
    expect([store.find('A', 0)?.maxOffset, store.find('B', 0)?.maxOffset]).toEqual([15, 5]);
    expect(await store.deleteExpiredFiles(600)).toBe(1);
    expect([store.find('A', 0)?.minOffset, store.find('B', 0)?.minOffset]).toEqual([12, 0]);
    await store.correctMinOffset(800);
    expect([store.find('A', 0)?.minOffset, store.find('B', 0)?.minOffset]).toEqual([15, 1]);
  });

  it('deletes a topic’s queues and directory, and one queue on its own', async () => {
    const store = await opened();
    await put(store, 'A', 0, 3);
    await put(store, 'A', 1, 3);
    await put(store, 'B', 0, 3);
    await store.flushAll(0);
    expect(await store.deleteTopic('A')).toBe(2);
    expect(readdirSync(join(root, 'consumequeue'))).toEqual(['B']);
    expect(await store.deleteQueue('B', 0)).toBe(true);
    expect(await store.deleteQueue('B', 0)).toBe(false);
    expect(readdirSync(join(root, 'consumequeue'))).toEqual([]);
    expect(store.queueCount).toBe(0);
  });
});
