/**
 * The broker's handler table: request code → handler, one file per code (the three send
 * codes share send-message.ts, the two reply codes send-reply-message.ts, the two pull
 * codes pull-message.ts). The VIP channel (listenPort - 2) serves the same table without
 * the pull codes, as RocketMQ's fast remoting server does.
 */
import { RequestCode } from '../../protocol/request-code.js';
import type { BrokerHandler } from '../broker-context.js';
import { checkClientConfig } from './check-client-config.js';
import { cleanExpiredConsumequeue } from './clean-expired-consumequeue.js';
import { cleanUnusedTopic } from './clean-unused-topic.js';
import { cloneGroupOffset } from './clone-group-offset.js';
import { consumeMessageDirectly } from './consume-message-directly.js';
import { consumerSendMsgBack } from './consumer-send-msg-back.js';
import { deleteSubscriptionGroup } from './delete-subscription-group.js';
import { deleteTopicInBroker } from './delete-topic-in-broker.js';
import { endTransaction } from './end-transaction.js';
import { getAllConsumerOffset } from './get-all-consumer-offset.js';
import { getAllDelayOffset } from './get-all-delay-offset.js';
import { getAllSubscriptionGroupConfig } from './get-all-subscription-group-config.js';
import { getAllTopicConfig } from './get-all-topic-config.js';
import { getBrokerConfig } from './get-broker-config.js';
import { getBrokerConsumeStats } from './get-broker-consume-stats.js';
import { getBrokerRuntimeInfo } from './get-broker-runtime-info.js';
import { getConsumeStats } from './get-consume-stats.js';
import { getConsumerConnectionList } from './get-consumer-connection-list.js';
import { getConsumerListByGroup } from './get-consumer-list-by-group.js';
import { getConsumerRunningInfo } from './get-consumer-running-info.js';
import { getEarliestMsgStoretime } from './get-earliest-msg-storetime.js';
import { getMaxOffset } from './get-max-offset.js';
import { getMinOffset } from './get-min-offset.js';
import { getProducerConnectionList } from './get-producer-connection-list.js';
import { getSystemTopicListFromBroker } from './get-system-topic-list-from-broker.js';
import { getTopicStatsInfo } from './get-topic-stats-info.js';
import { heartBeat } from './heart-beat.js';
import { invokeBrokerToResetOffset } from './invoke-broker-to-reset-offset.js';
import { lockBatchMq } from './lock-batch-mq.js';
import { pullMessage } from './pull-message.js';
import { queryConsumeQueue } from './query-consume-queue.js';
import { queryConsumeTimeSpan } from './query-consume-time-span.js';
import { queryConsumerOffset } from './query-consumer-offset.js';
import { queryCorrectionOffset } from './query-correction-offset.js';
import { queryMessage } from './query-message.js';
import { queryTopicConsumeByWho } from './query-topic-consume-by-who.js';
import { searchOffsetByTimestamp } from './search-offset-by-timestamp.js';
import { sendBatchMessage, sendMessage, sendMessageV2 } from './send-message.js';
import { sendReplyMessage, sendReplyMessageV2 } from './send-reply-message.js';
import { unlockBatchMq } from './unlock-batch-mq.js';
import { unregisterClient } from './unregister-client.js';
import { updateAndCreateSubscriptionGroup } from './update-and-create-subscription-group.js';
import { updateAndCreateTopic } from './update-and-create-topic.js';
import { updateBrokerConfig } from './update-broker-config.js';
import { updateConsumerOffset } from './update-consumer-offset.js';
import { viewBrokerStatsData } from './view-broker-stats-data.js';
import { viewMessageById } from './view-message-by-id.js';

