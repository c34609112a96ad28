/**
 * GET_SYSTEM_TOPIC_LIST_FROM_NS (304): the cluster and broker names (each is a topic on
 * its brokers) and, as `brokerAddr`, one broker address to ask for the rest.
 */
import type { NamesrvHandler } from '../namesrv-context.js';
import { topicListResponse } from './topic-list-response.js';

export const getSystemTopicListFromNs: NamesrvHandler = (context, request) =>
  topicListResponse(request, context.routes.getSystemTopicList());
