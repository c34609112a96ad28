/**
 * Calls to the name servers: routes (105), cluster info (106), topic lists (206, 224) and
 * topic deletion (216). A topic without a route (17) is a value (null), not an error.
 */
import { decodeClusterInfo, type ClusterInfo } from '../../protocol/bodies/cluster-info.js';
import { decodeTopicList } from '../../protocol/bodies/topic-list.js';
import { decodeTopicRouteData, type TopicRouteData } from '../../protocol/bodies/topic-route-data.js';
import { DeleteTopicFromNamesrvRequestHeader } from '../../protocol/headers/delete-topic-from-namesrv-request-header.js';
import { GetRouteInfoRequestHeader } from '../../protocol/headers/get-route-info-request-header.js';
import { GetTopicsByClusterRequestHeader } from '../../protocol/headers/get-topics-by-cluster-request-header.js';
import { PutKVConfigRequestHeader } from '../../protocol/headers/put-kv-config-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { checkResponse, headerFields, requireBody } from './client-remoting.js';
import type { NameServerChannel } from './name-server-channel.js';

/** The route of `topic`, or null when no name server knows it (17 TOPIC_NOT_EXIST). */
export async function getTopicRouteInfo(channel: NameServerChannel, topic: string, timeoutMs?: number): Promise<TopicRouteData | null> {
  const extFields = headerFields(GetRouteInfoRequestHeader, { topic, acceptStandardJsonOnly: true });
  const { response, address } = await channel.invoke(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields, timeoutMs });
  if (response.code === ResponseCode.TOPIC_NOT_EXIST) return null;
  checkResponse(response, address);
  return decodeTopicRouteData(requireBody(response, 'GET_ROUTEINFO_BY_TOPIC'));
}

export async function getBrokerClusterInfo(channel: NameServerChannel, timeoutMs?: number): Promise<ClusterInfo> {
  const { response, address } = await channel.invoke(RequestCode.GET_BROKER_CLUSTER_INFO, { timeoutMs });
  checkResponse(response, address);
  return decodeClusterInfo(requireBody(response, 'GET_BROKER_CLUSTER_INFO'));
}

export async function getAllTopicList(channel: NameServerChannel, timeoutMs?: number): Promise<string[]> {
  const { response, address } = await channel.invoke(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, { timeoutMs });
  checkResponse(response, address);
  return decodeTopicList(requireBody(response, 'GET_ALL_TOPIC_LIST_FROM_NAMESERVER')).topicList;
}

export async function getTopicsByCluster(channel: NameServerChannel, cluster: string, timeoutMs?: number): Promise<string[]> {
  const extFields = headerFields(GetTopicsByClusterRequestHeader, { cluster });
  const { response, address } = await channel.invoke(RequestCode.GET_TOPICS_BY_CLUSTER, { extFields, timeoutMs });
  checkResponse(response, address);
  return decodeTopicList(requireBody(response, 'GET_TOPICS_BY_CLUSTER')).topicList;
}

/** Deletes the topic's routes on every name server. */
export async function deleteTopicInNameServers(channel: NameServerChannel, topic: string, clusterName?: string, timeoutMs?: number): Promise<void> {
  const header = clusterName === undefined ? { topic } : { topic, clusterName };
  const extFields = headerFields(DeleteTopicFromNamesrvRequestHeader, header);
  for (const { response, address } of await channel.invokeAll(RequestCode.DELETE_TOPIC_IN_NAMESRV, { extFields, timeoutMs })) {
    checkResponse(response, address);
  }
}

/** Puts a KV config entry on every name server (ORDER_TOPIC_CONFIG for ordered topics). */
export async function putKVConfig(channel: NameServerChannel, namespace: string, key: string, value: string, timeoutMs?: number): Promise<void> {
  const extFields = headerFields(PutKVConfigRequestHeader, { namespace, key, value });
  for (const { response, address } of await channel.invokeAll(RequestCode.PUT_KV_CONFIG, { extFields, timeoutMs })) {
    checkResponse(response, address);
  }
}
