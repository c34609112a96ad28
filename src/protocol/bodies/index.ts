/**
 * JSON bodies of the remoting protocol: every body type with its lenient decoder and
 * standard-JSON encoder, plus the tables from a request code to the codec of the request's
 * body and of its (successful) answer's body.
 *
 * REGISTER_BROKER's table entry reads the JSON form; a request whose header says
 * `compressed=true` needs decodeRegisterBrokerBody(body, true).
 */
import { RequestCode } from '../request-code.js';
import { decodeBrokerStatsData, encodeBrokerStatsData } from './broker-stats-data.js';
import { decodeCheckClientRequestBody, encodeCheckClientRequestBody } from './check-client-request-body.js';
import { decodeClusterInfo, encodeClusterInfo } from './cluster-info.js';
import { decodeConsumeMessageDirectlyResult, encodeConsumeMessageDirectlyResult } from './consume-message-directly-result.js';
import { decodeConsumeStats, encodeConsumeStats } from './consume-stats.js';
import { decodeConsumeStatsList, encodeConsumeStatsList } from './consume-stats-list.js';
import { decodeConsumerConnection, encodeConsumerConnection } from './consumer-connection.js';
import {
  decodeGetConsumerListByGroupResponseBody,
  encodeGetConsumerListByGroupResponseBody,
} from './consumer-list-by-group.js';
import {
  decodeConsumerOffsetSerializeWrapper,
  encodeConsumerOffsetSerializeWrapper,
} from './consumer-offset-serialize-wrapper.js';
import { decodeConsumerRunningInfo, encodeConsumerRunningInfo } from './consumer-running-info.js';
import { decodeGetConsumerStatusBody, encodeGetConsumerStatusBody } from './consumer-status-body.js';
import { decodeDataVersion, encodeDataVersion } from './data-version.js';
import { decodeGroupList, encodeGroupList } from './group-list.js';
import { decodeHeartbeatData, encodeHeartbeatData } from './heartbeat-data.js';
import { decodeKVTable, encodeKVTable } from './kv-table.js';
import {
  decodeLockBatchRequestBody,
  decodeLockBatchResponseBody,
  decodeUnlockBatchRequestBody,
  encodeLockBatchRequestBody,
  encodeLockBatchResponseBody,
  encodeUnlockBatchRequestBody,
} from './lock-batch-body.js';
import { decodeProducerConnection, encodeProducerConnection } from './producer-connection.js';
import {
  decodeQueryConsumeQueueResponseBody,
  encodeQueryConsumeQueueResponseBody,
} from './query-consume-queue-response-body.js';
import { decodeQueryConsumeTimeSpanBody, encodeQueryConsumeTimeSpanBody } from './query-consume-time-span-body.js';
import { decodeRegisterBrokerBody, encodeRegisterBrokerBody } from './register-broker-body.js';
import { decodeResetOffsetBody, encodeResetOffsetBody } from './reset-offset-body.js';
import { decodeSubscriptionGroupConfig, encodeSubscriptionGroupConfig } from './subscription-group-config.js';
import { decodeSubscriptionGroupWrapper, encodeSubscriptionGroupWrapper } from './subscription-group-wrapper.js';
import { decodeTopicConfigSerializeWrapper, encodeTopicConfigSerializeWrapper } from './topic-config-serialize-wrapper.js';
import { decodeTopicList, encodeTopicList } from './topic-list.js';
import { decodeTopicRouteData, encodeTopicRouteData } from './topic-route-data.js';
import { decodeTopicStatsTable, encodeTopicStatsTable } from './topic-stats-table.js';

