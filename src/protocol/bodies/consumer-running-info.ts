/**
 * ConsumerRunningInfo: a client's answer to GET_CONSUMER_RUNNING_INFO (307) — properties,
 * subscriptions, per-queue process state (mqTable, MessageQueue-keyed), per-topic consume
 * status and optionally a thread dump. The broker only relays it to the admin, so it is
 * kept as an opaque JSON value: read leniently (fastjson's object keys become strings) and
 * written back as standard JSON. A few accessors read the parts a server may log.
 *
 * JSON: {"jstack":"…","mqTable":{{MessageQueue}:{ProcessQueueInfo}},"properties":{"PROP_…":"…"},
 *        "statusTable":{"T1":{ConsumeStatus}},"subscriptionSet":[SubscriptionData…]}
 */
import { BodyReader, jsonBytes } from './body-json.js';
import { parseLenientJson, type JsonObject } from './lenient-json.js';

export interface ConsumerRunningInfo {
  /** The whole body, as parsed. */
  readonly json: JsonObject;
}

const BODY = 'ConsumerRunningInfo';

export function decodeConsumerRunningInfo(input: Uint8Array | string): ConsumerRunningInfo {
  const value = parseLenientJson(input, BODY);
  BodyReader.of(BODY, value).object(() => undefined);
  return { json: value as JsonObject };
}

export function encodeConsumerRunningInfo(info: ConsumerRunningInfo): Buffer {
  return jsonBytes(info.json);
}

/** The `properties` table (PROP_CONSUME_TYPE, PROP_CLIENT_VERSION, …). */
export function consumerRunningInfoProperties(info: ConsumerRunningInfo): Map<string, string> {
  return BodyReader.of(BODY, info.json).field('properties').stringMap((value) => value.string());
}

/** The thread dump, when the admin asked for one. */
export function consumerRunningInfoJstack(info: ConsumerRunningInfo): string | undefined {
  return BodyReader.of(BODY, info.json).field('jstack').optionalString();
}
