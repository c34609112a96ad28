/** GET_SYSTEM_TOPIC_LIST_FROM_BROKER (305): the names of the system topics (RocketMQ's built-in set plus this broker's cluster, broker-name and reply topics) as a TopicList. */
import { encodeTopicList } from '../../protocol/bodies/topic-list.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getSystemTopicListFromBroker: BrokerHandler = (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicList({ topicList: context.topics.systemTopicNames() }) });
