import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsumerOffsetManager, consumerOffsetPath } from './consumer-offset-manager.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'store');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempRoot(fixture?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'offsets-'));
  dirs.push(root);
  if (fixture) {
    mkdirSync(join(root, 'config'));
    for (const name of ['consumerOffset.json', 'consumerOffset.json.bak']) copyFileSync(join(fixtures, fixture, 'config', name), join(root, 'config', name));
  }
  return root;
}

function loaded(root: string): ConsumerOffsetManager {
  const offsets = new ConsumerOffsetManager({ storePathRootDir: root });
  offsets.load();
  return offsets;
}

describe('ConsumerOffsetManager: the Java-written files', () => {
  it('reads the clean fixture (bare integer keys, tabs) exactly as the manifest lists it', () => {
    const root = tempRoot('java-4.9.8-clean');
    const manifest = JSON.parse(readFileSync(join(fixtures, 'java-4.9.8-clean', 'manifest.json'), 'utf8')) as {
      consumerOffsets: { consumerOffsetJsonOnDisk: Record<string, Record<string, number>> };
    };
    const offsets = loaded(root);
    const expected = manifest.consumerOffsets.consumerOffsetJsonOnDisk;
    expect(Object.keys(expected).length).toBe(offsets.size);
    for (const [key, queues] of Object.entries(expected)) {
      const [topic, group] = key.split('@') as [string, string];
      for (const [queueId, offset] of Object.entries(queues)) expect(offsets.queryOffset(group, topic, Number(queueId))).toBe(offset);
    }
    expect(offsets.queryOffset('GroupPartial', 'TopicA', 3)).toBe(100);
    expect(offsets.topicsOfGroup('GroupRetry').sort()).toEqual(['%RETRY%GroupRetry', 'TopicC']);
    expect(offsets.groupsOfTopic('RMQ_SYS_TRANS_HALF_TOPIC')).toEqual(['CID_RMQ_SYS_TRANS']);
  });

  it('reads the crashed fixture, stale offsets included', () => {
    const offsets = loaded(tempRoot('java-4.9.8-crashed'));
    expect([0, 1, 2, 3].map((queueId) => offsets.queryOffset('GroupLive', 'TopicB', queueId))).toEqual([288, 386, 292, 288]);
  });

  it('writes standard JSON that reads back the same, keeping the old file as .bak', async () => {
    const root = tempRoot('java-4.9.8-clean');
    const javaText = readFileSync(consumerOffsetPath(root), 'utf8');
    const offsets = loaded(root);
    offsets.commitOffset('GroupPartial', 'TopicA', 0, 351);
    await offsets.persist();
    const written = JSON.parse(readFileSync(consumerOffsetPath(root), 'utf8')) as { offsetTable: Record<string, Record<string, number>> };
    expect(written.offsetTable['TopicA@GroupPartial']).toEqual({ 0: 351, 1: 150, 2: 150, 3: 100 });
    expect(readFileSync(`${consumerOffsetPath(root)}.bak`, 'utf8')).toBe(javaText);
    expect(loaded(root).wrapper()).toEqual(offsets.wrapper());
  });

  it('falls back to the .bak when the main file is torn', () => {
    const root = tempRoot('java-4.9.8-clean');
    writeFileSync(consumerOffsetPath(root), '{"offsetTable":{"TopicA@Gro');
    expect(loaded(root).queryOffset('GroupPartial', 'TopicA', 0)).toBeGreaterThanOrEqual(0);
  });
});