export const brokerHandlers: ReadonlyMap<number, BrokerHandler> = new Map<number, BrokerHandler>([
  [RequestCode.SEND_MESSAGE, sendMessage],
  [RequestCode.SEND_MESSAGE_V2, sendMessageV2],
  [RequestCode.SEND_BATCH_MESSAGE, sendBatchMessage],
  [RequestCode.SEND_REPLY_MESSAGE, sendReplyMessage],
  [RequestCode.SEND_REPLY_MESSAGE_V2, sendReplyMessageV2],
  [RequestCode.GET_MAX_OFFSET, getMaxOffset],
  [RequestCode.GET_MIN_OFFSET, getMinOffset],
  [RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, searchOffsetByTimestamp],
  [RequestCode.GET_EARLIEST_MSG_STORETIME, getEarliestMsgStoretime],
  [RequestCode.VIEW_MESSAGE_BY_ID, viewMessageById],
  [RequestCode.QUERY_MESSAGE, queryMessage],
  [RequestCode.GET_BROKER_RUNTIME_INFO, getBrokerRuntimeInfo],
  [RequestCode.GET_TOPIC_STATS_INFO, getTopicStatsInfo],
  [RequestCode.GET_BROKER_CONFIG, getBrokerConfig],
  [RequestCode.UPDATE_BROKER_CONFIG, updateBrokerConfig],
  [RequestCode.HEART_BEAT, heartBeat],
  [RequestCode.UNREGISTER_CLIENT, unregisterClient],
  [RequestCode.UPDATE_AND_CREATE_TOPIC, updateAndCreateTopic],
  [RequestCode.DELETE_TOPIC_IN_BROKER, deleteTopicInBroker],
  [RequestCode.GET_ALL_TOPIC_CONFIG, getAllTopicConfig],
  [RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, getSystemTopicListFromBroker],
  [RequestCode.PULL_MESSAGE, pullMessage],
  [RequestCode.LITE_PULL_MESSAGE, pullMessage],
  [RequestCode.GET_CONSUMER_LIST_BY_GROUP, getConsumerListByGroup],
  [RequestCode.QUERY_CONSUMER_OFFSET, queryConsumerOffset],
  [RequestCode.UPDATE_CONSUMER_OFFSET, updateConsumerOffset],
  [RequestCode.CONSUMER_SEND_MSG_BACK, consumerSendMsgBack],
  [RequestCode.END_TRANSACTION, endTransaction],
  [RequestCode.LOCK_BATCH_MQ, lockBatchMq],
  [RequestCode.UNLOCK_BATCH_MQ, unlockBatchMq],
  [RequestCode.CHECK_CLIENT_CONFIG, checkClientConfig],
  [RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, updateAndCreateSubscriptionGroup],
  [RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, getAllSubscriptionGroupConfig],
  [RequestCode.DELETE_SUBSCRIPTIONGROUP, deleteSubscriptionGroup],
  [RequestCode.GET_ALL_CONSUMER_OFFSET, getAllConsumerOffset],
  [RequestCode.GET_ALL_DELAY_OFFSET, getAllDelayOffset],
  [RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, queryTopicConsumeByWho],
  [RequestCode.GET_CONSUMER_CONNECTION_LIST, getConsumerConnectionList],
  [RequestCode.GET_PRODUCER_CONNECTION_LIST, getProducerConnectionList],
  [RequestCode.GET_CONSUME_STATS, getConsumeStats],
  [RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, invokeBrokerToResetOffset],
  [RequestCode.GET_CONSUMER_RUNNING_INFO, getConsumerRunningInfo],
  [RequestCode.CONSUME_MESSAGE_DIRECTLY, consumeMessageDirectly],
  [RequestCode.CLONE_GROUP_OFFSET, cloneGroupOffset],
  [RequestCode.QUERY_CORRECTION_OFFSET, queryCorrectionOffset],
  [RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE, cleanExpiredConsumequeue],
  [RequestCode.CLEAN_UNUSED_TOPIC, cleanUnusedTopic],
  [RequestCode.QUERY_CONSUME_QUEUE, queryConsumeQueue],
  [RequestCode.QUERY_CONSUME_TIME_SPAN, queryConsumeTimeSpan],
  [RequestCode.VIEW_BROKER_STATS_DATA, viewBrokerStatsData],
  [RequestCode.GET_BROKER_CONSUME_STATS, getBrokerConsumeStats],
]);

/** Codes the VIP channel does not serve (it answers them 3 REQUEST_CODE_NOT_SUPPORTED). */
export const NOT_ON_VIP_CHANNEL: ReadonlySet<number> = new Set([RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE]);
