/** GET_HAS_UNIT_SUB_TOPIC_LIST (312): topics whose topicSysFlag has the unit-subscription bit. */
import type { NamesrvHandler } from '../namesrv-context.js';
import { topicListResponse } from './topic-list-response.js';

export const getHasUnitSubTopicList: NamesrvHandler = (context, request) =>
  topicListResponse(request, context.routes.getHasUnitSubTopicList());
