/**
 * The store under bad conditions: a torn or corrupted log, a nearly full disk, expired
 * files, a file truncated by hand, a second process on the same directory. Each ends in a
 * clear error or a correct recovery; acknowledged messages are never lost silently.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { FileMessageStore } from '../../src/store/file-message-store.js';
import type { MessageStoreConfig } from '../../src/store/store-config.js';
import { message } from './conformance.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rmq-bad-'));
  dirs.push(dir);
  return dir;
}

function config(dir: string, overrides: Partial<MessageStoreConfig> = {}): Partial<MessageStoreConfig> {
  return {
    storePathRootDir: dir,
    mappedFileSizeCommitLog: 64 * 1024,
    mappedFileSizeConsumeQueue: 300 * 20,
    maxHashSlotNum: 100,
    maxIndexNum: 400,
    ...overrides,
  };
}

async function fill(store: FileMessageStore, count: number, bodyBytes = 300): Promise<number[]> {
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const result = await store.putMessage(message('T', i % 2, `${i}:`.padEnd(bodyBytes, 'x'), { KEYS: `k${i}` }));
    expect(result.status).toBe('PUT_OK');
    offsets.push(result.appended[0]?.commitLogOffset as number);
  }
  return offsets;
}

async function bodiesOf(store: FileMessageStore, queueId: number): Promise<string[]> {
  const bodies: string[] = [];
  let offset = store.getMinOffsetInQueue('T', queueId);
  while (offset < store.getMaxOffsetInQueue('T', queueId)) {
    const got = await store.getMessage('T', queueId, offset, 32);
    bodies.push(...decodeMessageRecords(Buffer.concat(got.records)).map((r) => r.body.toString().split(':')[0] as string));
    offset = got.nextBeginOffset;
  }
  return bodies;
}

function commitLogFiles(dir: string): string[] {
  return readdirSync(join(dir, 'commitlog')).sort();
}

/**
 * Bytes of a record (300-byte body, 1-byte topic) whose corruption recovery must detect:
 * RocketMQ's record format checksums only the body, so a compatible store can check the
 * framing (size, magic), the physical-offset field, the body length, the body (CRC) and
 * the topic and properties lengths — not the text of the topic and properties or the
 * other fixed fields.
 */
const BODY_END = 88 + 300;
const LAST_CHECKED_BYTE = BODY_END + 3;

function isCheckedByteOfRecord(at: number): boolean {
  return at < 8 || (at >= 28 && at < 36) || (at >= 84 && at <= BODY_END) || at === BODY_END + 2 || at === LAST_CHECKED_BYTE;
}

