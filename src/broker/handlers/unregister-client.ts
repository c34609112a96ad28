/**
 * UNREGISTER_CLIENT (35): a client leaves one group (`producerGroup` or `consumerGroup`)
 * on shutdown; the producer group forgets it. Answered 0 with an empty header, as
 * RocketMQ does.
 */
import { UnregisterClientRequestHeader } from '../../protocol/headers/unregister-client-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const unregisterClient: BrokerHandler = (context, request, connection) => {
  const header = UnregisterClientRequestHeader.decode(request.extFields);
  if (header.producerGroup !== undefined) context.producers.unregisterProducer(header.producerGroup, connection);
  return createResponse(request, ResponseCode.SUCCESS, { extFields: {} });
};