export * from './body-json.js';
export * from './broker-stats-data.js';
export * from './check-client-request-body.js';
export * from './cluster-info.js';
export * from './connection.js';
export * from './consume-message-directly-result.js';
export * from './consume-stats.js';
export * from './consume-stats-list.js';
export * from './consumer-connection.js';
export * from './consumer-list-by-group.js';
export * from './consumer-offset-serialize-wrapper.js';
export * from './consumer-running-info.js';
export * from './consumer-status-body.js';
export * from './data-version.js';
export * from './group-list.js';
export * from './heartbeat-data.js';
export * from './kv-table.js';
export * from './lenient-json.js';
export * from './lock-batch-body.js';
export * from './message-queue.js';
export * from './producer-connection.js';
export * from './query-consume-queue-response-body.js';
export * from './query-consume-time-span-body.js';
export * from './register-broker-body.js';
export * from './reset-offset-body.js';
export * from './subscription-data.js';
export * from './subscription-group-config.js';
export * from './subscription-group-wrapper.js';
export * from './topic-config.js';
export * from './topic-config-serialize-wrapper.js';
export * from './topic-list.js';
export * from './topic-route-data.js';
export * from './topic-stats-table.js';

/** A body type's decoder (lenient) and encoder (standard JSON). */
export interface BodyCodec<T = unknown> {
  /** The Java class name. */
  readonly name: string;
  decode(input: Uint8Array | string): T;
  encode(value: T): Buffer;
}

function codec<T>(name: string, decode: (input: Uint8Array | string) => T, encode: (value: T) => Buffer): BodyCodec<T> {
  return { name, decode, encode };
}

const heartbeat = codec('HeartbeatData', decodeHeartbeatData, encodeHeartbeatData);
const lockRequest = codec('LockBatchRequestBody', decodeLockBatchRequestBody, encodeLockBatchRequestBody);
const unlockRequest = codec('UnlockBatchRequestBody', decodeUnlockBatchRequestBody, encodeUnlockBatchRequestBody);
const lockResponse = codec('LockBatchResponseBody', decodeLockBatchResponseBody, encodeLockBatchResponseBody);
const registerBroker = codec('RegisterBrokerBody', (input) => decodeRegisterBrokerBody(input), (body) => encodeRegisterBrokerBody(body));
const dataVersion = codec('DataVersion', decodeDataVersion, encodeDataVersion);
const checkClient = codec('CheckClientRequestBody', decodeCheckClientRequestBody, encodeCheckClientRequestBody);
const subscriptionGroup = codec('SubscriptionGroupConfig', decodeSubscriptionGroupConfig, encodeSubscriptionGroupConfig);
const resetOffset = codec('ResetOffsetBody', decodeResetOffsetBody, encodeResetOffsetBody);
const route = codec('TopicRouteData', decodeTopicRouteData, encodeTopicRouteData);
const clusterInfo = codec('ClusterInfo', decodeClusterInfo, encodeClusterInfo);
const topicList = codec('TopicList', decodeTopicList, encodeTopicList);
const kvTable = codec('KVTable', decodeKVTable, encodeKVTable);
const consumerList = codec(
  'GetConsumerListByGroupResponseBody',
  decodeGetConsumerListByGroupResponseBody,
  encodeGetConsumerListByGroupResponseBody,
);
const consumeStats = codec('ConsumeStats', decodeConsumeStats, encodeConsumeStats);
const topicStats = codec('TopicStatsTable', decodeTopicStatsTable, encodeTopicStatsTable);
const consumerConnection = codec('ConsumerConnection', decodeConsumerConnection, encodeConsumerConnection);
const producerConnection = codec('ProducerConnection', decodeProducerConnection, encodeProducerConnection);
const groupList = codec('GroupList', decodeGroupList, encodeGroupList);
const timeSpan = codec('QueryConsumeTimeSpanBody', decodeQueryConsumeTimeSpanBody, encodeQueryConsumeTimeSpanBody);
const consumeQueue = codec('QueryConsumeQueueResponseBody', decodeQueryConsumeQueueResponseBody, encodeQueryConsumeQueueResponseBody);
const brokerStats = codec('BrokerStatsData', decodeBrokerStatsData, encodeBrokerStatsData);
const consumeStatsList = codec('ConsumeStatsList', decodeConsumeStatsList, encodeConsumeStatsList);
const runningInfo = codec('ConsumerRunningInfo', decodeConsumerRunningInfo, encodeConsumerRunningInfo);
const directResult = codec('ConsumeMessageDirectlyResult', decodeConsumeMessageDirectlyResult, encodeConsumeMessageDirectlyResult);
const topicConfigs = codec('TopicConfigSerializeWrapper', decodeTopicConfigSerializeWrapper, encodeTopicConfigSerializeWrapper);
const subscriptionGroups = codec('SubscriptionGroupWrapper', decodeSubscriptionGroupWrapper, encodeSubscriptionGroupWrapper);
const consumerOffsets = codec(
  'ConsumerOffsetSerializeWrapper',
  decodeConsumerOffsetSerializeWrapper,
  encodeConsumerOffsetSerializeWrapper,
);
const consumerStatus = codec('GetConsumerStatusBody', decodeGetConsumerStatusBody, encodeGetConsumerStatusBody);

