/**
 * UPDATE_AND_CREATE_TOPIC (17): creates or replaces a topic with the request's queue counts,
 * perm, filter type and sysFlag (the order flag comes from the name servers'
 * ORDER_TOPIC_CONFIG, as in RocketMQ), persists it and registers it with the name servers.
 *
 * Refused: a slave → 1; an invalid name → 1 with RocketMQ's text (topic-validator.ts); a
 * system topic → 1 `The topic[<t>] is conflict with system topic.`; a filter type other
 * than SINGLE_TAG / MULTI_TAG or a negative queue count → 1 naming it.
 */
import { TOPIC_FILTER_TYPES, topicConfig, type TopicFilterType } from '../../protocol/bodies/topic-config.js';
import { CreateTopicRequestHeader } from '../../protocol/headers/create-topic-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { systemTopicConflict, validateTopic } from '../topic/topic-validator.js';
import { slaveRefusal } from './slave-refusal.js';

function isFilterType(value: string): value is TopicFilterType {
  return (TOPIC_FILTER_TYPES as readonly string[]).includes(value);
}

export const updateAndCreateTopic: BrokerHandler = (context, request, connection) => {
  const slave = slaveRefusal(context, request);
  if (slave) return slave;
  const header = CreateTopicRequestHeader.decode(request.extFields);
  const refused = validateTopic(header.topic) ?? (context.topics.isSystemTopic(header.topic) ? systemTopicConflict(header.topic) : null);
  if (refused) return createResponse(request, refused.code, { remark: refused.remark });
  if (!isFilterType(header.topicFilterType)) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `topicFilterType "${header.topicFilterType}" is neither SINGLE_TAG nor MULTI_TAG` });
  }
  if (header.readQueueNums < 0 || header.writeQueueNums < 0) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `queue counts must not be negative: readQueueNums ${header.readQueueNums}, writeQueueNums ${header.writeQueueNums}` });
  }
  context.logger.info({ topic: header.topic, from: connection.remoteAddress }, 'UPDATE_AND_CREATE_TOPIC');
  context.topics.updateTopicConfig(
    topicConfig(header.topic, {
      readQueueNums: header.readQueueNums,
      writeQueueNums: header.writeQueueNums,
      perm: header.perm,
      topicFilterType: header.topicFilterType,
      topicSysFlag: header.topicSysFlag ?? 0,
      order: context.topics.isOrderTopic(header.topic),
    }),
  );
  return createResponse(request, ResponseCode.SUCCESS);
};
