import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DispatchRequest } from '../dispatch-request.js';
import { FileHandleCache } from '../file-handle-cache.js';
import { ConsumeQueue } from './consume-queue.js';
import { CQ_STORE_UNIT_SIZE } from './cq-unit.js';

let root: string;
let handles: FileHandleCache;
let queue: ConsumeQueue;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'cq-try-'));
  handles = new FileHandleCache();
  queue = new ConsumeQueue({
    topic: 'T',
    queueId: 0,
    dir: join(root, 'consumequeue', 'T', '0'),
    mappedFileSizeConsumeQueue: 10 * CQ_STORE_UNIT_SIZE,
    handles,
    writeBufferBytes: 4 * CQ_STORE_UNIT_SIZE,
  });
  await queue.load();
});

afterEach(async () => {
  await queue.close();
  await handles.closeAll();
  rmSync(root, { recursive: true, force: true });
});

function request(queueOffset: number, n = queueOffset): DispatchRequest {
  return {
    topic: 'T',
    queueId: 0,
    commitLogOffset: n * 100,
    msgSize: 100,
    tagsCode: n,
    storeTimestamp: 1_000 + n,
    consumeQueueOffset: queueOffset,
    keys: '',
    uniqKey: null,
    sysFlag: 0,
    preparedTransactionOffset: 0,
  };
}

describe('ConsumeQueue.tryPutMessagePositionInfo', () => {
  it('appends the next unit at once, readable like one put through the lock', async () => {
    for (let i = 0; i < 3; i++) expect(queue.tryPutMessagePositionInfo(request(i))).toEqual({ status: 'APPENDED', blankUnits: 0 });
    expect(queue.maxOffset).toBe(3);
    expect(queue.maxPhysicOffset).toBe(300);
    expect((await queue.getUnits(0, 10)).map((unit) => unit.commitLogOffset)).toEqual([0, 100, 200]);
  });

  it('skips duplicates as the locked put does', () => {
    queue.tryPutMessagePositionInfo(request(0));
    queue.tryPutMessagePositionInfo(request(1));
    expect(queue.tryPutMessagePositionInfo(request(1))).toEqual({ status: 'DUPLICATE', reason: 'PHYSICAL_OFFSET' });
    expect(queue.tryPutMessagePositionInfo(request(0, 5))).toEqual({ status: 'DUPLICATE', reason: 'QUEUE_OFFSET' });
    expect(queue.maxOffset).toBe(2);
  });

  it('declines, doing nothing, when the buffer is full, an offset leaves a gap or a mutation is under way', async () => {
    for (let i = 0; i < 4; i++) queue.tryPutMessagePositionInfo(request(i));
    expect(queue.tryPutMessagePositionInfo(request(4))).toBeNull();
    await queue.putMessagePositionInfo(request(4));
    expect(queue.tryPutMessagePositionInfo(request(7))).toBeNull();
    const pending = queue.putMessagePositionInfo(request(5));
    expect(queue.tryPutMessagePositionInfo(request(6))).toBeNull();
    await pending;
    expect(queue.tryPutMessagePositionInfo(request(6))).toEqual({ status: 'APPENDED', blankUnits: 0 });
    expect((await queue.getUnits(0, 10)).map((unit) => unit.queueOffset)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
