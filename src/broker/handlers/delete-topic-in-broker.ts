/**
 * DELETE_TOPIC_IN_BROKER (215): removes a topic from the table and its queues from the
 * store (consume queues; commit-log records age out as usual). Refused like
 * UPDATE_AND_CREATE_TOPIC for slaves, invalid names and system topics. Deleting a topic
 * that does not exist answers 0 as RocketMQ does.
 */
import { DeleteTopicRequestHeader } from '../../protocol/headers/delete-topic-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { systemTopicConflict, validateTopic } from '../topic/topic-validator.js';
import { slaveRefusal } from './slave-refusal.js';

export const deleteTopicInBroker: BrokerHandler = async (context, request, connection) => {
  const slave = slaveRefusal(context, request);
  if (slave) return slave;
  const { topic } = DeleteTopicRequestHeader.decode(request.extFields);
  const refused = validateTopic(topic) ?? (context.topics.isSystemTopic(topic) ? systemTopicConflict(topic) : null);
  if (refused) return createResponse(request, refused.code, { remark: refused.remark });
  context.logger.info({ topic, from: connection.remoteAddress }, 'DELETE_TOPIC_IN_BROKER');
  context.topics.deleteTopicConfig(topic);
  await context.store.deleteTopics([topic]);
  return createResponse(request, ResponseCode.SUCCESS);
};
