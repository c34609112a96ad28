/**
 * What goes on the wire for a send, built from the application's message(s) before a
 * queue is chosen:
 *
 * - one message: its properties (TAGS, KEYS, DELAY, WAIT, user properties, and the
 *   UNIQ_KEY given by the producer), its body compressed with `compressType` (ZLIB by
 *   default, or LZ4) when it is at least `compressMsgBodyOverHowmuch` bytes (sysFlag 0x301
 *   for ZLIB, 0x101 for LZ4, as the 4.9.8 Java client sends);
 * - a batch (SEND_BATCH_MESSAGE): every message checked like a single one, all of one
 *   topic, none delayed, not a %RETRY% topic, one waitStoreMsgOK; each entry carries its
 *   own properties and UNIQ_KEY, the batch itself only WAIT; never compressed; the encoded
 *   batch must fit maxMessageSize.
 *
 * A message whose properties say MSG_TYPE=reply (system properties of a reply made by
 * createReplyMessage) is sent with SEND_REPLY_MESSAGE_V2 instead of SEND_MESSAGE_V2.
 *
 * A message whose properties say TRAN_MSG=true (a transaction producer's half message) also
 * gets the PREPARED transaction type (0x4) in its sysFlag, as Java's sendKernelImpl sets it.
 *
 * `sendHeader` then fills the V2 send header for the chosen queue.
 *
 * System properties (the consumers' inner producer re-sending a failed message to
 * `%RETRY%<group>`: RETRY_TOPIC, ORIGIN_MESSAGE_ID, RECONSUME_TIME, …) are added after
 * the user properties were checked, and a UNIQ_KEY among them is kept (the retried
 * message keeps its id). For a `%RETRY%` topic, RECONSUME_TIME and MAX_RECONSUME_TIMES
 * travel as the header's reconsumeTimes / maxReconsumeTimes instead, as Java sends them.
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { SendMessageRequestHeaderV2 } from '../../protocol/headers/send-message-request-header-v2.js';
import { encodeBatch } from '../../protocol/message/batch.js';
import { compressBody } from '../../protocol/message/compression.js';
import { PropertyKey, emptyProperties, encodeProperties, type MessageProperties } from '../../protocol/message/properties.js';
import { TransactionType, withCompression, withTransactionType, type CompressionType } from '../../protocol/message/sys-flag.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { ClientLimits } from '../client-limits.js';
import { MQClientError } from '../errors.js';
import { messageBody, messageProperties, type Message } from '../message/message.js';
import { RETRY_GROUP_TOPIC_PREFIX, checkMessage } from '../validators.js';
import { REPLY_MESSAGE_FLAG } from './reply-message.js';

export interface OutgoingMessage {
  topic: string;
  /** UNIQ_KEY of the message, or of each message of a batch. */
  uniqueKeys: string[];
  body: Buffer;
  sysFlag: number;
  flag: number;
  /** Encoded properties for the header's `i` field. */
  properties: string;
  batch: boolean;
  reconsumeTimes: number;
  maxReconsumeTimes: number | undefined;
  /** MSG_TYPE=reply: a reply of request/reply, sent with SEND_REPLY_MESSAGE_V2. */
  reply: boolean;
}

export interface CompressionSettings {
  compressMsgBodyOverHowmuch: number;
  /** ZLIB when absent, as Java's default. */
  compressType?: CompressionType;
  compressLevel: number;
}

/** A single message, validated, with its unique key and (maybe) compressed body. */
export function outgoingMessage(
  message: Message,
  uniqueKey: string,
  maxMessageSize: number,
  compression: CompressionSettings,
  systemProperties: Readonly<MessageProperties> = {},
): OutgoingMessage {
  const body = messageBody(message);
  checkMessage(message.topic, body.length, maxMessageSize);
  const properties = messageProperties(message);
  for (const [name, value] of Object.entries(systemProperties)) properties[name] = value;
  const messageKey = properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX] ?? uniqueKey;
  properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX] = messageKey;
  const { reconsumeTimes, maxReconsumeTimes } = retryHeaderFields(message.topic, properties);
  const compress = body.length >= compression.compressMsgBodyOverHowmuch;
  const compressType = compression.compressType ?? 'ZLIB';
  const compressedFlag = compress ? withCompression(0, compressType) : 0;
  return {
    topic: message.topic,
    uniqueKeys: [messageKey],
    body: compress ? compressBody(body, compressType, compression.compressLevel) : body,
    sysFlag: isHalfMessage(properties) ? withTransactionType(compressedFlag, TransactionType.PREPARED) : compressedFlag,
    flag: message.flag ?? 0,
    properties: encodeProperties(properties),
    batch: false,
    reconsumeTimes,
    maxReconsumeTimes,
    reply: properties[PropertyKey.MESSAGE_TYPE] === REPLY_MESSAGE_FLAG,
  };
}

