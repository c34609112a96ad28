/**
 * A topic config as RocketMQ's TopicConfig.toString prints it (it appears in remarks):
 *
 *   TopicConfig [topicName=T, readQueueNums=4, writeQueueNums=4, perm=RW-, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false]
 */
import type { TopicConfig } from '../../protocol/bodies/topic-config.js';
import { permText } from '../../protocol/perm-name.js';

export function topicConfigText(config: TopicConfig): string {
  return (
    `TopicConfig [topicName=${config.topicName}, readQueueNums=${config.readQueueNums}, writeQueueNums=${config.writeQueueNums}, ` +
    `perm=${permText(config.perm)}, topicFilterType=${config.topicFilterType}, topicSysFlag=${config.topicSysFlag}, order=${config.order}]`
  );
}
