import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFixturesDir } from '../../../test/support/fixtures.js';
import { silentLogger } from '../../common/log.js';
import { topicConfig } from '../../protocol/bodies/topic-config.js';
import { defaultBrokerConfig, type BrokerConfig } from '../broker-config.js';
import { TopicConfigManager, type TopicChange } from './topic-config-manager.js';
import { readTopicsFile } from './topics-file.js';

const dir = mkdtempSync(join(tmpdir(), 'topic-manager-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let next = 0;

function manager(overrides: Partial<BrokerConfig> = {}, path: string | null = join(dir, `t${next++}`, 'topics.json')) {
  const config = { ...defaultBrokerConfig(), brokerName: 'broker-a', ...overrides };
  const changes: TopicChange[] = [];
  const topics = new TopicConfigManager({ config, path, logger: silentLogger, now: () => 1000 + changes.length });
  topics.onChange((change) => changes.push(change));
  topics.load();
  return { topics, changes, config, path };
}

describe('TopicConfigManager', () => {
  it('starts with the system topics; TBW102 lends perm 7 and defaultTopicQueueNums queues', () => {
    const { topics } = manager({ defaultTopicQueueNums: 8 });
    expect(topics.select('TBW102')).toEqual(topicConfig('TBW102', { readQueueNums: 8, writeQueueNums: 8, perm: 7 }));
    expect(topics.select('SCHEDULE_TOPIC_XXXX')?.writeQueueNums).toBe(18);
    expect(topics.isSystemTopic('broker-a')).toBe(true);
    expect(topics.dataVersion.counter).toBe(0);
  });

  it('auto-creates on send from TBW102: min(requested, template write queues) queues, perm without INHERIT, filter type copied', () => {
    const { topics, changes } = manager({ defaultTopicQueueNums: 8 });
    const created = topics.createTopicInSendMessageMethod('NewTopic', 'TBW102', '127.0.0.1:5000', 4, 0);
    expect(created).toEqual(topicConfig('NewTopic', { readQueueNums: 4, writeQueueNums: 4, perm: 6 }));
    expect(topics.createTopicInSendMessageMethod('Wide', 'TBW102', '127.0.0.1:5000', 64, 0)?.writeQueueNums).toBe(8);
    expect(topics.createTopicInSendMessageMethod('Neg', 'TBW102', '127.0.0.1:5000', -3, 0)?.writeQueueNums).toBe(0);
    expect(changes.map((change) => change.kind)).toEqual(['auto-created', 'auto-created', 'auto-created']);
    expect(topics.dataVersion.counter).toBe(3);
  });

  it('creates nothing from a template without INHERIT, a missing template, or TBW102 while auto-creation is off', () => {
    const { topics, config } = manager();
    expect(topics.createTopicInSendMessageMethod('X', 'SELF_TEST_TOPIC', 'p', 4, 0)).toBeUndefined();
    expect(topics.createTopicInSendMessageMethod('X', 'NoSuchTemplate', 'p', 4, 0)).toBeUndefined();
    config.autoCreateTopicEnable = false;
    expect(topics.createTopicInSendMessageMethod('X', 'TBW102', 'p', 4, 0)).toBeUndefined();
    expect(topics.select('X')).toBeUndefined();
    expect(topics.dataVersion.counter).toBe(0);
  });

  it('creates group topics with the given queues and perm, once', () => {
    const { topics, changes } = manager();
    const retry = topics.createTopicInSendMessageBackMethod('%RETRY%G', 1, 6, 0);
    expect(retry).toEqual(topicConfig('%RETRY%G', { readQueueNums: 1, writeQueueNums: 1 }));
    expect(topics.createTopicInSendMessageBackMethod('%RETRY%G', 3, 2, 0)).toBe(retry);
    expect(changes).toHaveLength(1);
  });

  it('persists every change and loads it over the system topics with its version', () => {
    const first = manager();
    first.topics.updateTopicConfig(topicConfig('Kept', { readQueueNums: 2, writeQueueNums: 2 }));
    first.topics.updateTopicConfig(topicConfig('TBW102', { readQueueNums: 3, writeQueueNums: 3, perm: 7 }));
    first.topics.deleteTopicConfig('Kept');
    first.topics.updateTopicConfig(topicConfig('Again'));
    const again = manager({}, first.path);
    expect(again.topics.select('Again')).toEqual(topicConfig('Again'));
    expect(again.topics.select('Kept')).toBeUndefined();
    expect(again.topics.select('TBW102')?.writeQueueNums).toBe(3);
    expect(again.topics.dataVersion).toEqual(first.topics.dataVersion);
    expect(first.changes.map((change) => change.kind)).toEqual(['updated', 'updated', 'deleted', 'updated']);
  });

  it('loads the topic table a Java 4.9.8 broker wrote', () => {
    const path = join(dir, 'java', 'topics.json');
    mkdirSync(join(dir, 'java'), { recursive: true });
    copyFileSync(join(sharedFixturesDir, 'store', 'java-4.9.8-clean', 'config', 'topics.json'), path);
    const { topics } = manager({}, path);
    const java = readTopicsFile(path);
    expect(topics.dataVersion).toEqual(java?.dataVersion);
    for (const [name, config] of java?.topicConfigTable ?? []) expect(topics.select(name)).toEqual(config);
  });

  it('deleting an unknown topic changes nothing', () => {
    const { topics, changes } = manager();
    expect(topics.deleteTopicConfig('Nope')).toBe(false);
    expect(changes).toEqual([]);
  });

  it('sets the order flag of exactly the name servers\' ordered topics', () => {
    const { topics } = manager();
    topics.updateTopicConfig(topicConfig('O1'));
    topics.updateTopicConfig(topicConfig('O2', { order: true }));
    const before = topics.dataVersion.counter;
    topics.updateOrderTopicConfig(new Set(['O1']));
    expect(topics.isOrderTopic('O1')).toBe(true);
    expect(topics.isOrderTopic('O2')).toBe(false);
    expect(topics.dataVersion.counter).toBe(before + 1);
    topics.updateOrderTopicConfig(new Set(['O1']));
    expect(topics.dataVersion.counter).toBe(before + 1);
  });

  it('keeps the table in memory only when it has no path', () => {
    const { topics } = manager({}, null);
    topics.updateTopicConfig(topicConfig('Mem'));
    expect(topics.select('Mem')).toBeDefined();
    expect(existsSync(join(dir, 'Mem'))).toBe(false);
  });
});
