/**
 * ResetOffsetBody: the offsets to reset a group to, per MessageQueue; the body of
 * RESET_CONSUMER_CLIENT_OFFSET (220, broker to client) and the answer of
 * INVOKE_BROKER_TO_RESET_OFFSET (222).
 *
 * JSON (fastjson default output): {"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T1"}:7}}
 * Written in the standard form (string keys holding the MessageQueue JSON).
 *
 * ResetOffsetBodyForC: the same table as a list, answered to a CPP-language admin:
 *   {"offsetTable":[{"brokerName":"broker-a","offset":7,"queueId":0,"topic":"T1"}]}
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody, same } from './body-json.js';
import { readMessageQueue, readMessageQueueMap, type MessageQueue, type MessageQueueKey } from './message-queue.js';

export interface ResetOffsetBody {
  offsetTable: Map<MessageQueueKey, number>;
}

export interface MessageQueueForC extends MessageQueue {
  offset: number;
}

export interface ResetOffsetBodyForC {
  offsetTable: MessageQueueForC[];
}

export function readResetOffsetBody(reader: BodyReader): ResetOffsetBody {
  return { offsetTable: readMessageQueueMap(reader.field('offsetTable'), (value) => value.long()) };
}

export function decodeResetOffsetBody(input: Uint8Array | string): ResetOffsetBody {
  return readBody('ResetOffsetBody', input, readResetOffsetBody);
}

export function encodeResetOffsetBody(body: ResetOffsetBody): Buffer {
  return jsonBytes({ offsetTable: mapObject(body.offsetTable, same) });
}

export function readResetOffsetBodyForC(reader: BodyReader): ResetOffsetBodyForC {
  return {
    offsetTable: reader.field('offsetTable').list((item) =>
      item.object((entry) => ({ ...readMessageQueue(entry), offset: entry.field('offset').long() })),
    ),
  };
}

export function decodeResetOffsetBodyForC(input: Uint8Array | string): ResetOffsetBodyForC {
  return readBody('ResetOffsetBodyForC', input, readResetOffsetBodyForC);
}

export function encodeResetOffsetBodyForC(body: ResetOffsetBodyForC): Buffer {
  return jsonBytes({
    offsetTable: body.offsetTable.map((entry) => ({
      brokerName: entry.brokerName,
      offset: entry.offset,
      queueId: entry.queueId,
      topic: entry.topic,
    })),
  });
}
