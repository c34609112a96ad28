/**
 * Crash test with real processes: a child appends with SYNC_FLUSH and reports each
 * acknowledged message; it is killed with SIGKILL at a random moment, many times over one
 * store directory. After each kill the store reopens, and every acknowledged message is
 * readable with the same offsets and contents, and the consume queues and the index agree
 * with the log.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { FileMessageStore } from '../../src/store/file-message-store.js';
import { CRASH_TEST_QUEUES, CRASH_TEST_TOPIC, crashTestBody, crashTestStoreConfig } from './support/crash-test-messages.js';

const writerScript = fileURLToPath(new URL('./support/crash-writer.ts', import.meta.url));
const KILLS = Number(process.env['CRASH_TEST_KILLS'] ?? 6);

interface Ack {
  run: string;
  n: number;
  queueId: number;
  queueOffset: number;
  commitLogOffset: number;
}

const dir = mkdtempSync(join(tmpdir(), 'rmq-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until `killAfterMs` after its first acknowledgement, kills it, returns its acks. */
function runAndKill(run: string, killAfterMs: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dir, run], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, ackRun, n, queueId, queueOffset, commitLogOffset] = line.split(' ');
        if (kind !== 'ACK') continue;
        acks.push({ run: ackRun as string, n: Number(n), queueId: Number(queueId), queueOffset: Number(queueOffset), commitLogOffset: Number(commitLogOffset) });
        timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`writer exited by itself: ${stderr}`));
    });
  });
}

describe('crash recovery with real processes and SIGKILL', () => {
  const acknowledged: Ack[] = [];

  it(`keeps every acknowledged message through ${KILLS} kills at random moments`, async () => {
    for (let kill = 0; kill < KILLS; kill++) {
      const acks = await runAndKill(String(kill), 100 + Math.floor(Math.random() * 900));
      expect(acks.length).toBeGreaterThan(0);
      acknowledged.push(...acks);
      const store = new FileMessageStore(crashTestStoreConfig(dir));
      await store.start();
      try {
        for (const ack of acknowledged) {
          const record = await store.lookMessageByOffset(ack.commitLogOffset);
          expect(record?.body.toString()).toBe(crashTestBody(ack.run, ack.n));
          expect([record?.queueId, record?.queueOffset]).toEqual([ack.queueId, ack.queueOffset]);
        }
        await expectQueuesAgreeWithLog(store);
        const sample = acknowledged[Math.floor(Math.random() * acknowledged.length)] as Ack;
        const found = await store.queryMessage(CRASH_TEST_TOPIC, `crash-${sample.run}-${sample.n}`, 32, 0, Number.MAX_SAFE_INTEGER);
        expect(decodeMessageRecords(Buffer.concat(found.records)).map((r) => r.commitLogOffset)).toContain(sample.commitLogOffset);
      } finally {
        await store.shutdown();
      }
    }
  }, 180_000);
});

/** Every queue holds offsets min..max-1 in order, each pointing at a record of that queue and offset. */
async function expectQueuesAgreeWithLog(store: FileMessageStore): Promise<void> {
  for (let queueId = 0; queueId < CRASH_TEST_QUEUES; queueId++) {
    let offset = store.getMinOffsetInQueue(CRASH_TEST_TOPIC, queueId);
    const max = store.getMaxOffsetInQueue(CRASH_TEST_TOPIC, queueId);
    while (offset < max) {
      const result = await store.getMessage(CRASH_TEST_TOPIC, queueId, offset, 32);
      expect(result.status).toBe('FOUND');
      for (const record of decodeMessageRecords(Buffer.concat(result.records))) {
        expect([record.queueId, record.queueOffset]).toEqual([queueId, offset]);
        offset++;
      }
    }
  }
  expect(store.stats().dispatchBehindBytes).toBe(0);
}
