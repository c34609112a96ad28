/**
 * CLEAN_UNUSED_TOPIC (316, mqadmin cleanUnusedTopic): removes from the store the consume
 * queues of every topic the topic table does not hold (RocketMQ 4.9.8
 * AdminBrokerProcessor.cleanUnusedTopic → DefaultMessageStore.cleanUnusedTopic), keeping
 * SCHEDULE_TOPIC_XXXX, RMQ_SYS_TRANS_OP_HALF_TOPIC and LMQ queues
 * (store/cleanup/queue-cleanup.ts). No header; always answered 0, as 4.9.8 does.
 */
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const cleanUnusedTopic: BrokerHandler = async (context, request, connection) => {
  context.logger.warn({ from: connection.remoteAddress }, 'invoke cleanUnusedTopic start.');
  const inUse = new Set(context.topics.wrapper().topicConfigTable.keys());
  const removed = await context.store.cleanUnusedTopics(inUse);
  context.logger.warn({ removed }, 'invoke cleanUnusedTopic end.');
  return createResponse(request, ResponseCode.SUCCESS);
};
