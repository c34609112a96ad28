/**
 * GET_ALL_CONSUMER_OFFSET (43, a slave syncing from its master): every committed offset,
 * `{"offsetTable":{"<topic>@<group>":{"<queueId>":<offset>,…},…}}`.
 */
import { encodeConsumerOffsetSerializeWrapper } from '../../protocol/bodies/consumer-offset-serialize-wrapper.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getAllConsumerOffset: BrokerHandler = (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, { body: encodeConsumerOffsetSerializeWrapper(context.consumerOffsets.wrapper()) });
