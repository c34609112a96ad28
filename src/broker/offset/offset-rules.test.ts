import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerConsumerOffsetQuery } from './consumer-offset-query.js';
import { DelayOffsetManager, delayOffsetPath } from './delay-offset-manager.js';
import { planResetOffset, type ResetOffsetRequest } from './reset-offset.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'store');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('answerConsumerOffsetQuery (QUERY_CONSUMER_OFFSET, 4.9.8)', () => {
  it('answers a committed offset as it is', () => {
    expect(answerConsumerOffsetQuery(42, { minOffset: 100, offsetZeroInMemory: false })).toEqual({ responseCode: 0, offset: 42 });
    expect(answerConsumerOffsetQuery(0, { minOffset: 5, offsetZeroInMemory: false })).toEqual({ responseCode: 0, offset: 0 });
  });

  it('answers 0 for a new group on a queue that still has its first message (or none at all)', () => {
    expect(answerConsumerOffsetQuery(-1, { minOffset: 0, offsetZeroInMemory: true })).toEqual({ responseCode: 0, offset: 0 });
  });

  it('answers QUERY_NOT_FOUND when messages were deleted or offset 0 is only on disk', () => {
    expect(answerConsumerOffsetQuery(-1, { minOffset: 3, offsetZeroInMemory: true })).toMatchObject({ responseCode: 22 });
    expect(answerConsumerOffsetQuery(-1, { minOffset: 0, offsetZeroInMemory: false })).toMatchObject({ responseCode: 22 });
  });

  it('answers QUERY_NOT_FOUND instead of 0 when the [5.x] header says setZeroIfNotFound=false', () => {
    expect(answerConsumerOffsetQuery(-1, { minOffset: 0, offsetZeroInMemory: true }, false)).toMatchObject({ responseCode: 22 });
  });
});

describe('planResetOffset (Broker2Client.resetOffset)', () => {
  const request = (overrides: Partial<ResetOffsetRequest>): ResetOffsetRequest => ({
    topic: 'T',
    group: 'CG',
    writeQueueNums: 3,
    timestamp: 1000,
    force: true,
    committedOffset: (queueId) => [50, 10, 0][queueId] ?? -1,
    maxOffset: (queueId) => [100, 100, 100][queueId] ?? 0,
    offsetByTime: async (queueId) => [20, 30, -5][queueId] ?? 0,
    ...overrides,
  });

  it('moves every queue to the offset of the timestamp when forced (negative counts as 0)', async () => {
    expect(await planResetOffset(request({}))).toEqual({
      ok: true,
      offsets: new Map([
        [0, 20],
        [1, 30],
        [2, 0],
      ]),
    });
  });

  it('only moves back when not forced', async () => {
    const plan = await planResetOffset(request({ force: false }));
    expect(plan.ok && [...plan.offsets]).toEqual([
      [0, 20],
      [1, 10],
      [2, 0],
    ]);
  });

  it('takes the max offset for timestamp -1', async () => {
    const plan = await planResetOffset(request({ timestamp: -1 }));
    expect(plan.ok && [...plan.offsets.values()]).toEqual([100, 100, 100]);
  });

  it('refuses when the group has no offset on a queue', async () => {
    const plan = await planResetOffset(request({ committedOffset: (queueId) => (queueId === 1 ? -1 : 5) }));
    expect(plan).toMatchObject({ ok: false, responseCode: 1 });
  });
});

describe('DelayOffsetManager', () => {
  function root(fixture?: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'delay-offsets-'));
    dirs.push(dir);
    if (fixture) {
      mkdirSync(join(dir, 'config'));
      copyFileSync(join(fixtures, fixture, 'config', 'delayOffset.json'), delayOffsetPath(dir));
    }
    return dir;
  }

  it('reads the Java files (bare integer level keys)', () => {
    const clean = new DelayOffsetManager(root('java-4.9.8-clean'));
    clean.load();
    expect([...clean.all()]).toEqual([
      [1, 7],
      [2, 7],
      [3, 21],
    ]);
    const crashed = new DelayOffsetManager(root('java-4.9.8-crashed'));
    crashed.load();
    expect(crashed.get(1)).toBe(11);
    expect(crashed.get(4)).toBeUndefined();
  });

  it('writes standard JSON keyed by level, only after a change', async () => {
    const dir = root();
    const offsets = new DelayOffsetManager(dir);
    offsets.load();
    offsets.set(3, 21);
    offsets.set(1, 7);
    await offsets.persist();
    expect(JSON.parse(readFileSync(delayOffsetPath(dir), 'utf8'))).toEqual({ offsetTable: { 1: 7, 3: 21 } });
    const again = new DelayOffsetManager(dir);
    again.load();
    expect(again.get(3)).toBe(21);
  });
});
