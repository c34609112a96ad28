/**
 * GET_ROUTEINFO_BY_TOPIC (105): the route of one topic — which brokers serve it, with how
 * many queues — as standard JSON (quoted brokerId keys, QueueData with both topicSysFlag
 * and topicSynFlag), which every client version reads.
 *
 * With orderMessageEnable (or clusterTest) the route carries `orderTopicConf` from the KV
 * namespace ORDER_TOPIC_CONFIG. An unknown topic is answered 17 TOPIC_NOT_EXIST with
 * RocketMQ's remark; with clusterTest it is first looked up on the name servers of the
 * production environment. Encoded bodies are cached per topic (route-body-cache.ts).
 */
import { encodeTopicRouteData, type TopicRouteData } from '../../protocol/bodies/topic-route-data.js';
import { GetRouteInfoRequestHeader } from '../../protocol/headers/get-route-info-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command.js';
import { NAMESPACE_ORDER_TOPIC_CONFIG } from '../kv-config-manager.js';
import type { NamesrvContext, NamesrvHandler } from '../namesrv-context.js';

const FAQ_SUGGESTION = '\nSee http://rocketmq.apache.org/docs/faq/ for further details.';

export const getRouteInfoByTopic: NamesrvHandler = (context, request) => {
  const { topic } = GetRouteInfoRequestHeader.decode(request.extFields);
  const body = routeBody(context, topic);
  if (body) return createResponse(request, ResponseCode.SUCCESS, { body });
  const lookUpElsewhere = context.lookUpElsewhere;
  if (!lookUpElsewhere) return topicNotExist(request, topic);
  return lookUpElsewhere(topic).then(
    (route) => (route ? createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicRouteData(route) }) : topicNotExist(request, topic)),
    () => topicNotExist(request, topic),
  );
};

function routeBody(context: NamesrvContext, topic: string): Buffer | null {
  const config = context.configuration.config;
  const withOrderConf = config.orderMessageEnable || config.clusterTest;
  const cache = context.routeBodies;
  cache.validate(context.routes.version, context.kv.version, withOrderConf);
  const cached = cache.get(topic);
  if (cached) return cached;
  const route = context.routes.pickupTopicRouteData(topic);
  if (!route) return null;
  if (withOrderConf) setOrderTopicConf(context, route, topic);
  const body = encodeTopicRouteData(route);
  cache.set(topic, body);
  return body;
}

function setOrderTopicConf(context: NamesrvContext, route: TopicRouteData, topic: string): void {
  const orderTopicConf = context.kv.get(NAMESPACE_ORDER_TOPIC_CONFIG, topic);
  if (orderTopicConf !== undefined) route.orderTopicConf = orderTopicConf;
}

function topicNotExist(request: RemotingCommand, topic: string): RemotingCommand {
  return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, {
    remark: `No topic route info in name server for the topic: ${topic}${FAQ_SUGGESTION}`,
  });
}
