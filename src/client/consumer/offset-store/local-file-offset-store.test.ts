import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messageQueueKey } from '../../../protocol/bodies/message-queue.js';
import { LocalFileOffsetStore } from './local-file-offset-store.js';
import { decodeOffsetsFile, encodeOffsetsFile } from './offsets-file.js';

const mq0 = { topic: 'T', brokerName: 'broker-a', queueId: 0 };
const mq1 = { topic: 'T', brokerName: 'broker-a', queueId: 1 };
const other = { topic: 'U', brokerName: 'broker-b', queueId: 0 };
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'offsets-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('offsets.json', () => {
  it('is RocketMQ\'s OffsetSerializeWrapper: offsetTable keyed by MessageQueue, tab-indented', () => {
    const text = encodeOffsetsFile(new Map([[messageQueueKey(mq0), 42]]));
    expect(text).toBe('{\n\t"offsetTable": {\n\t\t"{\\"brokerName\\":\\"broker-a\\",\\"queueId\\":0,\\"topic\\":\\"T\\"}": 42\n\t}\n}');
    expect(decodeOffsetsFile(text)).toEqual(new Map([[messageQueueKey(mq0), 42]]));
  });

  it('reads the file the Java client writes (fastjson pretty format, object keys)', () => {
    const java = '{\n\t"offsetTable":{{\n\t\t\t"brokerName":"broker-a",\n\t\t\t"queueId":1,\n\t\t\t"topic":"T"\n\t\t}:7\n\t}\n}';
    expect(decodeOffsetsFile(java)).toEqual(new Map([[messageQueueKey(mq1), 7]]));
  });
});

describe('local file offset store (broadcasting)', () => {
  it('lives at <dir>/<clientId>/<group>/offsets.json', () => {
    const dir = tempDir();
    expect(new LocalFileOffsetStore({ dir, clientId: '10.0.0.1@x', group: 'G' }).path).toBe(join(dir, '10.0.0.1@x', 'G', 'offsets.json'));
  });

  it('reads from memory, from the file, or memory first; -1 when nothing is known', async () => {
    const store = new LocalFileOffsetStore({ dir: tempDir(), clientId: 'c', group: 'G' });
    expect(await store.readOffset(mq0, 'MEMORY_FIRST_THEN_STORE')).toBe(-1);
    store.updateOffset(mq0, 5, false);
    expect(await store.readOffset(mq0, 'READ_FROM_MEMORY')).toBe(5);
    expect(await store.readOffset(mq0, 'READ_FROM_STORE')).toBe(-1);
    await store.persist(mq0);
    expect(await store.readOffset(mq0, 'READ_FROM_STORE')).toBe(5);
  });

  it('increaseOnly never moves an offset back', () => {
    const store = new LocalFileOffsetStore({ dir: tempDir(), clientId: 'c', group: 'G' });
    store.updateOffset(mq0, 10, false);
    store.updateOffset(mq0, 8, true);
    expect(store.cloneOffsetTable().get(messageQueueKey(mq0))).toBe(10);
    store.updateOffset(mq0, 8, false);
    expect(store.cloneOffsetTable().get(messageQueueKey(mq0))).toBe(8);
  });

  it('persists the asked queues, keeps other queues already in the file, and a new store loads them', async () => {
    const dir = tempDir();
    const first = new LocalFileOffsetStore({ dir, clientId: 'c', group: 'G' });
    first.updateOffset(other, 3, false);
    await first.persistAll([other]);
    const store = new LocalFileOffsetStore({ dir, clientId: 'c', group: 'G' });
    store.updateOffset(mq0, 11, false);
    store.updateOffset(mq1, 12, false);
    await store.persistAll([mq0]);
    const reloaded = new LocalFileOffsetStore({ dir, clientId: 'c', group: 'G' });
    await reloaded.load();
    expect(reloaded.cloneOffsetTable()).toEqual(new Map([[messageQueueKey(other), 3], [messageQueueKey(mq0), 11]]));
    expect(reloaded.cloneOffsetTable('U')).toEqual(new Map([[messageQueueKey(other), 3]]));
  });

  it('writes through a temporary file and keeps the previous file as offsets.json.bak', async () => {
    const store = new LocalFileOffsetStore({ dir: tempDir(), clientId: 'c', group: 'G' });
    store.updateOffset(mq0, 1, false);
    await store.persistAll([mq0]);
    store.updateOffset(mq0, 2, false);
    await store.persistAll([mq0]);
    expect(decodeOffsetsFile(readFileSync(`${store.path}.bak`, 'utf8')).get(messageQueueKey(mq0))).toBe(1);
    expect(decodeOffsetsFile(readFileSync(store.path, 'utf8')).get(messageQueueKey(mq0))).toBe(2);
    expect(existsSync(`${store.path}.tmp`)).toBe(false);
  });

  it('falls back to the backup when the file is damaged, and fails clearly when both are', async () => {
    const store = new LocalFileOffsetStore({ dir: tempDir(), clientId: 'c', group: 'G' });
    mkdirSync(dirname(store.path), { recursive: true });
    writeFileSync(`${store.path}.bak`, encodeOffsetsFile(new Map([[messageQueueKey(mq0), 9]])));
    writeFileSync(store.path, '{"offsetTable":');
    expect(await store.readOffset(mq0, 'READ_FROM_STORE')).toBe(9);
    writeFileSync(`${store.path}.bak`, 'garbage');
    await expect(store.load()).rejects.toMatchObject({ code: 'CLIENT_OFFSET_STORE' });
  });

  it('removeOffset forgets a queue in memory', () => {
    const store = new LocalFileOffsetStore({ dir: tempDir(), clientId: 'c', group: 'G' });
    store.updateOffset(mq0, 1, false);
    store.removeOffset(mq0);
    expect(store.cloneOffsetTable().size).toBe(0);
  });
});
