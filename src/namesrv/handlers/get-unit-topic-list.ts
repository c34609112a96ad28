/** GET_UNIT_TOPIC_LIST (311): topics whose topicSysFlag has the unit bit. */
import type { NamesrvHandler } from '../namesrv-context.js';
import { topicListResponse } from './topic-list-response.js';

export const getUnitTopicList: NamesrvHandler = (context, request) => topicListResponse(request, context.routes.getUnitTopics());
