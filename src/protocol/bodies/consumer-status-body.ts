/**
 * GetConsumerStatusBody: consumer offsets per MessageQueue; the answer of
 * GET_CONSUMER_STATUS_FROM_CLIENT (221, from one client: messageQueueTable) and of
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223, every client: consumerTable).
 *
 * JSON (fastjson default output, MessageQueue objects as keys; read leniently):
 *   {"consumerTable":{"clientId":{{MessageQueue}:7}},"messageQueueTable":{{MessageQueue}:7}}
 * Written in the standard form (string keys holding the MessageQueue JSON).
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody, same } from './body-json.js';
import { readMessageQueueMap, type MessageQueueKey } from './message-queue.js';

export interface GetConsumerStatusBody {
  messageQueueTable: Map<MessageQueueKey, number>;
  /** clientId → (MessageQueue → offset) */
  consumerTable: Map<string, Map<MessageQueueKey, number>>;
}

export function readGetConsumerStatusBody(reader: BodyReader): GetConsumerStatusBody {
  return {
    messageQueueTable: readMessageQueueMap(reader.field('messageQueueTable'), (value) => value.long()),
    consumerTable: reader.field('consumerTable').stringMap((table) => readMessageQueueMap(table, (value) => value.long())),
  };
}

export function decodeGetConsumerStatusBody(input: Uint8Array | string): GetConsumerStatusBody {
  return readBody('GetConsumerStatusBody', input, readGetConsumerStatusBody);
}

export function encodeGetConsumerStatusBody(body: GetConsumerStatusBody): Buffer {
  return jsonBytes({
    consumerTable: mapObject(body.consumerTable, (table) => mapObject(table, same)),
    messageQueueTable: mapObject(body.messageQueueTable, same),
  });
}
