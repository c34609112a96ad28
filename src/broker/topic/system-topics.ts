/**
 * The topics a broker creates at start (RocketMQ TopicConfigManager's constructor, plus the
 * transaction half topic its transaction service creates at once), and the set of system
 * topic names admin requests may not create or delete:
 *
 * | topic | queues | perm |
 * | --- | ---: | --- |
 * | SELF_TEST_TOPIC | 1 | 6 |
 * | TBW102 (only with autoCreateTopicEnable) | defaultTopicQueueNums | 7 (INHERIT: the auto-creation template) |
 * | BenchmarkTest | 1024 | 6 |
 * | <brokerClusterName> | 16 | 1, + 6 with clusterTopicEnable |
 * | <brokerName> | 1 | 1, + 6 with brokerTopicEnable |
 * | OFFSET_MOVED_EVENT | 1 | 6 |
 * | SCHEDULE_TOPIC_XXXX | 18 (one per delay level) | 6 |
 * | <msgTraceTopicName> (only with traceTopicEnable) | 1 | 6 |
 * | <brokerClusterName>_REPLY_TOPIC | 1 | 6 |
 * | RMQ_SYS_TRANS_HALF_TOPIC | 1 | 6 |
 */
import { topicConfig, type TopicConfig } from '../../protocol/bodies/topic-config.js';
import type { BrokerConfig } from '../broker-config.js';
import { PermName } from '../../protocol/perm-name.js';
import { BUILT_IN_SYSTEM_TOPICS, SYSTEM_TOPIC_PREFIX, SystemTopic } from './topic-validator.js';

/** Queues of SCHEDULE_TOPIC_XXXX: one per delay level of RocketMQ's default table. */
export const SCHEDULE_TOPIC_QUEUE_NUMS = 18;

/** Suffix of the request/reply topic of a cluster. */
export const REPLY_TOPIC_POSTFIX = 'REPLY_TOPIC';

const RW = PermName.READ | PermName.WRITE;

type SystemTopicSettings = Pick<
  BrokerConfig,
  'autoCreateTopicEnable' | 'defaultTopicQueueNums' | 'brokerClusterName' | 'clusterTopicEnable' | 'brokerName' | 'brokerTopicEnable' | 'traceTopicEnable' | 'msgTraceTopicName'
>;

export function replyTopicOf(clusterName: string): string {
  return `${clusterName}_${REPLY_TOPIC_POSTFIX}`;
}

/** The topics created at start, in RocketMQ's order. */
export function systemTopicConfigs(config: SystemTopicSettings): TopicConfig[] {
  const single = (name: string): TopicConfig => topicConfig(name, { readQueueNums: 1, writeQueueNums: 1 });
  const topics: TopicConfig[] = [single(SystemTopic.SELF_TEST)];
  if (config.autoCreateTopicEnable) {
    const queues = config.defaultTopicQueueNums;
    topics.push(topicConfig(SystemTopic.AUTO_CREATE, { readQueueNums: queues, writeQueueNums: queues, perm: PermName.INHERIT | RW }));
  }
  topics.push(topicConfig(SystemTopic.BENCHMARK, { readQueueNums: 1024, writeQueueNums: 1024 }));
  topics.push(topicConfig(config.brokerClusterName, { perm: PermName.INHERIT | (config.clusterTopicEnable ? RW : 0) }));
  topics.push({ ...single(config.brokerName), perm: PermName.INHERIT | (config.brokerTopicEnable ? RW : 0) });
  topics.push(single(SystemTopic.OFFSET_MOVED_EVENT));
  topics.push(topicConfig(SystemTopic.SCHEDULE, { readQueueNums: SCHEDULE_TOPIC_QUEUE_NUMS, writeQueueNums: SCHEDULE_TOPIC_QUEUE_NUMS }));
  if (config.traceTopicEnable) topics.push(single(config.msgTraceTopicName));
  topics.push(single(replyTopicOf(config.brokerClusterName)));
  topics.push(single(SystemTopic.TRANS_HALF));
  return topics;
}

/** The names GET_SYSTEM_TOPIC_LIST_FROM_BROKER lists: RocketMQ's built-in set plus this broker's own. */
export function systemTopicNames(config: SystemTopicSettings): string[] {
  const names = new Set<string>(BUILT_IN_SYSTEM_TOPICS);
  names.add(config.brokerClusterName);
  names.add(config.brokerName);
  names.add(replyTopicOf(config.brokerClusterName));
  if (config.traceTopicEnable) names.add(config.msgTraceTopicName);
  return [...names];
}

/** Whether `topic` is a system topic of a broker with these settings. */
export function isSystemTopic(topic: string, config: SystemTopicSettings): boolean {
  return topic.startsWith(SYSTEM_TOPIC_PREFIX) || systemTopicNames(config).includes(topic);
}
