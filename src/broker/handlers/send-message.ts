/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320): each decodes its
 * header (long keys for 10, single letters for 310 / 320) and hands it to the one send
 * path (send/send-core.ts). As in RocketMQ, the header's `batch` flag (not the code)
 * decides whether the body is one message or a batch.
 */
import { SendMessageRequestHeader } from '../../protocol/headers/send-message-request-header.js';
import { SendMessageRequestHeaderV2, sendMessageHeaderV1FromV2 } from '../../protocol/headers/send-message-request-header-v2.js';
import type { BrokerHandler } from '../broker-context.js';
import { processSend } from '../send/send-core.js';

export const sendMessage: BrokerHandler = (context, request, connection) =>
  processSend(context, request, connection, SendMessageRequestHeader.decode(request.extFields));

export const sendMessageV2: BrokerHandler = (context, request, connection) =>
  processSend(context, request, connection, sendMessageHeaderV1FromV2(SendMessageRequestHeaderV2.decode(request.extFields)));

export const sendBatchMessage: BrokerHandler = sendMessageV2;
