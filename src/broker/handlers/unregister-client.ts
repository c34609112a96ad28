/**
 * UNREGISTER_CLIENT (35): a client leaves one group on shutdown — the producer group
 * forgets its connection; the consumer group too, and its remaining members are sent
 * NOTIFY_CONSUMER_IDS_CHANGED unless the group's notifyConsumerIdsChangedEnable is off.
 * Answered 0 with an empty header, as RocketMQ does.
 */
import { UnregisterClientRequestHeader } from '../../protocol/headers/unregister-client-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const unregisterClient: BrokerHandler = (context, request, connection) => {
  const header = UnregisterClientRequestHeader.decode(request.extFields);
  if (header.producerGroup !== undefined) context.producers.unregisterProducer(header.producerGroup, connection);
  if (header.consumerGroup !== undefined) {
    const notify = context.subscriptionGroups.find(header.consumerGroup)?.notifyConsumerIdsChangedEnable ?? true;
    context.consumers.unregisterConsumer(header.consumerGroup, connection, notify);
  }
  return createResponse(request, ResponseCode.SUCCESS, { extFields: {} });
};
