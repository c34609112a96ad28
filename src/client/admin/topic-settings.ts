/**
 * The settings of a topic an admin creates or updates (Java `TopicConfig` as mqadmin
 * updateTopic fills it): 8 read and 8 write queues, perm 6 (read + write), SINGLE_TAG,
 * not ordered.
 */
import type { CreateTopicRequestHeader } from '../../protocol/headers/create-topic-request-header.js';
import { AUTO_CREATE_TOPIC_KEY_TOPIC } from '../validators.js';

export interface TopicSettings {
  topic: string;
  readQueueNums?: number;
  writeQueueNums?: number;
  perm?: number;
  topicFilterType?: 'SINGLE_TAG' | 'MULTI_TAG';
  topicSysFlag?: number;
  order?: boolean;
}

export function createTopicHeader(settings: TopicSettings): CreateTopicRequestHeader {
  return {
    topic: settings.topic,
    defaultTopic: AUTO_CREATE_TOPIC_KEY_TOPIC,
    readQueueNums: settings.readQueueNums ?? 8,
    writeQueueNums: settings.writeQueueNums ?? 8,
    perm: settings.perm ?? 6,
    topicFilterType: settings.topicFilterType ?? 'SINGLE_TAG',
    topicSysFlag: settings.topicSysFlag ?? 0,
    order: settings.order ?? false,
  };
}
