/** GET_ALL_TOPIC_CONFIG (21): the whole topic table with its DataVersion (TopicConfigSerializeWrapper). */
import { encodeTopicConfigSerializeWrapper } from '../../protocol/bodies/topic-config-serialize-wrapper.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getAllTopicConfig: BrokerHandler = (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicConfigSerializeWrapper(context.topics.wrapper()) });
