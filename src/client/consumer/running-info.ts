/**
 * The ConsumerRunningInfo a consumer answers GET_CONSUMER_RUNNING_INFO (307) with, as the
 * Java client builds it (`DefaultMQPushConsumerImpl.consumerRunningInfo` plus the
 * instance's additions), for mqadmin consumerStatus / the dashboard:
 *
 *   {"mqTable":{"{\"brokerName\":…,\"queueId\":0,\"topic\":…}":{ProcessQueueInfo}},
 *    "properties":{"consumerGroup":…,"messageModel":…,…,"PROP_CONSUMEORDERLY":"false",
 *                  "PROP_THREADPOOL_CORE_SIZE":"20","PROP_CONSUMER_START_TIMESTAMP":…,
 *                  "PROP_NAMESERVER_ADDR":"a:9876;","PROP_CONSUME_TYPE":"CONSUME_PASSIVELY",
 *                  "PROP_CLIENT_VERSION":"V4_9_8"},
 *    "statusTable":{"T":{ConsumeStatus}},
 *    "subscriptionSet":[SubscriptionData…]}
 *
 * Properties hold every setting of the consumer as text (Java MixAll.object2Properties).
 * MessageQueue keys are written in the standard form (a string holding the queue's JSON),
 * which fastjson reads back into MessageQueues.
 */
import { jsonBytes } from '../../protocol/bodies/body-json.js';
import type { ConsumeType } from '../../protocol/bodies/heartbeat-data.js';
import type { JsonObject } from '../../protocol/bodies/lenient-json.js';
import { compareMessageQueues, messageQueueKey, type MessageQueue } from '../../protocol/bodies/message-queue.js';
import { subscriptionDataJson, type SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import type { ConsumeStatus } from './consumer-stats.js';
import type { ProcessQueueInfo } from './process-queue.js';

export const RunningInfoProperty = {
  NAMESERVER_ADDR: 'PROP_NAMESERVER_ADDR',
  THREADPOOL_CORE_SIZE: 'PROP_THREADPOOL_CORE_SIZE',
  CONSUME_ORDERLY: 'PROP_CONSUMEORDERLY',
  CONSUME_TYPE: 'PROP_CONSUME_TYPE',
  CLIENT_VERSION: 'PROP_CLIENT_VERSION',
  CONSUMER_START_TIMESTAMP: 'PROP_CONSUMER_START_TIMESTAMP',
} as const;

/** The version text a 4.9.8 client reports (MQVersion.getVersionDesc). */
export const CLIENT_VERSION_DESC = 'V4_9_8';

export interface RunningInfoParts {
  properties: Record<string, string>;
  subscriptions: readonly SubscriptionData[];
  queues: readonly { mq: MessageQueue; info: ProcessQueueInfo }[];
  status: ReadonlyMap<string, ConsumeStatus>;
}

/** The JSON object of a consumer's running info, before the instance adds its properties. */
export function consumerRunningInfoJson(parts: RunningInfoParts): JsonObject {
  const mqTable: Record<string, unknown> = {};
  for (const { mq, info } of [...parts.queues].sort((a, b) => compareMessageQueues(a.mq, b.mq))) mqTable[messageQueueKey(mq)] = processQueueInfoJson(info);
  const statusTable: Record<string, unknown> = {};
  for (const topic of [...parts.status.keys()].sort()) statusTable[topic] = consumeStatusJson(parts.status.get(topic) as ConsumeStatus);
  const subscriptionSet = [...parts.subscriptions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0)).map(subscriptionDataJson);
  return JSON.parse(jsonBytes({ mqTable, properties: parts.properties, statusTable, subscriptionSet }).toString('utf8')) as JsonObject;
}

/** Adds what the client instance knows (name servers, consume type, client version). */
export function withInstanceProperties(json: JsonObject, namesrvAddresses: readonly string[], consumeType: ConsumeType): JsonObject {
  const properties = (typeof json['properties'] === 'object' && json['properties'] !== null && !Array.isArray(json['properties']) ? json['properties'] : {}) as JsonObject;
  properties[RunningInfoProperty.NAMESERVER_ADDR] = namesrvAddresses.map((address) => `${address};`).join('');
  properties[RunningInfoProperty.CONSUME_TYPE] = consumeType;
  properties[RunningInfoProperty.CLIENT_VERSION] = CLIENT_VERSION_DESC;
  return { ...json, properties };
}

/** Every setting as text, sorted by name (Java object2Properties over the consumer's fields). */
export function settingsProperties(settings: Readonly<Record<string, unknown>>): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const name of Object.keys(settings).sort()) {
    const value = settings[name];
    if (value === undefined || value === null || typeof value === 'function' || typeof value === 'object') continue;
    properties[name] = String(value);
  }
  return properties;
}

function processQueueInfoJson(info: ProcessQueueInfo): Record<string, unknown> {
  return {
    cachedMsgCount: info.cachedMsgCount,
    cachedMsgMaxOffset: info.cachedMsgMaxOffset,
    cachedMsgMinOffset: info.cachedMsgMinOffset,
    cachedMsgSizeInMiB: info.cachedMsgSizeInMiB,
    commitOffset: info.commitOffset,
    droped: info.droped,
    lastConsumeTimestamp: info.lastConsumeTimestamp,
    lastLockTimestamp: info.lastLockTimestamp,
    lastPullTimestamp: info.lastPullTimestamp,
    locked: info.locked,
    transactionMsgCount: info.transactionMsgCount,
    transactionMsgMaxOffset: info.transactionMsgMaxOffset,
    transactionMsgMinOffset: info.transactionMsgMinOffset,
    tryUnlockTimes: info.tryUnlockTimes,
  };
}

function consumeStatusJson(status: ConsumeStatus): Record<string, unknown> {
  return {
    consumeFailedMsgs: status.consumeFailedMsgs,
    consumeFailedTPS: status.consumeFailedTPS,
    consumeOKTPS: status.consumeOKTPS,
    consumeRT: status.consumeRT,
    pullRT: status.pullRT,
    pullTPS: status.pullTPS,
  };
}
