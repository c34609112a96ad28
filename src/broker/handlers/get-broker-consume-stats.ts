/**
 * GET_BROKER_CONSUME_STATS (317, mqadmin brokerConsumeStats): the ConsumeStats of every
 * subscription group on every topic it has committed offsets on, as RocketMQ 4.9.8
 * AdminBrokerProcessor.fetchAllConsumeStatsInBroker answers:
 *
 *   groups:   every group of the subscription-group table, each as its own one-entry map
 *             (a group without offsets maps to an empty list);
 *   skipped:  topics that do not exist; with `isOrder`, topics that are not ordered; topics
 *             the group's live members do not subscribe to (when it has live members with
 *             subscriptions);
 *   queues:   every write queue of the topic, as GET_CONSUME_STATS counts them
 *             (get-consume-stats.ts); consumeTps is the group's pull rate on the topic;
 *   totalDiff the sum of brokerOffset - consumerOffset over everything listed;
 *   brokerAddr brokerIP1:listenPort.
 */
import { consumeStatsTotalDiff, type ConsumeStats } from '../../protocol/bodies/consume-stats.js';
import { encodeConsumeStatsList } from '../../protocol/bodies/consume-stats-list.js';
import { messageQueueKey } from '../../protocol/bodies/message-queue.js';
import { GetConsumeStatsInBrokerHeader } from '../../protocol/headers/get-consume-stats-in-broker-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';
import { offsetWrapper, subscribedOrOffline } from './get-consume-stats.js';

export const getBrokerConsumeStats: BrokerHandler = async (context, request) => {
  const { isOrder } = GetConsumeStatsInBrokerHeader.decode(request.extFields);
  const consumeStatsList: Map<string, ConsumeStats[]>[] = [];
  let totalDiff = 0;
  for (const group of context.subscriptionGroups.all().keys()) {
    const statsOfGroup: ConsumeStats[] = [];
    for (const topic of context.consumerOffsets.topicsOfGroup(group)) {
      const stats = await topicStats(context, group, topic, isOrder);
      if (!stats) continue;
      totalDiff += consumeStatsTotalDiff(stats);
      statsOfGroup.push(stats);
    }
    consumeStatsList.push(new Map([[group, statsOfGroup]]));
  }
  const body = encodeConsumeStatsList({ brokerAddr: context.brokerAddr, totalDiff, consumeStatsList });
  return createResponse(request, ResponseCode.SUCCESS, { body });
};

async function topicStats(context: BrokerContext, group: string, topic: string, isOrder: boolean): Promise<ConsumeStats | null> {
  const topicConfig = context.topics.select(topic);
  if (!topicConfig || (isOrder && !topicConfig.order) || !subscribedOrOffline(context, group, topic)) return null;
  const stats: ConsumeStats = { offsetTable: new Map(), consumeTps: context.stats.groupGets.tps(group, topic) };
  for (let queueId = 0; queueId < topicConfig.writeQueueNums; queueId++) {
    const key = messageQueueKey({ topic, brokerName: context.config.brokerName, queueId });
    stats.offsetTable.set(key, await offsetWrapper(context, group, topic, queueId));
  }
  return stats;
}
