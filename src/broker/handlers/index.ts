/**
 * The broker's handler table: request code → handler, one file per code (the three send
 * codes share send-message.ts). The VIP channel (listenPort - 2) serves the same table
 * without the pull codes, as RocketMQ's fast remoting server does.
 */
import { RequestCode } from '../../protocol/request-code.js';
import type { BrokerHandler } from '../broker-context.js';
import { deleteTopicInBroker } from './delete-topic-in-broker.js';
import { getAllTopicConfig } from './get-all-topic-config.js';
import { getBrokerConfig } from './get-broker-config.js';
import { getBrokerRuntimeInfo } from './get-broker-runtime-info.js';
import { getEarliestMsgStoretime } from './get-earliest-msg-storetime.js';
import { getMaxOffset } from './get-max-offset.js';
import { getMinOffset } from './get-min-offset.js';
import { getSystemTopicListFromBroker } from './get-system-topic-list-from-broker.js';
import { getTopicStatsInfo } from './get-topic-stats-info.js';
import { heartBeat } from './heart-beat.js';
import { queryMessage } from './query-message.js';
import { searchOffsetByTimestamp } from './search-offset-by-timestamp.js';
import { sendBatchMessage, sendMessage, sendMessageV2 } from './send-message.js';
import { unregisterClient } from './unregister-client.js';
import { updateAndCreateTopic } from './update-and-create-topic.js';
import { updateBrokerConfig } from './update-broker-config.js';
import { viewMessageById } from './view-message-by-id.js';

export const brokerHandlers: ReadonlyMap<number, BrokerHandler> = new Map<number, BrokerHandler>([
  [RequestCode.SEND_MESSAGE, sendMessage],
  [RequestCode.SEND_MESSAGE_V2, sendMessageV2],
  [RequestCode.SEND_BATCH_MESSAGE, sendBatchMessage],
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
]);

/** Codes the VIP channel does not serve (it answers them 3 REQUEST_CODE_NOT_SUPPORTED). */
export const NOT_ON_VIP_CHANNEL: ReadonlySet<number> = new Set([RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE]);
