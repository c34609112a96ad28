/**
 * SYNC_FLUSH semantics: a put resolves only after an fsync covering it; concurrent puts
 * share fsyncs (group commit); a flush that takes longer than syncFlushTimeout answers
 * FLUSH_DISK_TIMEOUT with the message stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileMessageStore } from '../../src/store/file-message-store.js';
import type { MessageStoreConfig } from '../../src/store/store-config.js';
import { message } from './conformance.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function syncStore(overrides: Partial<MessageStoreConfig> = {}): FileMessageStore {
  const dir = mkdtempSync(join(tmpdir(), 'rmq-flush-'));
  dirs.push(dir);
  return new FileMessageStore({
    storePathRootDir: dir,
    flushDiskType: 'SYNC_FLUSH',
    mappedFileSizeCommitLog: 1024 * 1024,
    mappedFileSizeConsumeQueue: 300 * 20,
    maxHashSlotNum: 100,
    maxIndexNum: 400,
    ...overrides,
  });
}

/**
 * Runs `run` while every fdatasync of any FileHandle is counted and, with `delayMs`, made
 * that much slower (a slow disk); the real fdatasync still runs.
 */
async function observingDatasyncs<T>(run: () => Promise<T>, delayMs = 0): Promise<{ result: T; datasyncs: number }> {
  const probe = await open(join(tmpdir(), `probe-${process.pid}`), 'w');
  const prototype = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
  const original = prototype.datasync;
  let datasyncs = 0;
  prototype.datasync = async function (this: FileHandle) {
    datasyncs++;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return original.call(this);
  };
  try {
    return { result: await run(), datasyncs };
  } finally {
    prototype.datasync = original;
  }
}

describe('SYNC_FLUSH', () => {
  it('acknowledges only flushed messages, and concurrent puts share fsyncs (group commit)', async () => {
    const store = syncStore({ flushIntervalConsumeQueue: 60_000 });
    await store.start();
    try {
      const { result, datasyncs } = await observingDatasyncs(() =>
        Promise.all(Array.from({ length: 200 }, (_, i) => store.putMessage(message('G', i % 4, `m${i}`)))),
      );
      expect(result.every((r) => r.status === 'PUT_OK')).toBe(true);
      expect(store.stats().unflushedBytes).toBe(0);
      expect(datasyncs).toBeGreaterThan(0);
      expect(datasyncs).toBeLessThan(50);
    } finally {
      await store.shutdown();
    }
  });

  it('answers FLUSH_DISK_TIMEOUT when the flush takes longer than syncFlushTimeout, and keeps the message', async () => {
    const store = syncStore({ syncFlushTimeout: 20 });
    await store.start();
    try {
      const { result } = await observingDatasyncs(() => store.putMessage(message('G', 0, 'slow disk')), 200);
      expect(result.status).toBe('FLUSH_DISK_TIMEOUT');
      const stored = await store.lookMessageByOffset(result.appended[0]?.commitLogOffset as number);
      expect(stored?.body.toString()).toBe('slow disk');
      expect(store.getMaxOffsetInQueue('G', 0)).toBe(1);
    } finally {
      await store.shutdown();
    }
  });

  it('does not wait for the disk when the message says WAIT=false', async () => {
    const store = syncStore({ syncFlushTimeout: 20 });
    await store.start();
    try {
      const { result } = await observingDatasyncs(() => store.putMessage(message('G', 0, 'no wait', { WAIT: 'false' })), 200);
      expect(result.status).toBe('PUT_OK');
    } finally {
      await store.shutdown();
    }
  });
});