/** Whether TRAN_MSG says true (Java `Boolean.parseBoolean`: any case). */
function isHalfMessage(properties: MessageProperties): boolean {
  return properties[PropertyKey.TRANSACTION_PREPARED]?.toLowerCase() === 'true';
}

/** For a %RETRY% topic, moves RECONSUME_TIME / MAX_RECONSUME_TIMES out of the properties. */
function retryHeaderFields(topic: string, properties: MessageProperties): { reconsumeTimes: number; maxReconsumeTimes: number | undefined } {
  if (!topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) return { reconsumeTimes: 0, maxReconsumeTimes: undefined };
  const reconsume = properties[PropertyKey.RECONSUME_TIME];
  const max = properties[PropertyKey.MAX_RECONSUME_TIMES];
  delete properties[PropertyKey.RECONSUME_TIME];
  delete properties[PropertyKey.MAX_RECONSUME_TIMES];
  return { reconsumeTimes: reconsume === undefined ? 0 : Number(reconsume) || 0, maxReconsumeTimes: max === undefined ? undefined : Number(max) };
}

/** A batch of messages as one SEND_BATCH_MESSAGE. */
export function outgoingBatch(messages: readonly Message[], nextUniqueKey: () => string, maxMessageSize: number): OutgoingMessage {
  const first = checkBatchRules(messages);
  const uniqueKeys: string[] = [];
  const entries = messages.map((message) => {
    const body = messageBody(message);
    checkMessage(message.topic, body.length, maxMessageSize);
    const properties = messageProperties(message);
    const uniqueKey = nextUniqueKey();
    properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX] = uniqueKey;
    uniqueKeys.push(uniqueKey);
    return { flag: message.flag ?? 0, body, properties };
  });
  const body = encodeBatch(entries);
  checkMessage(first.topic, body.length, maxMessageSize);
  const batchProperties = emptyProperties();
  batchProperties[PropertyKey.WAIT_STORE_MSG_OK] = String(first.waitStoreMsgOK ?? true);
  return { topic: first.topic, uniqueKeys, body, sysFlag: 0, flag: 0, properties: encodeProperties(batchProperties), batch: true, reconsumeTimes: 0, maxReconsumeTimes: undefined, reply: false };
}

function checkBatchRules(messages: readonly Message[]): Message {
  const first = messages[0];
  if (first === undefined) throw batchIllegal('a batch needs at least one message');
  if (messages.length > ClientLimits.maxBatchMessages) throw batchIllegal(`a batch holds at most ${ClientLimits.maxBatchMessages} messages`);
  for (const message of messages) {
    if ((message.delayTimeLevel ?? 0) > 0) throw batchIllegal('a delay level is not supported for batching');
    if (message.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) throw batchIllegal('a retry group topic is not supported for batching');
    if (message.topic !== first.topic) throw batchIllegal('the topic of the messages in one batch should be the same');
    if ((message.waitStoreMsgOK ?? true) !== (first.waitStoreMsgOK ?? true)) {
      throw batchIllegal('the waitStoreMsgOK of the messages in one batch should be the same');
    }
  }
  return first;
}

function batchIllegal(message: string): MQClientError {
  return new MQClientError('CLIENT_MESSAGE_ILLEGAL', message, { responseCode: ResponseCode.MESSAGE_ILLEGAL });
}

export interface HeaderSettings {
  producerGroup: string;
  createTopicKey: string;
  defaultTopicQueueNums: number;
}

/** The V2 send header of `outgoing` for queue `mq`. */
export function sendHeader(outgoing: OutgoingMessage, mq: MessageQueue, settings: HeaderSettings, bornTimestamp: number): SendMessageRequestHeaderV2 {
  return {
    producerGroup: settings.producerGroup,
    topic: outgoing.topic,
    defaultTopic: settings.createTopicKey,
    defaultTopicQueueNums: settings.defaultTopicQueueNums,
    queueId: mq.queueId,
    sysFlag: outgoing.sysFlag,
    bornTimestamp,
    flag: outgoing.flag,
    properties: outgoing.properties,
    reconsumeTimes: outgoing.reconsumeTimes,
    unitMode: false,
    ...(outgoing.maxReconsumeTimes === undefined ? {} : { maxReconsumeTimes: outgoing.maxReconsumeTimes }),
    batch: outgoing.batch,
    bname: mq.brokerName,
  };
}
