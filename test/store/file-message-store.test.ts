import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { FileMessageStore } from '../../src/store/file-message-store.js';
import { messageStoreConformance } from './conformance.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

for (const flushDiskType of ['ASYNC_FLUSH', 'SYNC_FLUSH'] as const) {
  messageStoreConformance(`FileMessageStore (${flushDiskType})`, async (overrides) => {
    const dir = mkdtempSync(join(tmpdir(), 'rmq-store-'));
    dirs.push(dir);
    const store = new FileMessageStore({
      storePathRootDir: dir,
      mappedFileSizeCommitLog: 1024 * 1024,
      mappedFileSizeConsumeQueue: 300 * 20,
      maxHashSlotNum: 1000,
      maxIndexNum: 4000,
      flushDiskType,
      ...overrides,
    });
    await store.start();
    return store;
  });
}
