/**
 * ConsumerOffsetSerializeWrapper: a broker's committed consumer offsets; the answer of
 * GET_ALL_CONSUMER_OFFSET (43), read by slaves to sync (the broker's own
 * consumerOffset.json has the same shape).
 *
 * JSON (fastjson default output, Integer keys written bare; read leniently):
 *   {"offsetTable":{"TopicTest@CG1":{0:5,1:7},…}}
 * Keys are `topic@group`; inner keys are queue ids. Written with quoted keys.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody, same } from './body-json.js';

export interface ConsumerOffsetSerializeWrapper {
  /** `topic@group` → queueId → offset */
  offsetTable: Map<string, Map<number, number>>;
}

/** The offset table key of a topic and group. */
export function topicAtGroup(topic: string, group: string): string {
  return `${topic}@${group}`;
}

export function readConsumerOffsetSerializeWrapper(reader: BodyReader): ConsumerOffsetSerializeWrapper {
  return {
    offsetTable: reader.field('offsetTable').stringMap((queues) => queues.intMap((offset) => offset.long())),
  };
}

export function decodeConsumerOffsetSerializeWrapper(input: Uint8Array | string): ConsumerOffsetSerializeWrapper {
  return readBody('ConsumerOffsetSerializeWrapper', input, readConsumerOffsetSerializeWrapper);
}

export function encodeConsumerOffsetSerializeWrapper(wrapper: ConsumerOffsetSerializeWrapper): Buffer {
  return jsonBytes({ offsetTable: mapObject(wrapper.offsetTable, (queues) => mapObject(queues, same)) });
}