describe('a damaged commit log', () => {
  it('recovers to exactly the records before a tear or a detectable corruption at a random byte', async () => {
    const dir = storeDir();
    const writer = new FileMessageStore(config(dir, { mappedFileSizeCommitLog: 1024 * 1024 }));
    await writer.start();
    const offsets = await fill(writer, 40);
    const logEnd = writer.stats().commitLogMaxOffset;
    await writer.shutdown();
    const pristine = readFileSync(join(dir, 'commitlog', '00000000000000000000'));

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: logEnd - 1 }), fc.boolean(), async (position, tear) => {
        const damaged = Buffer.from(pristine);
        const record = offsets.findLastIndex((offset) => offset <= position);
        const recordStart = offsets[record] as number;
        fc.pre(tear || isCheckedByteOfRecord(position - recordStart));
        // A tear keeps a record whose checked bytes all precede it; a flip loses the record it hits.
        const kept = tear ? offsets.filter((offset) => offset + LAST_CHECKED_BYTE < position).length : record;
        const keptEnd = kept < offsets.length ? (offsets[kept] as number) : logEnd;
        if (tear) damaged.fill(0, position);
        else damaged[position] = (damaged[position] as number) ^ 0xff;
        writeFileSync(join(dir, 'commitlog', '00000000000000000000'), damaged);
        writeFileSync(join(dir, 'abort'), '');
        rmSync(join(dir, 'consumequeue'), { recursive: true, force: true });
        rmSync(join(dir, 'index'), { recursive: true, force: true });
        const store = new FileMessageStore(config(dir, { mappedFileSizeCommitLog: 1024 * 1024 }));
        await store.start();
        try {
          const survivors = [...(await bodiesOf(store, 0)), ...(await bodiesOf(store, 1))].map(Number).sort((a, b) => a - b);
          expect(survivors).toEqual(Array.from({ length: kept }, (_, i) => i));
          expect(store.stats().commitLogMaxOffset).toBe(keptEnd);
        } finally {
          await store.shutdown();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('disk space', () => {
  it('refuses writes with a clear answer past 90 % and accepts them again below 85 %, keeping what was stored', async () => {
    const dir = storeDir();
    let usage = 0.5;
    const store = new FileMessageStore(config(dir, { cleanResourceInterval: 20 }), { diskUsage: async () => usage });
    await store.start();
    try {
      await fill(store, 3);
      usage = 0.95;
      await new Promise((resolve) => setTimeout(resolve, 80));
      const refused = await store.putMessage(message('T', 0, 'refused'));
      expect(refused.status).toBe('SERVICE_NOT_AVAILABLE');
      expect(refused.remark).toMatch(/disk of the commit log is 95% full/);
      expect(await bodiesOf(store, 0)).toEqual(['0', '2']);
      usage = 0.8;
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect((await store.putMessage(message('T', 0, 'accepted:'))).status).toBe('PUT_OK');
      expect(await bodiesOf(store, 0)).toEqual(['0', '2', 'accepted']);
    } finally {
      await store.shutdown();
    }
  });

  it('deletes expired commit-log files and the consume-queue files that point into them, keeping min offsets true', async () => {
    const dir = storeDir();
    const store = new FileMessageStore(config(dir, { fileReservedTime: 0, cleanResourceInterval: 20, deleteWhen: '99' }));
    await store.start();
    try {
      await fill(store, 1200);
      const before = commitLogFiles(dir);
      expect(before.length).toBeGreaterThan(3);
      store.requestFileDeletion();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = commitLogFiles(dir);
      expect(after.length).toBeLessThan(before.length);
      const active = store.stats().commitLogMaxOffset - (store.stats().commitLogMaxOffset % (64 * 1024));
      expect(after).toContain(String(active).padStart(20, '0'));
      const minPhysical = Number(after[0]);
      expect(store.stats().commitLogMinOffset).toBe(minPhysical);
      const min = store.getMinOffsetInQueue('T', 0);
      expect(min).toBeGreaterThan(0);
      const first = await store.getMessage('T', 0, min, 1);
      expect(decodeMessageRecords(Buffer.concat(first.records))[0]?.commitLogOffset).toBeGreaterThanOrEqual(minPhysical);
      expect(await store.getMessage('T', 0, 0, 1)).toMatchObject({ status: 'OFFSET_TOO_SMALL', nextBeginOffset: min });
      expect((await store.putMessage(message('T', 0, 'after clean-up'))).status).toBe('PUT_OK');
    } finally {
      await store.shutdown();
    }
  });
});

describe('operator clean-up of consume queues', () => {
  it('CLEAN_EXPIRED_CONSUMEQUEUE removes queues whose messages all lie in deleted log files, and their offsets start again at 0', async () => {
    const dir = storeDir();
    const store = new FileMessageStore(config(dir, { fileReservedTime: 0, cleanResourceInterval: 20, deleteWhen: '99' }));
    await store.start();
    try {
      await store.putMessage(message('Old', 0, 'old message'));
      await fill(store, 600);
      expect(await store.cleanExpiredConsumeQueues()).toEqual([]);
      store.requestFileDeletion();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(store.stats().commitLogMinOffset).toBeGreaterThan(0);
      expect(store.queuesOf('Old')).toEqual([0]);
      expect(await store.cleanExpiredConsumeQueues()).toEqual(['Old/0']);
      expect(store.queuesOf('Old')).toEqual([]);
      expect(readdirSync(join(dir, 'consumequeue'))).not.toContain('Old');
      expect(store.queuesOf('T')).toEqual([0, 1]);
      expect((await store.putMessage(message('Old', 0, 'new message'))).appended[0]?.queueOffset).toBe(0);
    } finally {
      await store.shutdown();
    }
  });
});

describe('files and processes', () => {
  it('reopens after a clean stop with every message and continues the offsets', async () => {
    const dir = storeDir();
    const first = new FileMessageStore(config(dir));
    await first.start();
    await fill(first, 500);
    await first.shutdown();
    const second = new FileMessageStore(config(dir));
    await second.start();
    try {
      expect(second.getMaxOffsetInQueue('T', 0)).toBe(250);
      expect((await second.putMessage(message('T', 0, 'next'))).appended[0]?.queueOffset).toBe(250);
      expect((await bodiesOf(second, 1)).length).toBe(250);
    } finally {
      await second.shutdown();
    }
  });

  it('refuses to open a commit log file truncated by hand, naming the file and the setting', async () => {
    const dir = storeDir();
    const store = new FileMessageStore(config(dir));
    await store.start();
    await fill(store, 10);
    await store.shutdown();
    const file = join(dir, 'commitlog', commitLogFiles(dir)[0] as string);
    truncateSync(file, 1000);
    await expect(new FileMessageStore(config(dir)).start()).rejects.toThrow(/has 1000 bytes but mappedFileSizeCommitLog is 65536/);
  });

  it('recovers from garbage appended to a consume-queue file', async () => {
    const dir = storeDir();
    const store = new FileMessageStore(config(dir));
    await store.start();
    await fill(store, 20);
    await store.shutdown();
    const cq = join(dir, 'consumequeue', 'T', '0', '00000000000000000000');
    const fd = openSync(cq, 'r+');
    writeSync(fd, Buffer.alloc(40, 0xab), 0, 40, 10 * 20);
    closeSync(fd);
    writeFileSync(join(dir, 'abort'), '');
    const reopened = new FileMessageStore(config(dir));
    await reopened.start();
    try {
      expect(reopened.getMaxOffsetInQueue('T', 0)).toBe(10);
      expect(await bodiesOf(reopened, 0)).toEqual(['0', '2', '4', '6', '8', '10', '12', '14', '16', '18']);
      expect(statSync(cq).size).toBe(6000);
    } finally {
      await reopened.shutdown();
    }
  });

  it('refuses a second process on the same store directory while the first holds it', async () => {
    const dir = storeDir();
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import('${new URL('../../src/store/file-message-store.ts', import.meta.url).href}').then(async ({ FileMessageStore }) => { const s = new FileMessageStore(${JSON.stringify(config(dir))}); await s.start(); console.log('HELD'); setInterval(() => {}, 1000); })`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('HELD') && resolve()));
      await expect(new FileMessageStore(config(dir)).start()).rejects.toThrow(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.on('exit', resolve));
    }
    const after = new FileMessageStore(config(dir));
    await after.start();
    await after.shutdown();
  });
});
