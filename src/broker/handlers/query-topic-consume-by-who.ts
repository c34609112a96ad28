/**
 * QUERY_TOPIC_CONSUME_BY_WHO (300, mqadmin topicStatus / the dashboard): the groups that
 * consume a topic here — those whose members subscribe to it now and those with committed
 * offsets on it — as `{"groupList":[…]}`.
 */
import { encodeGroupList } from '../../protocol/bodies/group-list.js';
import { QueryTopicConsumeByWhoRequestHeader } from '../../protocol/headers/query-topic-consume-by-who-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const queryTopicConsumeByWho: BrokerHandler = (context, request) => {
  const { topic } = QueryTopicConsumeByWhoRequestHeader.decode(request.extFields);
  const groups = new Set([...context.consumers.groupsSubscribedTo(topic), ...context.consumerOffsets.groupsOfTopic(topic)]);
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeGroupList({ groupList: [...groups] }) });
};
