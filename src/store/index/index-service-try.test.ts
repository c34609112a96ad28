import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchRequest } from '../dispatch-request.js';
import { FileHandleCache } from '../file-handle-cache.js';
import { messageStoreConfig } from '../store-config.js';
import { IndexService } from './index-service.js';

const roots: string[] = [];
const services: IndexService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close().catch(() => undefined);
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

async function loaded(maxIndexNum: number, flushThresholdEntries?: number): Promise<IndexService> {
  const root = mkdtempSync(join(tmpdir(), 'index-try-'));
  roots.push(root);
  const service = new IndexService({
    config: messageStoreConfig({ storePathRootDir: root, maxHashSlotNum: 5, maxIndexNum }),
    readers: new FileHandleCache(8),
    syncOnFlush: false,
    ...(flushThresholdEntries === undefined ? {} : { flushThresholdEntries }),
  });
  services.push(service);
  await service.load(true, 0);
  return service;
}

function record(commitLogOffset: number, keys: string, uniqKey: string | null = null): DispatchRequest {
  return {
    topic: 'T',
    queueId: 0,
    commitLogOffset,
    msgSize: 100,
    tagsCode: 0,
    storeTimestamp: 1_700_000_000_000 + commitLogOffset,
    consumeQueueOffset: 0,
    keys,
    uniqKey,
    sysFlag: 0,
    preparedTransactionOffset: 0,
  };
}

async function offsets(index: IndexService, key: string): Promise<number[]> {
  return (await index.queryOffset('T', key, 32, 0, Number.MAX_SAFE_INTEGER)).phyOffsets;
}

describe('IndexService.tryBuildIndex', () => {
  it('declines until a file is open, then indexes at once what buildIndex would', async () => {
    const index = await loaded(100);
    expect(index.tryBuildIndex(record(100, 'a b', 'U1'))).toBe(false);
    await index.buildIndex(record(100, 'a b', 'U1'));
    expect(index.tryBuildIndex(record(200, 'a', 'U2'))).toBe(true);
    expect(await offsets(index, 'a')).toEqual([200, 100]);
    expect(await offsets(index, 'U2')).toEqual([200]);
  });

  it('declines, indexing nothing, when the record’s keys do not all fit in the newest file', async () => {
    const index = await loaded(4);
    await index.buildIndex(record(100, 'a b'));
    expect(index.tryBuildIndex(record(200, 'c d e'))).toBe(false);
    expect(await offsets(index, 'c')).toEqual([]);
    await index.buildIndex(record(200, 'c d e'));
    expect(await offsets(index, 'e')).toEqual([200]);
  });

  it('declines once the unflushed entries reach the flush threshold, so that buildIndex flushes', async () => {
    const index = await loaded(100, 2);
    await index.buildIndex(record(100, 'a'));
    expect(index.tryBuildIndex(record(200, 'b'))).toBe(true);
    expect(index.tryBuildIndex(record(300, 'c'))).toBe(false);
    await index.buildIndex(record(300, 'c'));
    expect(index.tryBuildIndex(record(400, 'd'))).toBe(true);
  });
});
