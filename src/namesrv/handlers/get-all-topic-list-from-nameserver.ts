/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206): every topic some broker serves. */
import type { NamesrvHandler } from '../namesrv-context.js';
import { topicListResponse } from './topic-list-response.js';

export const getAllTopicListFromNameserver: NamesrvHandler = (context, request) =>
  topicListResponse(request, context.routes.getAllTopicList());
