/**
 * DELETE_SUBSCRIPTIONGROUP (207, mqadmin deleteSubGroup): forgets a consumer group's
 * settings and, with `removeOffset=true`, its committed offsets. A slave refuses; an
 * unknown group answers 0 too, as RocketMQ does.
 */
import { DeleteSubscriptionGroupRequestHeader } from '../../protocol/headers/delete-subscription-group-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { slaveRefusal } from './slave-refusal.js';

export const deleteSubscriptionGroup: BrokerHandler = async (context, request, connection) => {
  const slave = slaveRefusal(context, request);
  if (slave) return slave;
  const header = DeleteSubscriptionGroupRequestHeader.decode(request.extFields);
  context.logger.info({ group: header.groupName, removeOffset: header.removeOffset ?? false, from: connection.remoteAddress }, 'DELETE_SUBSCRIPTIONGROUP');
  await context.subscriptionGroups.delete(header.groupName);
  if (header.removeOffset === true) context.consumerOffsets.deleteGroup(header.groupName);
  return createResponse(request, ResponseCode.SUCCESS);
};
