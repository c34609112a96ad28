/**
 * HeartbeatData: the body of HEART_BEAT (34) — a client's producer groups and consumer
 * groups with their subscriptions.
 *
 * JSON (Java 4.9.8):
 *   {"clientID":"10.0.0.1@1234#5678",
 *    "consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY",
 *      "groupName":"G1","messageModel":"CLUSTERING","subscriptionDataSet":[SubscriptionData…],"unitMode":false}],
 *    "producerDataSet":[{"groupName":"CLIENT_INNER_PRODUCER"}]}
 * ali-ons writes the same properties in its own order. [5.x] heartbeat-v2 properties
 * (heartbeatFingerprint, withoutSub) are ignored.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';
import { readSubscriptionData, subscriptionDataJson, type SubscriptionData } from './subscription-data.js';

export const CONSUME_TYPES = ['CONSUME_ACTIVELY', 'CONSUME_PASSIVELY', 'CONSUME_POP'] as const;
/** CONSUME_PASSIVELY = push consumer, CONSUME_ACTIVELY = pull / lite pull. ([5.x] CONSUME_POP) */
export type ConsumeType = (typeof CONSUME_TYPES)[number];

export const MESSAGE_MODELS = ['BROADCASTING', 'CLUSTERING'] as const;
export type MessageModel = (typeof MESSAGE_MODELS)[number];

/** In Java's declaration order (fastjson also reads ordinals). */
export const CONSUME_FROM_WHERE = [
  'CONSUME_FROM_LAST_OFFSET',
  'CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST',
  'CONSUME_FROM_MIN_OFFSET',
  'CONSUME_FROM_MAX_OFFSET',
  'CONSUME_FROM_FIRST_OFFSET',
  'CONSUME_FROM_TIMESTAMP',
] as const;
export type ConsumeFromWhere = (typeof CONSUME_FROM_WHERE)[number];

export interface ProducerData {
  groupName: string;
}

export interface ConsumerData {
  groupName: string;
  consumeType: ConsumeType;
  messageModel: MessageModel;
  consumeFromWhere: ConsumeFromWhere;
  subscriptionDataSet: SubscriptionData[];
  unitMode: boolean;
}

export interface HeartbeatData {
  clientID: string;
  producerDataSet: ProducerData[];
  consumerDataSet: ConsumerData[];
}

export function readConsumerData(reader: BodyReader): ConsumerData {
  return {
    groupName: reader.field('groupName').string(),
    consumeType: reader.field('consumeType').enumOf(CONSUME_TYPES),
    messageModel: reader.field('messageModel').enumOf(MESSAGE_MODELS),
    consumeFromWhere: reader.field('consumeFromWhere').enumOf(CONSUME_FROM_WHERE),
    subscriptionDataSet: reader.field('subscriptionDataSet').list((item) => item.object(readSubscriptionData)),
    unitMode: reader.field('unitMode').boolean(),
  };
}

export function consumerDataJson(consumer: ConsumerData): Record<string, unknown> {
  return {
    consumeFromWhere: consumer.consumeFromWhere,
    consumeType: consumer.consumeType,
    groupName: consumer.groupName,
    messageModel: consumer.messageModel,
    subscriptionDataSet: consumer.subscriptionDataSet.map(subscriptionDataJson),
    unitMode: consumer.unitMode,
  };
}

export function readHeartbeatData(reader: BodyReader): HeartbeatData {
  return {
    clientID: reader.field('clientID').string(),
    producerDataSet: reader.field('producerDataSet').list((item) => item.object((p) => ({ groupName: p.field('groupName').string() }))),
    consumerDataSet: reader.field('consumerDataSet').list((item) => item.object(readConsumerData)),
  };
}

export function heartbeatDataJson(heartbeat: HeartbeatData): Record<string, unknown> {
  return {
    clientID: heartbeat.clientID,
    consumerDataSet: heartbeat.consumerDataSet.map(consumerDataJson),
    producerDataSet: heartbeat.producerDataSet.map((producer) => ({ groupName: producer.groupName })),
  };
}

export function decodeHeartbeatData(input: Uint8Array | string): HeartbeatData {
  return readBody('HeartbeatData', input, readHeartbeatData);
}

export function encodeHeartbeatData(heartbeat: HeartbeatData): Buffer {
  return jsonBytes(heartbeatDataJson(heartbeat));
}
