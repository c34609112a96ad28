/** GET_TOPICS_BY_CLUSTER (224): the topics served by the brokers of one cluster (none for an unknown cluster). */
import { GetTopicsByClusterRequestHeader } from '../../protocol/headers/get-topics-by-cluster-request-header.js';
import type { NamesrvHandler } from '../namesrv-context.js';
import { topicListResponse } from './topic-list-response.js';

export const getTopicsByCluster: NamesrvHandler = (context, request) => {
  const { cluster } = GetTopicsByClusterRequestHeader.decode(request.extFields);
  return topicListResponse(request, context.routes.getTopicsByCluster(cluster));
};