describe('ConsumerOffsetManager: commit, query and admin tables', () => {
  it('answers -1 for what was never committed and the last commit otherwise (lower ones too)', () => {
    const offsets = loaded(tempRoot());
    expect(offsets.queryOffset('CG', 'T', 0)).toBe(-1);
    offsets.commitOffset('CG', 'T', 0, 10);
    offsets.commitOffset('CG', 'T', 0, 7);
    expect(offsets.queryOffset('CG', 'T', 0)).toBe(7);
    expect(offsets.queryOffset('CG', 'T', 1)).toBe(-1);
    expect(offsets.queryOffset('CG2', 'T', 0)).toBe(-1);
  });

  it('lists offsets of a group, topics of a group and groups of a topic', () => {
    const offsets = loaded(tempRoot());
    offsets.commitOffset('CG1', 'T', 0, 1);
    offsets.commitOffset('CG1', 'U', 1, 2);
    offsets.commitOffset('CG2', 'T', 3, 4);
    expect([...offsets.offsetsOfGroup('CG1')].map(([topic, queues]) => [topic, [...queues]])).toEqual([
      ['T', [[0, 1]]],
      ['U', [[1, 2]]],
    ]);
    expect(offsets.topicsOfGroup('CG1')).toEqual(['T', 'U']);
    expect(offsets.groupsOfTopic('T')).toEqual(['CG1', 'CG2']);
    expect([...(offsets.offsetsOf('CG2', 'T') ?? [])]).toEqual([[3, 4]]);
    expect(offsets.wrapper().offsetTable.get('U@CG1')).toEqual(new Map([[1, 2]]));
  });

  it('deletes by group, by topic and by pair', () => {
    const offsets = loaded(tempRoot());
    offsets.commitOffset('CG1', 'T', 0, 1);
    offsets.commitOffset('CG1', 'U', 0, 1);
    offsets.commitOffset('CG2', 'T', 0, 1);
    offsets.commitOffset('CG3', 'V', 0, 1);
    expect(offsets.deleteTopic('T')).toBe(2);
    expect(offsets.groupNames().sort()).toEqual(['CG1', 'CG3']);
    expect(offsets.deleteGroup('CG1')).toBe(true);
    expect(offsets.deleteOffset('CG3', 'V')).toBe(true);
    expect(offsets.deleteOffset('CG3', 'V')).toBe(false);
    expect(offsets.size).toBe(0);
    expect(offsets.groupNames()).toEqual([]);
  });

  it('clones a group offsets and finds the smallest offset still in the queue over groups', () => {
    const offsets = loaded(tempRoot());
    offsets.commitOffset('CG1', 'T', 0, 5);
    offsets.commitOffset('CG1', 'T', 1, 9);
    offsets.commitOffset('CG2', 'T', 0, 3);
    offsets.commitOffset('CG3', 'T', 1, 1);
    expect(offsets.cloneOffset('CG1', 'CG4', 'T')).toBe(true);
    expect(offsets.queryOffset('CG4', 'T', 1)).toBe(9);
    expect(offsets.cloneOffset('nobody', 'CG4', 'T')).toBe(false);
    const minOffsets = offsets.queryMinOffsetInAllGroup('T', 'CG2', () => 2);
    expect([...minOffsets].sort()).toEqual([
      [0, 5],
      [1, 9],
    ]);
  });

  it('persists only when something changed', async () => {
    const root = tempRoot();
    const offsets = loaded(root);
    await offsets.persist();
    expect(existsSync(consumerOffsetPath(root))).toBe(false);
    offsets.commitOffset('CG', 'T', 0, 1);
    await offsets.persist();
    const written = statSync(consumerOffsetPath(root)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await offsets.persist();
    expect(statSync(consumerOffsetPath(root)).mtimeMs).toBe(written);
  });

  it('coalesces persists asked for during a write into one write of the newest table', async () => {
    const root = tempRoot();
    const offsets = loaded(root);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      offsets.commitOffset('CG', 'T', 0, i);
      writes.push(offsets.persist());
    }
    await Promise.all(writes);
    expect(loaded(root).queryOffset('CG', 'T', 0)).toBe(49);
  });

  it('refuses a new (topic, group) pair past maxTopicGroups but keeps updating known ones', () => {
    const offsets = new ConsumerOffsetManager({ storePathRootDir: tempRoot(), maxTopicGroups: 2 });
    expect(offsets.commitOffset('CG', 'T1', 0, 1)).toBe(true);
    expect(offsets.commitOffset('CG', 'T2', 0, 1)).toBe(true);
    expect(offsets.commitOffset('CG', 'T3', 0, 1)).toBe(false);
    expect(offsets.commitOffset('CG', 'T2', 5, 8)).toBe(true);
    expect(offsets.size).toBe(2);
  });
});
