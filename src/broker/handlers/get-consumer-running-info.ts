/**
 * GET_CONSUMER_RUNNING_INFO (307, from mqadmin consumerStatus / the dashboard): relayed to
 * the consumer `clientId` of `consumerGroup`, whose answer (ConsumerRunningInfo) comes
 * back unchanged (consumer/call-consumer.ts).
 */
import { GetConsumerRunningInfoRequestHeader } from '../../protocol/headers/get-consumer-running-info-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import type { BrokerHandler } from '../broker-context.js';
import { callConsumer } from '../consumer/call-consumer.js';

export const getConsumerRunningInfo: BrokerHandler = (context, request) => {
  const header = GetConsumerRunningInfoRequestHeader.decode(request.extFields);
  return callConsumer(context, request, {
    code: RequestCode.GET_CONSUMER_RUNNING_INFO,
    group: header.consumerGroup,
    clientId: header.clientId,
    extFields: request.extFields,
    body: request.body,
  });
};
