/**
 * SubscriptionGroupConfig: a consumer group's settings on a broker; the body of
 * UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200) and the values of SubscriptionGroupWrapper.
 *
 * JSON (fastjson order, Java defaults shown):
 *   {"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":true,"consumeFromMinEnable":true,
 *    "groupName":"G1","notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,
 *    "whichBrokerWhenConsumeSlowly":1}
 * [5.x] properties (groupRetryPolicy, consumeMessageOrderly, attributes, …) are ignored.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';

export interface SubscriptionGroupConfig {
  groupName: string;
  consumeEnable: boolean;
  consumeFromMinEnable: boolean;
  consumeBroadcastEnable: boolean;
  retryQueueNums: number;
  retryMaxTimes: number;
  brokerId: number;
  whichBrokerWhenConsumeSlowly: number;
  notifyConsumerIdsChangedEnable: boolean;
}

export const SUBSCRIPTION_GROUP_CONFIG_DEFAULTS = {
  consumeEnable: true,
  consumeFromMinEnable: true,
  consumeBroadcastEnable: true,
  retryQueueNums: 1,
  retryMaxTimes: 16,
  brokerId: 0,
  whichBrokerWhenConsumeSlowly: 1,
  notifyConsumerIdsChangedEnable: true,
} as const satisfies Omit<SubscriptionGroupConfig, 'groupName'>;

/** A SubscriptionGroupConfig with Java's defaults for every field not given. */
export function subscriptionGroupConfig(
  groupName: string,
  fields: Partial<Omit<SubscriptionGroupConfig, 'groupName'>> = {},
): SubscriptionGroupConfig {
  return { groupName, ...SUBSCRIPTION_GROUP_CONFIG_DEFAULTS, ...fields };
}

export function readSubscriptionGroupConfig(reader: BodyReader): SubscriptionGroupConfig {
  const d = SUBSCRIPTION_GROUP_CONFIG_DEFAULTS;
  return {
    groupName: reader.field('groupName').string(),
    consumeEnable: reader.field('consumeEnable').boolean(d.consumeEnable),
    consumeFromMinEnable: reader.field('consumeFromMinEnable').boolean(d.consumeFromMinEnable),
    consumeBroadcastEnable: reader.field('consumeBroadcastEnable').boolean(d.consumeBroadcastEnable),
    retryQueueNums: reader.field('retryQueueNums').int(d.retryQueueNums),
    retryMaxTimes: reader.field('retryMaxTimes').int(d.retryMaxTimes),
    brokerId: reader.field('brokerId').long(d.brokerId),
    whichBrokerWhenConsumeSlowly: reader.field('whichBrokerWhenConsumeSlowly').long(d.whichBrokerWhenConsumeSlowly),
    notifyConsumerIdsChangedEnable: reader.field('notifyConsumerIdsChangedEnable').boolean(d.notifyConsumerIdsChangedEnable),
  };
}

export function subscriptionGroupConfigJson(config: SubscriptionGroupConfig): Record<string, unknown> {
  return {
    brokerId: config.brokerId,
    consumeBroadcastEnable: config.consumeBroadcastEnable,
    consumeEnable: config.consumeEnable,
    consumeFromMinEnable: config.consumeFromMinEnable,
    groupName: config.groupName,
    notifyConsumerIdsChangedEnable: config.notifyConsumerIdsChangedEnable,
    retryMaxTimes: config.retryMaxTimes,
    retryQueueNums: config.retryQueueNums,
    whichBrokerWhenConsumeSlowly: config.whichBrokerWhenConsumeSlowly,
  };
}

export function decodeSubscriptionGroupConfig(input: Uint8Array | string): SubscriptionGroupConfig {
  return readBody('SubscriptionGroupConfig', input, readSubscriptionGroupConfig);
}

export function encodeSubscriptionGroupConfig(config: SubscriptionGroupConfig): Buffer {
  return jsonBytes(subscriptionGroupConfigJson(config));
}
