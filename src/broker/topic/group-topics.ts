/**
 * Topics derived from a consumer group's name (RocketMQ MixAll):
 *
 *   %RETRY%<group>   messages a consumer sent back, redelivered after a delay
 *   %DLQ%<group>     messages that failed more than the group's retry limit (dead letters)
 *
 * Both have one queue by default; the broker creates them on demand.
 */
export const RETRY_GROUP_TOPIC_PREFIX = '%RETRY%';
export const DLQ_GROUP_TOPIC_PREFIX = '%DLQ%';

/** Retries before a message goes to the dead-letter topic (SubscriptionGroupConfig.retryMaxTimes). */
export const DEFAULT_RETRY_MAX_TIMES = 16;

/** Queues of a dead-letter topic (Java DLQ_NUMS_PER_GROUP). */
export const DLQ_QUEUE_NUMS = 1;

export function retryTopicOf(group: string): string {
  return RETRY_GROUP_TOPIC_PREFIX + group;
}

export function dlqTopicOf(group: string): string {
  return DLQ_GROUP_TOPIC_PREFIX + group;
}

export function isRetryTopic(topic: string): boolean {
  return topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
}

export function isDlqTopic(topic: string): boolean {
  return topic.startsWith(DLQ_GROUP_TOPIC_PREFIX);
}

/** The group of a `%RETRY%<group>` topic. */
export function groupOfRetryTopic(topic: string): string {
  return topic.slice(RETRY_GROUP_TOPIC_PREFIX.length);
}
