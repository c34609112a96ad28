/**
 * TopicStatsTable: the answer of GET_TOPIC_STATS_INFO (202) — per write queue of a topic,
 * its min and max offset and the store time of its last message.
 *
 * JSON (fastjson default output, MessageQueue objects as keys; read leniently):
 *   {"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:
 *     {"lastUpdateTimestamp":1795540156279,"maxOffset":5,"minOffset":0},…}}
 * Written in the standard form (string keys holding the MessageQueue JSON).
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody } from './body-json.js';
import { readMessageQueueMap, type MessageQueueKey } from './message-queue.js';

export interface TopicOffset {
  minOffset: number;
  maxOffset: number;
  lastUpdateTimestamp: number;
}

export interface TopicStatsTable {
  offsetTable: Map<MessageQueueKey, TopicOffset>;
}

export function readTopicOffset(reader: BodyReader): TopicOffset {
  return {
    minOffset: reader.field('minOffset').long(),
    maxOffset: reader.field('maxOffset').long(),
    lastUpdateTimestamp: reader.field('lastUpdateTimestamp').long(),
  };
}

export function topicOffsetJson(offset: TopicOffset): Record<string, unknown> {
  return { lastUpdateTimestamp: offset.lastUpdateTimestamp, maxOffset: offset.maxOffset, minOffset: offset.minOffset };
}

export function readTopicStatsTable(reader: BodyReader): TopicStatsTable {
  return { offsetTable: readMessageQueueMap(reader.field('offsetTable'), (value) => value.object(readTopicOffset)) };
}

export function decodeTopicStatsTable(input: Uint8Array | string): TopicStatsTable {
  return readBody('TopicStatsTable', input, readTopicStatsTable);
}

export function encodeTopicStatsTable(table: TopicStatsTable): Buffer {
  return jsonBytes({ offsetTable: mapObject(table.offsetTable, topicOffsetJson) });
}
