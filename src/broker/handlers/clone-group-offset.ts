/**
 * CLONE_GROUP_OFFSET (314, mqadmin cloneGroupOffset): `destGroup` gets a copy of
 * `srcGroup`'s committed offsets — on `topic`, or on every topic `srcGroup` has offsets on.
 * Topics that do not exist are skipped; unless `offline`, so are topics `srcGroup`'s live
 * members do not subscribe to (when it has live members with subscriptions). Answered 0.
 */
import { CloneGroupOffsetRequestHeader } from '../../protocol/headers/clone-group-offset-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const cloneGroupOffset: BrokerHandler = (context, request) => {
  const header = CloneGroupOffsetRequestHeader.decode(request.extFields);
  const topics = header.topic === undefined || header.topic.trim() === '' ? context.consumerOffsets.topicsOfGroup(header.srcGroup) : [header.topic];
  const live = context.consumers.findGroup(header.srcGroup);
  for (const topic of topics) {
    if (!context.topics.select(topic)) continue;
    if (header.offline !== true && live && live.subscriptions.size > 0 && !live.subscriptions.has(topic)) continue;
    context.consumerOffsets.cloneOffset(header.srcGroup, header.destGroup, topic);
  }
  return createResponse(request, ResponseCode.SUCCESS);
};
