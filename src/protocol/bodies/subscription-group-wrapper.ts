/**
 * SubscriptionGroupWrapper: every subscription group of a broker with its version; the
 * answer of GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201).
 *
 * JSON: {"dataVersion":{"counter":…,"timestamp":…},"subscriptionGroupTable":{"G1":{SubscriptionGroupConfig},…}}
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody } from './body-json.js';
import { dataVersionJson, readDataVersion, type DataVersion } from './data-version.js';
import {
  readSubscriptionGroupConfig,
  subscriptionGroupConfigJson,
  type SubscriptionGroupConfig,
} from './subscription-group-config.js';

export interface SubscriptionGroupWrapper {
  /** group name → config */
  subscriptionGroupTable: Map<string, SubscriptionGroupConfig>;
  dataVersion: DataVersion;
}

export function readSubscriptionGroupWrapper(reader: BodyReader): SubscriptionGroupWrapper {
  return {
    subscriptionGroupTable: reader.field('subscriptionGroupTable').stringMap((value) => value.object(readSubscriptionGroupConfig)),
    dataVersion: reader.field('dataVersion').optionalObject(readDataVersion) ?? { counter: 0, timestamp: Date.now() },
  };
}

export function decodeSubscriptionGroupWrapper(input: Uint8Array | string): SubscriptionGroupWrapper {
  return readBody('SubscriptionGroupWrapper', input, readSubscriptionGroupWrapper);
}

export function encodeSubscriptionGroupWrapper(wrapper: SubscriptionGroupWrapper): Buffer {
  return jsonBytes({
    dataVersion: dataVersionJson(wrapper.dataVersion),
    subscriptionGroupTable: mapObject(wrapper.subscriptionGroupTable, subscriptionGroupConfigJson),
  });
}
