import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRocketMQError } from '../common/errors.js';
import { Checkpoint, CHECKPOINT_FILE_BYTES } from './checkpoint.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Checkpoint', () => {
  it('writes the three times in place and reads them back', async () => {
    const path = join(dir, 'checkpoint');
    const checkpoint = new Checkpoint(path);
    checkpoint.times = { physicMsgTimestamp: 3000, logicsMsgTimestamp: 2000, indexMsgTimestamp: 1000 };
    await checkpoint.flush();
    checkpoint.times.physicMsgTimestamp = 4000;
    await checkpoint.flush();
    expect(statSync(path).size).toBe(CHECKPOINT_FILE_BYTES);
    expect(readFileSync(path).readBigInt64BE(0)).toBe(4000n);
    const reread = new Checkpoint(path);
    await reread.load();
    expect(reread.times).toEqual({ physicMsgTimestamp: 4000, logicsMsgTimestamp: 2000, indexMsgTimestamp: 1000 });
  });

  it('reads an empty file (killed before its first write) as no checkpoint, and a cut one as corrupt', async () => {
    const path = join(dir, 'checkpoint');
    writeFileSync(path, Buffer.alloc(0));
    const empty = new Checkpoint(path);
    await empty.load();
    expect(empty.recoveryStartTimestamp(true)).toBe(0);
    writeFileSync(path, Buffer.alloc(10));
    const error = await new Checkpoint(path).load().catch((caught: unknown) => caught);
    expect(isRocketMQError(error, 'STORE_CORRUPT')).toBe(true);
  });
});
