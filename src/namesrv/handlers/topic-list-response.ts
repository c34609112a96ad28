/** The successful answer carrying a TopicList body, shared by the topic-list handlers. */
import { encodeTopicList, type TopicList } from '../../protocol/bodies/topic-list.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command.js';

export function topicListResponse(request: RemotingCommand, list: TopicList): RemotingCommand {
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicList(list) });
}
