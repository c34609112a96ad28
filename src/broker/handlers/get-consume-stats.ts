/**
 * GET_CONSUME_STATS (208, mqadmin consumerProgress): how far a group is behind, per read
 * queue of its topics here (RocketMQ 4.9.8 AdminBrokerProcessor.getConsumeStats):
 *
 *   topics: the header's `topic`, or every topic the group has committed offsets on;
 *   skipped: topics that do not exist, and topics the group's live members do not
 *            subscribe to (when it has live members with subscriptions);
 *   per queue: brokerOffset = the queue's max offset, consumerOffset = the committed one
 *              (0 when none), lastTimestamp = store time of the message before it (0 when
 *              none);
 *   consumeTps = messages per second the group pulled from those topics (last minute).
 *
 * Body: ConsumeStats, the MessageQueue keys written as standard JSON strings.
 */
import type { ConsumeStats, OffsetWrapper } from '../../protocol/bodies/consume-stats.js';
import { encodeConsumeStats } from '../../protocol/bodies/consume-stats.js';
import { messageQueueKey } from '../../protocol/bodies/message-queue.js';
import { GetConsumeStatsRequestHeader } from '../../protocol/headers/get-consume-stats-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';

export const getConsumeStats: BrokerHandler = async (context, request) => {
  const header = GetConsumeStatsRequestHeader.decode(request.extFields);
  const group = header.consumerGroup;
  const topics = header.topic === undefined || header.topic.trim() === '' ? context.consumerOffsets.topicsOfGroup(group) : [header.topic];
  const stats: ConsumeStats = { offsetTable: new Map(), consumeTps: 0 };
  for (const topic of topics) {
    const topicConfig = context.topics.select(topic);
    if (!topicConfig || !subscribedOrOffline(context, group, topic)) continue;
    for (let queueId = 0; queueId < topicConfig.readQueueNums; queueId++) {
      const key = messageQueueKey({ topic, brokerName: context.config.brokerName, queueId });
      stats.offsetTable.set(key, await offsetWrapper(context, group, topic, queueId));
    }
    stats.consumeTps += context.stats.groupGets.tps(group, topic);
  }
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeConsumeStats(stats) });
};

/** Java: a topic counts unless the group has live subscriptions and none of them is this topic (GET_BROKER_CONSUME_STATS too). */
export function subscribedOrOffline(context: BrokerContext, group: string, topic: string): boolean {
  const info = context.consumers.findGroup(group);
  return !info || info.subscriptions.size === 0 || info.subscriptions.has(topic);
}

/** One queue's line of ConsumeStats (GET_BROKER_CONSUME_STATS too). */
export async function offsetWrapper(context: BrokerContext, group: string, topic: string, queueId: number): Promise<OffsetWrapper> {
  const brokerOffset = Math.max(0, context.store.getMaxOffsetInQueue(topic, queueId));
  const consumerOffset = Math.max(0, context.consumerOffsets.queryOffset(group, topic, queueId));
  let lastTimestamp = 0;
  if (consumerOffset - 1 >= 0) {
    const storeTime = await context.store.getMessageStoreTimestamp(topic, queueId, consumerOffset - 1);
    if (storeTime > 0) lastTimestamp = storeTime;
  }
  return { brokerOffset, consumerOffset, lastTimestamp };
}
