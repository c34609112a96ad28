import { describe, expect, it } from 'vitest';
import { decodeRegisterBrokerBody } from '../../protocol/bodies/register-broker-body.js';
import { decodeCommand } from '../../remoting/remoting-command.js';
import { loadFrame, loadManifest } from '../../../test/support/fixtures.js';
import { defaultBrokerConfig } from '../broker-config.js';
import { isSystemTopic, systemTopicConfigs, systemTopicNames } from './system-topics.js';

const settings = { ...defaultBrokerConfig(), brokerName: 'broker-a', brokerClusterName: 'DefaultCluster' };

describe('system topics', () => {
  it('are the topics a 4.9.8 broker registers at start, with the same configs (plus the transaction half topic)', () => {
    const manifest = loadManifest('broker-register');
    const first = manifest.frames[0];
    if (!first) throw new Error('no frame');
    const request = decodeCommand(loadFrame('broker-register', first.file).subarray(4));
    const captured = decodeRegisterBrokerBody(request.body ?? Buffer.alloc(0)).topicConfigSerializeWrapper.topicConfigTable;
    const ours = new Map(systemTopicConfigs(settings).map((config) => [config.topicName, config]));
    for (const [name, config] of captured) expect(ours.get(name), name).toEqual(config);
    expect([...ours.keys()].filter((name) => !captured.has(name))).toEqual(['RMQ_SYS_TRANS_HALF_TOPIC']);
  });

  it('leave TBW102 out when auto-creation is off, and add the trace topic when enabled', () => {
    const names = systemTopicConfigs({ ...settings, autoCreateTopicEnable: false, traceTopicEnable: true }).map((config) => config.topicName);
    expect(names).not.toContain('TBW102');
    expect(names).toContain('RMQ_SYS_TRACE_TOPIC');
  });

  it('cluster and broker topics lose read/write when their switches are off', () => {
    const configs = systemTopicConfigs({ ...settings, clusterTopicEnable: false, brokerTopicEnable: false });
    expect(configs.find((config) => config.topicName === 'DefaultCluster')?.perm).toBe(1);
    expect(configs.find((config) => config.topicName === 'broker-a')?.perm).toBe(1);
  });

  it('name the built-in set plus the broker\'s own; rmq_sys_ prefixes are system topics', () => {
    const names = systemTopicNames(settings);
    expect(names).toEqual(expect.arrayContaining(['TBW102', 'SCHEDULE_TOPIC_XXXX', 'RMQ_SYS_TRACE_TOPIC', 'DefaultCluster', 'broker-a', 'DefaultCluster_REPLY_TOPIC']));
    expect(isSystemTopic('rmq_sys_anything', settings)).toBe(true);
    expect(isSystemTopic('TopicTest', settings)).toBe(false);
  });
});