/** Request code → codec of the request's JSON body. */
export const requestBodyCodecs: ReadonlyMap<number, BodyCodec> = new Map<number, BodyCodec>([
  [RequestCode.HEART_BEAT, heartbeat],
  [RequestCode.LOCK_BATCH_MQ, lockRequest],
  [RequestCode.UNLOCK_BATCH_MQ, unlockRequest],
  [RequestCode.CHECK_CLIENT_CONFIG, checkClient],
  [RequestCode.REGISTER_BROKER, registerBroker],
  [RequestCode.QUERY_DATA_VERSION, dataVersion],
  [RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, subscriptionGroup],
  [RequestCode.RESET_CONSUMER_CLIENT_OFFSET, resetOffset],
]);

/** Request code → codec of the JSON body of its successful answer. */
export const responseBodyCodecs: ReadonlyMap<number, BodyCodec> = new Map<number, BodyCodec>([
  [RequestCode.GET_ALL_TOPIC_CONFIG, topicConfigs],
  [RequestCode.GET_BROKER_RUNTIME_INFO, kvTable],
  [RequestCode.GET_CONSUMER_LIST_BY_GROUP, consumerList],
  [RequestCode.LOCK_BATCH_MQ, lockResponse],
  [RequestCode.GET_ALL_CONSUMER_OFFSET, consumerOffsets],
  [RequestCode.REGISTER_BROKER, kvTable],
  [RequestCode.GET_ROUTEINFO_BY_TOPIC, route],
  [RequestCode.GET_BROKER_CLUSTER_INFO, clusterInfo],
  [RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, subscriptionGroups],
  [RequestCode.GET_TOPIC_STATS_INFO, topicStats],
  [RequestCode.GET_CONSUMER_CONNECTION_LIST, consumerConnection],
  [RequestCode.GET_PRODUCER_CONNECTION_LIST, producerConnection],
  [RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, topicList],
  [RequestCode.GET_CONSUME_STATS, consumeStats],
  [RequestCode.GET_KVLIST_BY_NAMESPACE, kvTable],
  [RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, consumerStatus],
  [RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, resetOffset],
  [RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS, consumerStatus],
  [RequestCode.GET_TOPICS_BY_CLUSTER, topicList],
  [RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, groupList],
  [RequestCode.QUERY_CONSUME_TIME_SPAN, timeSpan],
  [RequestCode.QUERY_CONSUME_QUEUE, consumeQueue],
  [RequestCode.VIEW_BROKER_STATS_DATA, brokerStats],
  [RequestCode.GET_BROKER_CONSUME_STATS, consumeStatsList],
  [RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, topicList],
  [RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, topicList],
  [RequestCode.GET_CONSUMER_RUNNING_INFO, runningInfo],
  [RequestCode.CONSUME_MESSAGE_DIRECTLY, directResult],
  [RequestCode.GET_UNIT_TOPIC_LIST, topicList],
  [RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, topicList],
  [RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST, topicList],
  [RequestCode.QUERY_DATA_VERSION, dataVersion],
]);
