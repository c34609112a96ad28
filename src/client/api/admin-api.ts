/**
 * Admin calls to one broker, as mqadmin makes them: create/update topic (17), delete topic
 * (215), topic stats (202), runtime info (28), broker config (26), consume stats (208),
 * reset offset by time (222), consumer connections (203), and the calls the broker relays
 * to a consumer: running info (307) and consume a message directly (309).
 */
import { decodeConsumeMessageDirectlyResult, type ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result.js';
import { decodeConsumeStats, type ConsumeStats } from '../../protocol/bodies/consume-stats.js';
import { decodeConsumerConnection, type ConsumerConnection } from '../../protocol/bodies/consumer-connection.js';
import { decodeConsumerRunningInfo, type ConsumerRunningInfo } from '../../protocol/bodies/consumer-running-info.js';
import { decodeKVTable } from '../../protocol/bodies/kv-table.js';
import { decodeResetOffsetBody, type ResetOffsetBody } from '../../protocol/bodies/reset-offset-body.js';
import { decodeTopicStatsTable, type TopicStatsTable } from '../../protocol/bodies/topic-stats-table.js';
import { ConsumeMessageDirectlyResultRequestHeader } from '../../protocol/headers/consume-message-directly-result-request-header.js';
import { CreateTopicRequestHeader } from '../../protocol/headers/create-topic-request-header.js';
import { DeleteTopicRequestHeader } from '../../protocol/headers/delete-topic-request-header.js';
import { GetConsumeStatsRequestHeader } from '../../protocol/headers/get-consume-stats-request-header.js';
import { GetConsumerConnectionListRequestHeader } from '../../protocol/headers/get-consumer-connection-list-request-header.js';
import { GetConsumerRunningInfoRequestHeader } from '../../protocol/headers/get-consumer-running-info-request-header.js';
import { GetTopicStatsInfoRequestHeader } from '../../protocol/headers/get-topic-stats-info-request-header.js';
import { ResetOffsetRequestHeader } from '../../protocol/headers/reset-offset-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { parseProperties } from '../../common/properties-file.js';
import { checkResponse, headerFields, requireBody, type ClientRemoting } from './client-remoting.js';

export async function createTopic(remoting: ClientRemoting, address: string, header: CreateTopicRequestHeader, timeoutMs?: number): Promise<void> {
  const extFields = headerFields(CreateTopicRequestHeader, header);
  checkResponse(await remoting.invoke(address, RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields, timeoutMs }), address);
}

export async function deleteTopicInBroker(remoting: ClientRemoting, address: string, topic: string, timeoutMs?: number): Promise<void> {
  const extFields = headerFields(DeleteTopicRequestHeader, { topic });
  checkResponse(await remoting.invoke(address, RequestCode.DELETE_TOPIC_IN_BROKER, { extFields, timeoutMs }), address);
}

export async function getTopicStatsInfo(remoting: ClientRemoting, address: string, topic: string, timeoutMs?: number): Promise<TopicStatsTable> {
  const extFields = headerFields(GetTopicStatsInfoRequestHeader, { topic });
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_TOPIC_STATS_INFO, { extFields, timeoutMs }), address);
  return decodeTopicStatsTable(requireBody(response, 'GET_TOPIC_STATS_INFO'));
}

export async function getBrokerRuntimeInfo(remoting: ClientRemoting, address: string, timeoutMs?: number): Promise<Map<string, string>> {
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_BROKER_RUNTIME_INFO, { timeoutMs }), address);
  return decodeKVTable(requireBody(response, 'GET_BROKER_RUNTIME_INFO')).table;
}

/** The broker's settings, from its properties-text answer. */
export async function getBrokerConfig(remoting: ClientRemoting, address: string, timeoutMs?: number): Promise<Map<string, string>> {
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_BROKER_CONFIG, { timeoutMs }), address);
  return parseProperties(response.body ? response.body.toString('utf8') : '');
}

export async function getConsumeStats(remoting: ClientRemoting, address: string, consumerGroup: string, topic?: string, timeoutMs?: number): Promise<ConsumeStats> {
  const extFields = headerFields(GetConsumeStatsRequestHeader, topic === undefined ? { consumerGroup } : { consumerGroup, topic });
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_CONSUME_STATS, { extFields, timeoutMs }), address);
  return decodeConsumeStats(requireBody(response, 'GET_CONSUME_STATS'));
}

export async function invokeBrokerToResetOffset(
  remoting: ClientRemoting,
  address: string,
  reset: { topic: string; group: string; timestamp: number; isForce: boolean },
  timeoutMs?: number,
): Promise<ResetOffsetBody> {
  const extFields = headerFields(ResetOffsetRequestHeader, reset);
  const response = checkResponse(await remoting.invoke(address, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, { extFields, timeoutMs }), address);
  return response.body && response.body.length > 0 ? decodeResetOffsetBody(response.body) : { offsetTable: new Map() };
}

/** A group's live connections and subscriptions (GET_CONSUMER_CONNECTION_LIST). */
export async function getConsumerConnectionList(remoting: ClientRemoting, address: string, consumerGroup: string, timeoutMs?: number): Promise<ConsumerConnection> {
  const extFields = headerFields(GetConsumerConnectionListRequestHeader, { consumerGroup });
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_CONSUMER_CONNECTION_LIST, { extFields, timeoutMs }), address);
  return decodeConsumerConnection(requireBody(response, 'GET_CONSUMER_CONNECTION_LIST'));
}

/** A consumer's running info, relayed by the broker (GET_CONSUMER_RUNNING_INFO). */
export async function getConsumerRunningInfo(
  remoting: ClientRemoting,
  address: string,
  request: { consumerGroup: string; clientId: string; jstackEnable: boolean },
  timeoutMs?: number,
): Promise<ConsumerRunningInfo> {
  const extFields = headerFields(GetConsumerRunningInfoRequestHeader, request);
  const response = checkResponse(await remoting.invoke(address, RequestCode.GET_CONSUMER_RUNNING_INFO, { extFields, timeoutMs }), address);
  return decodeConsumerRunningInfo(requireBody(response, 'GET_CONSUMER_RUNNING_INFO'));
}

/** Has a consumer consume one message now, relayed by the broker that stores it (CONSUME_MESSAGE_DIRECTLY). */
export async function consumeMessageDirectly(
  remoting: ClientRemoting,
  address: string,
  request: { consumerGroup: string; clientId: string; msgId: string },
  timeoutMs?: number,
): Promise<ConsumeMessageDirectlyResult> {
  const extFields = headerFields(ConsumeMessageDirectlyResultRequestHeader, request);
  const response = checkResponse(await remoting.invoke(address, RequestCode.CONSUME_MESSAGE_DIRECTLY, { extFields, timeoutMs }), address);
  return decodeConsumeMessageDirectlyResult(requireBody(response, 'CONSUME_MESSAGE_DIRECTLY'));
}
