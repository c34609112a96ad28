/**
 * TopicList: the answer of GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206), GET_TOPICS_BY_CLUSTER
 * (224), GET_SYSTEM_TOPIC_LIST_FROM_NS (304) and the unit-topic lists (311–313).
 *
 * JSON: {"topicList":["T1",…]} plus "brokerAddr" when the list comes from one broker.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';

export interface TopicList {
  topicList: string[];
  brokerAddr?: string;
}

export function readTopicList(reader: BodyReader): TopicList {
  const list: TopicList = { topicList: reader.field('topicList').list((item) => item.string()) };
  const brokerAddr = reader.field('brokerAddr').optionalString();
  if (brokerAddr !== undefined) list.brokerAddr = brokerAddr;
  return list;
}

export function topicListJson(list: TopicList): Record<string, unknown> {
  return { brokerAddr: list.brokerAddr, topicList: list.topicList };
}

export function decodeTopicList(input: Uint8Array | string): TopicList {
  return readBody('TopicList', input, readTopicList);
}

export function encodeTopicList(list: TopicList): Buffer {
  return jsonBytes(topicListJson(list));
}
