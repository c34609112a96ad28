/**
 * CHECK_CLIENT_CONFIG (46): a Java consumer with a non-TAG subscription asks whether the
 * broker can filter by it before starting. TAG subscriptions (and a body without one) →
 * 0; any other expression type → 1 `The broker does not support consumer to filter
 * message by <type>`, as a 4.9.8 broker with its default enablePropertyFilter=false
 * answers (this broker has no property filter).
 */
import { decodeCheckClientRequestBody } from '../../protocol/bodies/check-client-request-body.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { isTagType } from '../filter/build-subscription.js';

export const checkClientConfig: BrokerHandler = (_context, request) => {
  const body = request.body && request.body.length > 0 ? decodeCheckClientRequestBody(request.body) : null;
  const subscription = body?.subscriptionData;
  if (!subscription || isTagType(subscription.expressionType)) return createResponse(request, ResponseCode.SUCCESS);
  return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `The broker does not support consumer to filter message by ${subscription.expressionType}` });
};
