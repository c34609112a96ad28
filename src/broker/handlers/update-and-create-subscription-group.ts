/**
 * UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200, mqadmin updateSubGroup): creates or replaces a
 * consumer group's settings (SubscriptionGroupConfig JSON body); subscriptionGroup.json is
 * written before the answer. A slave refuses; an empty body changes nothing. Answered 0.
 */
import { decodeSubscriptionGroupConfig } from '../../protocol/bodies/subscription-group-config.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { slaveRefusal } from './slave-refusal.js';

export const updateAndCreateSubscriptionGroup: BrokerHandler = async (context, request, connection) => {
  const slave = slaveRefusal(context, request);
  if (slave) return slave;
  if (request.body && request.body.length > 0) {
    const config = decodeSubscriptionGroupConfig(request.body);
    context.logger.info({ group: config.groupName, from: connection.remoteAddress }, 'UPDATE_AND_CREATE_SUBSCRIPTIONGROUP');
    await context.subscriptionGroups.update(config);
  }
  return createResponse(request, ResponseCode.SUCCESS);
};
