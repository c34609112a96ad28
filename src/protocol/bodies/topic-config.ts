/**
 * TopicConfig: one topic of a broker's topic table (TopicConfigSerializeWrapper,
 * RegisterBrokerBody, GET_ALL_TOPIC_CONFIG).
 *
 * JSON (fastjson order):
 *   {"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG",
 *    "topicName":"T1","topicSysFlag":0,"writeQueueNums":4}        ([5.x] + "attributes")
 * Java defaults: 16 read / 16 write queues, perm 6 (read|write), SINGLE_TAG, sysFlag 0,
 * not ordered.
 *
 * Compact text form (the compressed RegisterBrokerBody, §5.8): the fields
 * `topicName readQueueNums writeQueueNums perm topicFilterType` joined by single spaces;
 * [5.x] adds a sixth field, the attributes as JSON. topicSysFlag and order are not in it.
 */
import { RocketMQError } from '../../common/errors.js';
import { BodyReader } from './body-json.js';
import { parseLenientJson } from './lenient-json.js';

export const TOPIC_FILTER_TYPES = ['SINGLE_TAG', 'MULTI_TAG'] as const;
export type TopicFilterType = (typeof TOPIC_FILTER_TYPES)[number];

export interface TopicConfig {
  topicName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicFilterType: TopicFilterType;
  topicSysFlag: number;
  order: boolean;
  /** [5.x] topic attributes */
  attributes?: Map<string, string>;
}

export const TOPIC_CONFIG_DEFAULTS = {
  readQueueNums: 16,
  writeQueueNums: 16,
  perm: 6,
  topicFilterType: 'SINGLE_TAG',
  topicSysFlag: 0,
  order: false,
} as const satisfies Omit<TopicConfig, 'topicName'>;

/** A TopicConfig with Java's defaults for every field not given. */
export function topicConfig(topicName: string, fields: Partial<Omit<TopicConfig, 'topicName'>> = {}): TopicConfig {
  return { topicName, ...TOPIC_CONFIG_DEFAULTS, ...fields };
}

export function readTopicConfig(reader: BodyReader): TopicConfig {
  const config: TopicConfig = {
    topicName: reader.field('topicName').string(),
    readQueueNums: reader.field('readQueueNums').int(TOPIC_CONFIG_DEFAULTS.readQueueNums),
    writeQueueNums: reader.field('writeQueueNums').int(TOPIC_CONFIG_DEFAULTS.writeQueueNums),
    perm: reader.field('perm').int(TOPIC_CONFIG_DEFAULTS.perm),
    topicFilterType: reader.field('topicFilterType').optionalEnumOf(TOPIC_FILTER_TYPES) ?? TOPIC_CONFIG_DEFAULTS.topicFilterType,
    topicSysFlag: reader.field('topicSysFlag').int(),
    order: reader.field('order').boolean(),
  };
  const attributes = reader.field('attributes');
  if (!attributes.absent) config.attributes = attributes.stringMap((value) => value.string());
  return config;
}

export function topicConfigJson(config: TopicConfig): Record<string, unknown> {
  return {
    attributes: config.attributes && Object.fromEntries(config.attributes),
    order: config.order,
    perm: config.perm,
    readQueueNums: config.readQueueNums,
    topicFilterType: config.topicFilterType,
    topicName: config.topicName,
    topicSysFlag: config.topicSysFlag,
    writeQueueNums: config.writeQueueNums,
  };
}

/** The compact space-separated form of the compressed RegisterBrokerBody. */
export function encodeTopicConfigText(config: TopicConfig): string {
  const text = `${config.topicName} ${config.readQueueNums} ${config.writeQueueNums} ${config.perm} ${config.topicFilterType}`;
  return config.attributes && config.attributes.size > 0 ? `${text} ${JSON.stringify(Object.fromEntries(config.attributes))}` : text;
}

/** Reads the compact form; fields it does not carry take Java's defaults. */
export function decodeTopicConfigText(text: string): TopicConfig {
  const parts = text.split(' ');
  if (parts.length < 5) {
    throw new RocketMQError('BODY_MALFORMED', `TopicConfig text has ${parts.length} fields, expected 5: ${JSON.stringify(text)}`);
  }
  const attributes = parts.length > 5 ? parts.slice(5).join(' ') : undefined;
  const reader = BodyReader.of('TopicConfig text', {
    topicName: parts[0],
    readQueueNums: parts[1],
    writeQueueNums: parts[2],
    perm: parts[3],
    topicFilterType: parts[4],
    attributes: attributes === undefined ? undefined : parseLenientJson(attributes, 'TopicConfig attributes'),
  });
  return readTopicConfig(reader);
}
