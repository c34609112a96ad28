/** DELETE_TOPIC_IN_NAMESRV (216): forgets a topic's routes, everywhere or only on the brokers of `clusterName`. */
import { DeleteTopicFromNamesrvRequestHeader } from '../../protocol/headers/delete-topic-from-namesrv-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const deleteTopicInNamesrv: NamesrvHandler = (context, request) => {
  const { topic, clusterName } = DeleteTopicFromNamesrvRequestHeader.decode(request.extFields);
  context.routes.deleteTopic(topic, clusterName);
  return createResponse(request, ResponseCode.SUCCESS);
};
