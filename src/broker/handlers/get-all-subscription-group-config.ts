/**
 * GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201): every consumer group's settings with the table's
 * data version, `{"dataVersion":{…},"subscriptionGroupTable":{"<group>":{…},…}}`.
 */
import { encodeSubscriptionGroupWrapper } from '../../protocol/bodies/subscription-group-wrapper.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getAllSubscriptionGroupConfig: BrokerHandler = (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, { body: encodeSubscriptionGroupWrapper(context.subscriptionGroups.wrapper()) });
