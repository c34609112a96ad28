/**
 * TopicConfigSerializeWrapper: a broker's whole topic table with its version; the answer
 * of GET_ALL_TOPIC_CONFIG (21) and the heart of RegisterBrokerBody.
 *
 * JSON: {"dataVersion":{"counter":0,"timestamp":…},"topicConfigTable":{"T1":{TopicConfig},…}}
 * ([5.x] adds topicQueueMappingInfoMap etc. for static topics; ignored.)
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody } from './body-json.js';
import { dataVersionJson, readDataVersion, type DataVersion } from './data-version.js';
import { readTopicConfig, topicConfigJson, type TopicConfig } from './topic-config.js';

export interface TopicConfigSerializeWrapper {
  dataVersion: DataVersion;
  /** topic name → config */
  topicConfigTable: Map<string, TopicConfig>;
}

export function readTopicConfigSerializeWrapper(reader: BodyReader): TopicConfigSerializeWrapper {
  return {
    dataVersion: reader.field('dataVersion').optionalObject(readDataVersion) ?? { counter: 0, timestamp: Date.now() },
    topicConfigTable: reader.field('topicConfigTable').stringMap((value) => value.object(readTopicConfig)),
  };
}

export function topicConfigSerializeWrapperJson(wrapper: TopicConfigSerializeWrapper): Record<string, unknown> {
  return {
    dataVersion: dataVersionJson(wrapper.dataVersion),
    topicConfigTable: mapObject(wrapper.topicConfigTable, topicConfigJson),
  };
}

export function decodeTopicConfigSerializeWrapper(input: Uint8Array | string): TopicConfigSerializeWrapper {
  return readBody('TopicConfigSerializeWrapper', input, readTopicConfigSerializeWrapper);
}

export function encodeTopicConfigSerializeWrapper(wrapper: TopicConfigSerializeWrapper): Buffer {
  return jsonBytes(topicConfigSerializeWrapperJson(wrapper));
}
