/**
 * The schedule service against the real stores (FileMessageStore in a temp dir and
 * MemoryMessageStore): delayed messages arrive at their real topic after their delay and
 * never before, a restart in the middle loses nothing and delivers nothing early, refused
 * puts are retried, and the Java-written fixture stores deliver what the Java broker did.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessageRecord, type MessageRecord } from '../../protocol/message/message-record.js';
import { toMessageProperties } from '../../protocol/message/properties.js';
import { DelayLevels } from '../../store/delay-levels.js';
import { SCHEDULE_TOPIC } from '../../store/dispatch-request.js';
import { FileMessageStore } from '../../store/file-message-store.js';
import { MemoryMessageStore } from '../../store/memory-message-store.js';
import type { MessageStore, MessageToStore, PutMessageResult } from '../../store/message-store.js';
import { buildTagSubscription } from '../filter/build-subscription.js';
import { TagMessageFilter } from '../filter/tag-filter.js';
import { delayOffsetPath } from '../offset/delay-offset-manager.js';
import { toScheduleTopic } from '../send/message-rewrites.js';
import { ScheduleMessageService, type ScheduleMessageServiceOptions } from './schedule-message-service.js';

const storeFixtures = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'store');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'schedule-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}


interface SentDelayed {
  message: MessageToStore;
  seq: number;
  level: number;
  /** Store time of the record in SCHEDULE_TOPIC_XXXX. */
  storeTimestamp: number;
}

function delayedMessage(topic: string, queueId: number, level: number, seq: number, tag = 'TagA'): MessageToStore {
  return {
    topic,
    queueId,
    flag: seq % 3,
    body: Buffer.from(`delayed message ${seq}`),
    properties: toMessageProperties({ DELAY: String(level), TAGS: tag, KEYS: `key-${seq}`, seq: String(seq), WAIT: 'true' }),
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000 + seq,
    bornHost: { host: '127.0.0.1', port: 40000 + seq },
    storeHost: { host: '127.0.0.1', port: 10911 },
    reconsumeTimes: seq % 2,
    preparedTransactionOffset: 0,
  };
}

/** Stores a delayed message as the broker's put path does (into SCHEDULE_TOPIC_XXXX); keeps the original. */
async function sendDelayed(store: MessageStore, levels: DelayLevels, message: MessageToStore, seq: number, level: number): Promise<SentDelayed> {
  const original = { ...message, properties: toMessageProperties(message.properties) };
  toScheduleTopic(message, level, levels);
  const result = await store.putMessage(message);
  if (result.status !== 'PUT_OK') throw new Error(`put failed: ${result.status} ${result.remark ?? ''}`);
  return { message: original, seq, level, storeTimestamp: (result.appended[0] as { storeTimestamp: number }).storeTimestamp };
}

/** Every record of a queue, in order. */
async function readQueue(store: MessageStore, topic: string, queueId: number): Promise<MessageRecord[]> {
  const records: MessageRecord[] = [];
  let offset = store.getMinOffsetInQueue(topic, queueId);
  const max = store.getMaxOffsetInQueue(topic, queueId);
  while (offset < max) {
    const result = await store.getMessage(topic, queueId, offset, 32);
    for (const bytes of result.records) records.push(decodeMessageRecord(Buffer.from(bytes)).record);
    if (result.nextBeginOffset <= offset) break;
    offset = result.nextBeginOffset;
  }
  return records;
}

/** Resolves once `condition` holds, checking every 5 ms; rejects after `timeoutMs`. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const LEVELS = '100ms 200ms 300ms';

async function openStore(kind: 'file' | 'memory', dir: string, messageDelayLevel = LEVELS): Promise<MessageStore> {
  const store =
    kind === 'file'
      ? new FileMessageStore({ storePathRootDir: dir, messageDelayLevel, mappedFileSizeCommitLog: 1024 * 1024, mappedFileSizeConsumeQueue: 300 * 20 })
      : new MemoryMessageStore({ messageDelayLevel });
  await store.start();
  return store;
}

function startService(store: MessageStore, dir: string, options: Partial<ScheduleMessageServiceOptions> = {}, messageDelayLevel = LEVELS): ScheduleMessageService {
  const service = new ScheduleMessageService({ store, delayLevels: new DelayLevels(messageDelayLevel), storePathRootDir: dir, ...options });
  service.start();
  return service;
}

function seqOf(record: MessageRecord): number {
  return Number(record.properties['seq']);
}

/** Checks each delivered record against what was sent: never early, fields and properties kept. */
function expectDeliveredFaithfully(delivered: MessageRecord[], sent: Map<number, SentDelayed>, delays: DelayLevels, queueId: number): void {
  for (const record of delivered) {
    const original = sent.get(seqOf(record));
    expect(original, `seq ${seqOf(record)} was sent`).toBeDefined();
    if (!original) continue;
    const { message } = original;
    expect(record.storeTimestamp).toBeGreaterThanOrEqual(original.storeTimestamp + delays.delayMs(original.level));
    expect([record.topic, record.queueId, record.flag, record.bornTimestamp, record.reconsumeTimes, record.body.toString()]).toEqual([
      'TopicB',
      queueId,
      message.flag,
      message.bornTimestamp,
      message.reconsumeTimes,
      message.body.toString(),
    ]);
    expect(record.bornHost).toEqual(message.bornHost);
    expect({ ...record.properties }).toEqual({ ...message.properties, REAL_TOPIC: 'TopicB', REAL_QID: String(queueId) });
  }
}

