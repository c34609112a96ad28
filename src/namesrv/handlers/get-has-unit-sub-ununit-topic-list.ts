/** GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST (313): topics with the unit-subscription bit but not the unit bit. */
import type { NamesrvHandler } from '../namesrv-context.js';
import { topicListResponse } from './topic-list-response.js';

export const getHasUnitSubUnUnitTopicList: NamesrvHandler = (context, request) =>
  topicListResponse(request, context.routes.getHasUnitSubUnUnitTopicList());
