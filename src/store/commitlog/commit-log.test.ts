import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import { silentLogger } from '../../common/log.js';
import { FileHandleCache } from '../file-handle-cache.js';
import { segmentName } from '../segment-name.js';
import { CommitLog } from './commit-log.js';

const SEGMENT = 64 * 1024;
let dir: string;
let handles: FileHandleCache;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'commitlog-')), 'commitlog');
  mkdirSync(dir);
  handles = new FileHandleCache();
});
afterEach(async () => {
  await handles.closeAll();
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

function commitLog(): CommitLog {
  return new CommitLog({ dir, segmentBytes: SEGMENT, maxRecordBytes: 4096, cacheBytes: 1 << 20, handles, logger: silentLogger });
}

describe('CommitLog.load', () => {
  it('removes a newest segment left empty by an interrupted creation', async () => {
    writeFileSync(join(dir, segmentName(0)), Buffer.alloc(SEGMENT));
    writeFileSync(join(dir, segmentName(SEGMENT)), Buffer.alloc(0));
    const segments = await commitLog().load();
    expect(segments.map((segment) => segment.start)).toEqual([0]);
    expect(existsSync(join(dir, segmentName(SEGMENT)))).toBe(false);
  });

  it('refuses an empty segment that is not the newest', async () => {
    writeFileSync(join(dir, segmentName(0)), Buffer.alloc(0));
    writeFileSync(join(dir, segmentName(SEGMENT)), Buffer.alloc(SEGMENT));
    const error = await commitLog()
      .load()
      .catch((caught: unknown) => caught);
    expect(isRocketMQError(error, 'STORE_CORRUPT')).toBe(true);
  });
});
