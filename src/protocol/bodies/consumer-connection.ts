/**
 * ConsumerConnection: the answer of GET_CONSUMER_CONNECTION_LIST (203) — a group's live
 * connections, its subscriptions and how it consumes.
 *
 * JSON: {"connectionSet":[Connection…],"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET",
 *        "consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",
 *        "subscriptionTable":{"T1":SubscriptionData,…}}
 * consumeType, messageModel and consumeFromWhere are null in Java until a member registers.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody } from './body-json.js';
import { connectionJson, readConnection, type Connection } from './connection.js';
import {
  CONSUME_FROM_WHERE,
  CONSUME_TYPES,
  MESSAGE_MODELS,
  type ConsumeFromWhere,
  type ConsumeType,
  type MessageModel,
} from './heartbeat-data.js';
import { readSubscriptionData, subscriptionDataJson, type SubscriptionData } from './subscription-data.js';

export interface ConsumerConnection {
  connectionSet: Connection[];
  /** topic → subscription */
  subscriptionTable: Map<string, SubscriptionData>;
  consumeType?: ConsumeType;
  messageModel?: MessageModel;
  consumeFromWhere?: ConsumeFromWhere;
}

export function readConsumerConnection(reader: BodyReader): ConsumerConnection {
  const connection: ConsumerConnection = {
    connectionSet: reader.field('connectionSet').list((item) => item.object(readConnection)),
    subscriptionTable: reader.field('subscriptionTable').stringMap((value) => value.object(readSubscriptionData)),
  };
  const consumeType = reader.field('consumeType').optionalEnumOf(CONSUME_TYPES);
  if (consumeType !== undefined) connection.consumeType = consumeType;
  const messageModel = reader.field('messageModel').optionalEnumOf(MESSAGE_MODELS);
  if (messageModel !== undefined) connection.messageModel = messageModel;
  const consumeFromWhere = reader.field('consumeFromWhere').optionalEnumOf(CONSUME_FROM_WHERE);
  if (consumeFromWhere !== undefined) connection.consumeFromWhere = consumeFromWhere;
  return connection;
}

export function consumerConnectionJson(connection: ConsumerConnection): Record<string, unknown> {
  return {
    connectionSet: connection.connectionSet.map(connectionJson),
    consumeFromWhere: connection.consumeFromWhere,
    consumeType: connection.consumeType,
    messageModel: connection.messageModel,
    subscriptionTable: mapObject(connection.subscriptionTable, subscriptionDataJson),
  };
}

export function decodeConsumerConnection(input: Uint8Array | string): ConsumerConnection {
  return readBody('ConsumerConnection', input, readConsumerConnection);
}

export function encodeConsumerConnection(connection: ConsumerConnection): Buffer {
  return jsonBytes(consumerConnectionJson(connection));
}