describe.each(['file', 'memory'] as const)('ScheduleMessageService on the %s store', (kind) => {
  it('delivers messages of levels 1–3 to their real topic after their delays, never before', async () => {
    const dir = tempDir();
    const store = await openStore(kind, dir);
    cleanups.push(() => store.shutdown());
    const delays = new DelayLevels(LEVELS);
    const service = startService(store, dir);
    cleanups.push(() => service.shutdown());
    const sent = new Map<number, SentDelayed>();
    for (let seq = 0; seq < 30; seq++) {
      const level = (seq % 3) + 1;
      const queueId = seq % 2;
      sent.set(seq, await sendDelayed(store, delays, delayedMessage('TopicB', queueId, level, seq, seq % 4 === 0 ? 'TagA' : 'TagB'), seq, level));
    }
    await until(() => store.getMaxOffsetInQueue('TopicB', 0) + store.getMaxOffsetInQueue('TopicB', 1) === 30, 5_000, 'all 30 delivered');
    const delivered = [...(await readQueue(store, 'TopicB', 0)), ...(await readQueue(store, 'TopicB', 1))];
    expect(delivered.map(seqOf).sort((a, b) => a - b)).toEqual([...sent.keys()]);
    expectDeliveredFaithfully(await readQueue(store, 'TopicB', 0), sent, delays, 0);
    expectDeliveredFaithfully(await readQueue(store, 'TopicB', 1), sent, delays, 1);
    // Within a level, the store order is kept.
    for (const queueId of [0, 1]) {
      const levelOne = (await readQueue(store, 'TopicB', queueId)).filter((record) => record.properties['DELAY'] === '1').map(seqOf);
      expect(levelOne).toEqual([...levelOne].sort((a, b) => a - b));
    }
    // The consume queue carries the tag hash of the delivered copies (tag filtering works).
    const onlyTagA = await store.getMessage('TopicB', 0, 0, 32, new TagMessageFilter(buildTagSubscription('TopicB', 'TagA', 1)));
    expect(onlyTagA.records.map((bytes) => decodeMessageRecord(Buffer.from(bytes)).record.properties['TAGS'])).toEqual(
      Array.from({ length: 8 }, () => 'TagA'),
    );
    await service.shutdown();
    expect(JSON.parse(readFileSync(delayOffsetPath(dir), 'utf8'))).toEqual({ offsetTable: { 1: 10, 2: 10, 3: 10 } });
    expect(service.progress().map((level) => [level.level, level.offset])).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
    ]);
  });

  it('passes over records that cannot be delivered and retries puts the store refuses', async () => {
    const dir = tempDir();
    const real = await openStore(kind, dir);
    cleanups.push(() => real.shutdown());
    let refusals = 3;
    const refusingPut = async (message: MessageToStore): Promise<PutMessageResult> => {
      if (message.topic === 'TopicB' && refusals-- > 0) return { status: 'OS_PAGECACHE_BUSY', appended: [], remark: 'busy' };
      return real.putMessage(message);
    };
    // The real store, whose puts to TopicB are refused three times.
    const flaky = new Proxy(real, {
      get: (target, key) => {
        if (key === 'putMessage') return refusingPut;
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const delays = new DelayLevels(LEVELS);
    const lost = delayedMessage('TopicB', 0, 1, 99);
    toScheduleTopic(lost, 1, delays);
    delete lost.properties['REAL_TOPIC'];
    await real.putMessage(lost);
    const sent = new Map<number, SentDelayed>();
    for (let seq = 0; seq < 5; seq++) sent.set(seq, await sendDelayed(real, delays, delayedMessage('TopicB', 0, 1, seq), seq, 1));
    const service = startService(flaky, dir, { retryDelayMs: 20 });
    cleanups.push(() => service.shutdown());
    await until(() => real.getMaxOffsetInQueue('TopicB', 0) === 5, 5_000, 'five delivered');
    await sleep(50);
    const delivered = await readQueue(real, 'TopicB', 0);
    expect(delivered.map(seqOf)).toEqual([0, 1, 2, 3, 4]);
    expectDeliveredFaithfully(delivered, sent, delays, 0);
    expect(refusals).toBeLessThan(0);
    expect(service.progress()[0]).toEqual({ level: 1, offset: 6, maxOffset: 6 });
  });

  it('delivers at once a message whose due time lies beyond now + its delay (the clock went back)', async () => {
    const dir = tempDir();
    const store = await openStore(kind, dir, '1h 2h');
    cleanups.push(() => store.shutdown());
    const delays = new DelayLevels('1h 2h');
    await sendDelayed(store, delays, delayedMessage('TopicB', 0, 1, 1), 1, 1);
    const service = startService(store, dir, { now: () => Date.now() - 2 * 3_600_000 }, '1h 2h');
    cleanups.push(() => service.shutdown());
    await until(() => store.getMaxOffsetInQueue('TopicB', 0) === 1, 2_000, 'delivered at once');
  });

  it('waits for a message that is not due, without delivering it early', async () => {
    const dir = tempDir();
    const store = await openStore(kind, dir, '1h 2h');
    cleanups.push(() => store.shutdown());
    await sendDelayed(store, new DelayLevels('1h 2h'), delayedMessage('TopicB', 0, 2, 1), 1, 2);
    const service = startService(store, dir, {}, '1h 2h');
    cleanups.push(() => service.shutdown());
    await sleep(100);
    expect(store.getMaxOffsetInQueue('TopicB', 0)).toBe(0);
    expect(service.progress()[1]).toEqual({ level: 2, offset: 0, maxOffset: 1 });
  });
});

describe('ScheduleMessageService across a restart', () => {
  const levels = '100ms 200ms 1500ms';

  it('resumes from the persisted offsets: nothing lost, nothing early, nothing twice', async () => {
    const dir = tempDir();
    const delays = new DelayLevels(levels);
    let store = await openStore('file', dir, levels);
    let service = startService(store, dir, {}, levels);
    const sent = new Map<number, SentDelayed>();
    for (let seq = 0; seq < 6; seq++) {
      const level = seq < 3 ? 1 : 3;
      sent.set(seq, await sendDelayed(store, delays, delayedMessage('TopicB', 0, level, seq), seq, level));
    }
    await until(() => store.getMaxOffsetInQueue('TopicB', 0) === 3, 3_000, 'level 1 delivered');
    await service.shutdown();
    await store.shutdown();
    const stoppedAt = Date.now();
    const dueAt = Math.min(...[3, 4, 5].map((seq) => (sent.get(seq) as SentDelayed).storeTimestamp + delays.delayMs(3)));
    expect(stoppedAt).toBeLessThan(dueAt);
    expect(JSON.parse(readFileSync(delayOffsetPath(dir), 'utf8'))).toEqual({ offsetTable: { 1: 3 } });

    store = await openStore('file', dir, levels);
    cleanups.push(() => store.shutdown());
    expect(store.getMaxOffsetInQueue('TopicB', 0)).toBe(3);
    service = startService(store, dir, {}, levels);
    cleanups.push(() => service.shutdown());
    await until(
      () => {
        if (store.getMaxOffsetInQueue('TopicB', 0) > 3) expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
        return store.getMaxOffsetInQueue('TopicB', 0) === 6;
      },
      5_000,
      'level 3 delivered after the restart',
    );
    await sleep(300);
    const delivered = await readQueue(store, 'TopicB', 0);
    expect(delivered.map(seqOf)).toEqual([0, 1, 2, 3, 4, 5]);
    expectDeliveredFaithfully(delivered, sent, delays, 0);
    await service.shutdown();
    expect(JSON.parse(readFileSync(delayOffsetPath(dir), 'utf8'))).toEqual({ offsetTable: { 1: 3, 3: 3 } });
  });
});

describe('ScheduleMessageService on the Java-written stores', () => {
  async function openFixture(fixture: string): Promise<{ dir: string; store: FileMessageStore }> {
    const dir = tempDir();
    cpSync(join(storeFixtures, fixture), dir, { recursive: true });
    rmSync(join(dir, 'manifest.json'));
    const store = new FileMessageStore({ storePathRootDir: dir, mappedFileSizeCommitLog: 1048576, mappedFileSizeConsumeQueue: 6000, maxHashSlotNum: 1000, maxIndexNum: 4000 });
    await store.start();
    cleanups.push(() => store.shutdown());
    return { dir, store };
  }

  const topicBMax = (store: MessageStore): number[] => [0, 1, 2, 3].map((queueId) => store.getMaxOffsetInQueue('TopicB', queueId));

  it('clean store: levels 1–3 are done (delayOffset.json), the six pending level 16–18 messages are delivered once due', async () => {
    const { dir, store } = await openFixture('java-4.9.8-clean');
    const before = topicBMax(store);
    expect(before).toEqual([200, 294, 201, 199]);
    const pending = [
      ...(await readQueue(store, SCHEDULE_TOPIC, 15)),
      ...(await readQueue(store, SCHEDULE_TOPIC, 16)),
      ...(await readQueue(store, SCHEDULE_TOPIC, 17)),
    ];
    const allDue = Math.max(...pending.map((record) => record.storeTimestamp)) + 2 * 3_600_000;
    const service = new ScheduleMessageService({
      store,
      delayLevels: new DelayLevels('1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h'),
      storePathRootDir: dir,
      now: () => Math.max(Date.now(), allDue),
    });
    service.start();
    cleanups.push(() => service.shutdown());
    await until(() => topicBMax(store).reduce((a, b) => a + b) === 894 + 6, 10_000, 'the six pending messages');
    await sleep(100);
    expect(topicBMax(store)).toEqual([201, 296, 202, 201]);
    const uniqKeys = new Set(pending.map((record) => record.properties['UNIQ_KEY']));
    for (const queueId of [0, 1, 2, 3]) {
      for (const record of (await readQueue(store, 'TopicB', queueId)).slice(before[queueId])) {
        expect(uniqKeys.has(record.properties['UNIQ_KEY'])).toBe(true);
        expect(record.properties['REAL_TOPIC']).toBe('TopicB');
        expect(record.properties['REAL_QID']).toBe(String(queueId));
        expect(['16', '17', '18']).toContain(record.properties['DELAY']);
      }
    }
    await service.shutdown();
    expect(JSON.parse(readFileSync(delayOffsetPath(dir), 'utf8'))).toEqual({ offsetTable: { 1: 7, 2: 7, 3: 21, 16: 2, 17: 2, 18: 2 } });
  });

  it('crashed store: from its stale delayOffset.json it delivers the same 27 messages the reopened Java broker did', async () => {
    const manifest = JSON.parse(readFileSync(join(storeFixtures, 'java-4.9.8-crashed', 'manifest.json'), 'utf8')) as {
      killedAtMillis: number;
      summary: { writtenByJavaAfterReopenNotPartOfFixture: { topic: string; queueId: number; queueOffset: number; uniqKey: string }[] };
    };
    const { dir, store } = await openFixture('java-4.9.8-crashed');
    const before = topicBMax(store);
    const service = new ScheduleMessageService({
      store,
      delayLevels: new DelayLevels('1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h'),
      storePathRootDir: dir,
      // A minute after the kill, as when the Java broker was reopened: levels 1 and 2 are due, 16–18 are not.
      now: () => manifest.killedAtMillis + 60_000,
    });
    service.start();
    cleanups.push(() => service.shutdown());
    const java = manifest.summary.writtenByJavaAfterReopenNotPartOfFixture;
    expect(java).toHaveLength(27);
    await until(() => topicBMax(store).reduce((a, b) => a + b) === before.reduce((a, b) => a + b) + 27, 10_000, '27 deliveries');
    await sleep(100);
    const ours: { topic: string; queueId: number; queueOffset: number; uniqKey: string }[] = [];
    for (const queueId of [0, 1, 2, 3]) {
      for (const record of (await readQueue(store, 'TopicB', queueId)).slice(before[queueId])) {
        ours.push({ topic: record.topic, queueId, queueOffset: record.queueOffset, uniqKey: record.properties['UNIQ_KEY'] ?? '' });
      }
    }
    const key = (entry: { topic: string; queueId: number; uniqKey: string }): string => `${entry.topic}/${entry.queueId}/${entry.uniqKey}`;
    expect(ours.map(key).sort()).toEqual(java.map(key).sort());
    const offsets = (entries: { queueId: number; queueOffset: number }[]): string[] => entries.map((e) => `${e.queueId}@${e.queueOffset}`).sort();
    expect(offsets(ours)).toEqual(offsets(java));
  });
});
