/**
 * QUERY_CONSUME_TIME_SPAN (303): per write queue of a topic, the store times of its first
 * and last message and how far a group has consumed, as RocketMQ 4.9.8
 * AdminBrokerProcessor.queryConsumeTimeSpan answers (unknown topic → 17
 * `topic[<t>] not exist`):
 *
 *   minTimeStamp       store time of the queue's first message (-1 when none)
 *   maxTimeStamp       store time of the message at maxOffset - 1 (-1 when none)
 *   consumeTimeStamp   store time of the message before the group's committed offset;
 *                      minTimeStamp when the group has no offset above 0
 *   delayTime          now - store time of the message at the committed offset, when that
 *                      offset is below the queue's max; else 0. Java's arithmetic is kept:
 *                      a group without an offset (-1) reads no message there, so its
 *                      delay is now + 1.
 */
import { encodeQueryConsumeTimeSpanBody, type QueueTimeSpan } from '../../protocol/bodies/query-consume-time-span-body.js';
import { QueryConsumeTimeSpanRequestHeader } from '../../protocol/headers/query-consume-time-span-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';

export const queryConsumeTimeSpan: BrokerHandler = async (context, request) => {
  const { topic, group } = QueryConsumeTimeSpanRequestHeader.decode(request.extFields);
  const topicConfig = context.topics.select(topic);
  if (!topicConfig) return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `topic[${topic}] not exist` });
  const consumeTimeSpanSet: QueueTimeSpan[] = [];
  for (let queueId = 0; queueId < topicConfig.writeQueueNums; queueId++) {
    consumeTimeSpanSet.push(await timeSpanOf(context, topic, group, queueId));
  }
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeQueryConsumeTimeSpanBody({ consumeTimeSpanSet }) });
};

async function timeSpanOf(context: BrokerContext, topic: string, group: string, queueId: number): Promise<QueueTimeSpan> {
  const { store } = context;
  const minTimeStamp = await store.getEarliestMessageTime(topic, queueId);
  const maxOffset = store.getMaxOffsetInQueue(topic, queueId);
  const maxTimeStamp = await store.getMessageStoreTimestamp(topic, queueId, maxOffset - 1);
  const consumerOffset = context.consumerOffsets.queryOffset(group, topic, queueId);
  const consumeTimeStamp = consumerOffset > 0 ? await store.getMessageStoreTimestamp(topic, queueId, consumerOffset - 1) : minTimeStamp;
  let delayTime = 0;
  if (consumerOffset < maxOffset) delayTime = Date.now() - (await store.getMessageStoreTimestamp(topic, queueId, consumerOffset));
  return {
    messageQueue: { topic, brokerName: context.config.brokerName, queueId },
    minTimeStamp,
    maxTimeStamp,
    consumeTimeStamp,
    delayTime,
  };
}
