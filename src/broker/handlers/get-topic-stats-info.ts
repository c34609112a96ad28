/**
 * GET_TOPIC_STATS_INFO (202): per write queue of a topic, its min and max offset and the
 * store time of its last message (0 for an empty queue), as a TopicStatsTable; an unknown
 * topic → 17 `topic[<t>] not exist`.
 */
import { messageQueueKey, type MessageQueueKey } from '../../protocol/bodies/message-queue.js';
import { encodeTopicStatsTable, type TopicOffset } from '../../protocol/bodies/topic-stats-table.js';
import { GetTopicStatsInfoRequestHeader } from '../../protocol/headers/get-topic-stats-info-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';

async function topicOffset(context: BrokerContext, topic: string, queueId: number): Promise<TopicOffset> {
  const minOffset = Math.max(0, context.store.getMinOffsetInQueue(topic, queueId));
  const maxOffset = Math.max(0, context.store.getMaxOffsetInQueue(topic, queueId));
  const lastUpdateTimestamp = maxOffset > 0 ? await context.store.getMessageStoreTimestamp(topic, queueId, maxOffset - 1) : 0;
  return { minOffset, maxOffset, lastUpdateTimestamp };
}

export const getTopicStatsInfo: BrokerHandler = async (context, request) => {
  const { topic } = GetTopicStatsInfoRequestHeader.decode(request.extFields);
  const config = context.topics.select(topic);
  if (!config) return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `topic[${topic}] not exist` });
  const offsetTable = new Map<MessageQueueKey, TopicOffset>();
  for (let queueId = 0; queueId < config.writeQueueNums; queueId++) {
    const key = messageQueueKey({ topic, brokerName: context.config.brokerName, queueId });
    offsetTable.set(key, await topicOffset(context, topic, queueId));
  }
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicStatsTable({ offsetTable }) });
};
