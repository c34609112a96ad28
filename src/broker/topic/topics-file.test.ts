import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFixturesDir } from '../../../test/support/fixtures.js';
import { topicConfig } from '../../protocol/bodies/topic-config.js';
import { encodeTopicsFile, readTopicsFile, topicsFilePath, writeTopicsFile } from './topics-file.js';

const dir = mkdtempSync(join(tmpdir(), 'topics-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('topics.json', () => {
  it('lives under <storePathRootDir>/config', () => {
    expect(topicsFilePath('/data/store')).toBe('/data/store/config/topics.json');
  });

  it('reads the Java broker\'s tab-indented fastjson files', () => {
    for (const store of ['java-4.9.8-clean', 'java-4.9.8-crashed']) {
      const table = readTopicsFile(join(sharedFixturesDir, 'store', store, 'config', 'topics.json'));
      expect(table?.dataVersion.counter).toBeGreaterThan(0);
      expect(table?.topicConfigTable.get('TopicA')).toEqual(topicConfig('TopicA', { readQueueNums: 4, writeQueueNums: 4 }));
      expect(table?.topicConfigTable.get('SCHEDULE_TOPIC_XXXX')?.readQueueNums).toBe(18);
    }
  });

  it('writes RocketMQ\'s shape, tab-indented, and reads it back', () => {
    const path = join(dir, 'round', 'topics.json');
    const wrapper = { dataVersion: { counter: 3, timestamp: 1700000000000 }, topicConfigTable: new Map([['T1', topicConfig('T1', { perm: 7 })]]) };
    writeTopicsFile(path, wrapper);
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(encodeTopicsFile(wrapper));
    expect(text.startsWith('{\n\t"dataVersion": {')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      dataVersion: { counter: 3, timestamp: 1700000000000 },
      topicConfigTable: { T1: { order: false, perm: 7, readQueueNums: 16, topicFilterType: 'SINGLE_TAG', topicName: 'T1', topicSysFlag: 0, writeQueueNums: 16 } },
    });
    expect(readTopicsFile(path)).toEqual(wrapper);
  });

  it('keeps the previous content in .bak and falls back to it when the file is torn', () => {
    const path = join(dir, 'bak', 'topics.json');
    const first = { dataVersion: { counter: 1, timestamp: 1 }, topicConfigTable: new Map([['A', topicConfig('A')]]) };
    const second = { dataVersion: { counter: 2, timestamp: 2 }, topicConfigTable: new Map([['B', topicConfig('B')]]) };
    writeTopicsFile(path, first);
    writeTopicsFile(path, second);
    writeFileSync(path, '{"dataVersion":{"coun');
    expect(readTopicsFile(path)).toEqual(first);
  });

  it('is absent before the first write, and refuses to load when neither file parses', () => {
    expect(readTopicsFile(join(dir, 'none', 'topics.json'))).toBeUndefined();
    const path = join(dir, 'broken', 'topics.json');
    writeTopicsFile(path, { dataVersion: { counter: 1, timestamp: 1 }, topicConfigTable: new Map() });
    writeFileSync(path, 'not json');
    writeFileSync(`${path}.bak`, '{"topicConfigTable": 5}');
    expect(() => readTopicsFile(path)).toThrow(/cannot load/);
  });
});
