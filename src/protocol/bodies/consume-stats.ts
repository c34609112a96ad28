/**
 * ConsumeStats: the answer of GET_CONSUME_STATS (208) — per queue of a group's topics, the
 * broker's max offset, the group's committed offset and the store time of the last
 * consumed message.
 *
 * JSON (fastjson default output, MessageQueue objects as keys; read leniently):
 *   {"consumeTps":0.0,"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:
 *     {"brokerOffset":3,"consumerOffset":3,"lastTimestamp":1795540183743},…}}
 * Written in the standard form: the key is a string holding the MessageQueue JSON.
 * [5.x] OffsetWrapper adds pullOffset.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody } from './body-json.js';
import { readMessageQueueMap, type MessageQueueKey } from './message-queue.js';

export interface OffsetWrapper {
  brokerOffset: number;
  consumerOffset: number;
  lastTimestamp: number;
  /** [5.x] */
  pullOffset?: number;
}

export interface ConsumeStats {
  offsetTable: Map<MessageQueueKey, OffsetWrapper>;
  consumeTps: number;
}

export function readOffsetWrapper(reader: BodyReader): OffsetWrapper {
  const wrapper: OffsetWrapper = {
    brokerOffset: reader.field('brokerOffset').long(),
    consumerOffset: reader.field('consumerOffset').long(),
    lastTimestamp: reader.field('lastTimestamp').long(),
  };
  const pullOffset = reader.field('pullOffset').optionalLong();
  if (pullOffset !== undefined) wrapper.pullOffset = pullOffset;
  return wrapper;
}

export function offsetWrapperJson(wrapper: OffsetWrapper): Record<string, unknown> {
  return {
    brokerOffset: wrapper.brokerOffset,
    consumerOffset: wrapper.consumerOffset,
    lastTimestamp: wrapper.lastTimestamp,
    pullOffset: wrapper.pullOffset,
  };
}

export function readConsumeStats(reader: BodyReader): ConsumeStats {
  return {
    offsetTable: readMessageQueueMap(reader.field('offsetTable'), (value) => value.object(readOffsetWrapper)),
    consumeTps: reader.field('consumeTps').double(),
  };
}

export function consumeStatsJson(stats: ConsumeStats): Record<string, unknown> {
  return { consumeTps: stats.consumeTps, offsetTable: mapObject(stats.offsetTable, offsetWrapperJson) };
}

/** Java computeTotalDiff: the sum of brokerOffset - consumerOffset over the queues. */
export function consumeStatsTotalDiff(stats: ConsumeStats): number {
  let diff = 0;
  for (const wrapper of stats.offsetTable.values()) diff += wrapper.brokerOffset - wrapper.consumerOffset;
  return diff;
}

export function decodeConsumeStats(input: Uint8Array | string): ConsumeStats {
  return readBody('ConsumeStats', input, readConsumeStats);
}

export function encodeConsumeStats(stats: ConsumeStats): Buffer {
  return jsonBytes(consumeStatsJson(stats));
}
