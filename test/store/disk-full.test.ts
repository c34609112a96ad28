/**
 * A real full disk: the store lives on a 4 MiB tmpfs, mostly taken by a ballast file.
 * When the disk fills, writes are refused with a clear answer and nothing acknowledged is
 * lost; once space is freed, the store writes what it held and accepts writes again.
 * Mounting needs root (as in CI); elsewhere the test is skipped with the reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { FileMessageStore } from '../../src/store/file-message-store.js';
import { message } from './conformance.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'rmq-tmpfs-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'ignore' });
  mounted = true;
} catch {
  // not permitted here: the test below reports the skip
}

afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a disk that fills up or turns read-only (needs root to mount a tmpfs)', () => {
  const ballast = join(mountPoint, 'ballast');
  beforeAll(() => writeFileSync(ballast, Buffer.alloc(3 * 1024 * 1024, 1)));

  it('refuses writes once the commit log cannot be written, loses nothing acknowledged, and recovers when space is freed', async () => {
    const config = {
      storePathRootDir: join(mountPoint, 'store'),
      mappedFileSizeCommitLog: 256 * 1024,
      mappedFileSizeConsumeQueue: 300 * 20,
      maxHashSlotNum: 100,
      maxIndexNum: 400,
      cleanResourceInterval: 60_000,
    };
    const store = new FileMessageStore(config);
    await store.start();
    const acknowledged: number[] = [];
    let refusal: string | undefined;
    for (let i = 0; i < 5000 && refusal === undefined; i++) {
      const result = await store.putMessage(message('Full', 0, `${i}:`.padEnd(1000, 'x')));
      if (result.status === 'PUT_OK') acknowledged.push(i);
      else refusal = `${result.status} ${result.remark ?? ''}`;
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(refusal).toMatch(/^SERVICE_NOT_AVAILABLE commit log cannot be written: .*ENOSPC/);
    rmSync(ballast);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await store.putMessage(message('Full', 0, 'after:'));
    expect(after.status).toBe('PUT_OK');
    await store.shutdown();

    const reopened = new FileMessageStore(config);
    await reopened.start();
    try {
      const bodies: string[] = [];
      let offset = 0;
      while (offset < reopened.getMaxOffsetInQueue('Full', 0)) {
        const got = await reopened.getMessage('Full', 0, offset, 32);
        bodies.push(...decodeMessageRecords(Buffer.concat(got.records)).map((r) => r.body.toString().split(':')[0] as string));
        offset = got.nextBeginOffset;
      }
      expect(bodies).toEqual([...acknowledged.map(String), 'after']);
    } finally {
      await reopened.shutdown();
    }
  }, 60_000);

  it('refuses to open a store on a read-only file system with a clear error', async () => {
    const config = { storePathRootDir: join(mountPoint, 'readonly-store'), mappedFileSizeCommitLog: 64 * 1024 };
    const store = new FileMessageStore(config);
    await store.start();
    await store.putMessage(message('RO', 0, 'kept'));
    await store.shutdown();
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    try {
      await expect(new FileMessageStore(config).start()).rejects.toThrow(/cannot create lock file .*EROFS/);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
    const reopened = new FileMessageStore(config);
    await reopened.start();
    expect(reopened.getMaxOffsetInQueue('RO', 0)).toBe(1);
    await reopened.shutdown();
  });
});
