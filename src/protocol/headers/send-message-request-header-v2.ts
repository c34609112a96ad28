/**
 * SendMessageRequestHeaderV2: custom header (`extFields`) of SEND_MESSAGE_V2 (310),
 * SEND_BATCH_MESSAGE (320) and SEND_REPLY_MESSAGE_V2 (325).
 *
 * The same fields as SendMessageRequestHeader (send-message-request-header.ts) under
 * single-letter wire keys, to keep the hot send path's header small. The decoded value
 * uses the long property names, so a V2 header *is* a SendMessageRequestHeader; the
 * conversions below only copy the known fields (like Java's V1 <-> V2 factories).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | a | string | yes | producerGroup |
 * | b | string | yes | topic |
 * | c | string | yes | defaultTopic: template topic for auto-creation (TBW102) |
 * | d | int | yes | defaultTopicQueueNums (4) |
 * | e | int | yes | queueId; negative = broker picks one |
 * | f | int | yes | sysFlag (compression, transaction type) |
 * | g | long | yes | bornTimestamp, client clock in ms |
 * | h | int | yes | flag: user flag |
 * | i | string | no | properties (name\u0001value\u0002…) |
 * | j | int | no | reconsumeTimes |
 * | k | boolean | no | unitMode; Java default false |
 * | l | int | no | maxReconsumeTimes (retry topics only) |
 * | m | boolean | no | batch: true for SEND_BATCH_MESSAGE; Java default false |
 * | n | string | no | bname: broker name the client believes it is talking to (Java >= 4.9.5) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';
import type { SendMessageRequestHeader } from './send-message-request-header.js';

export const SendMessageRequestHeaderV2 = defineHeader('SendMessageRequestHeaderV2', {
  producerGroup: required('string', 'a'),
  topic: required('string', 'b'),
  defaultTopic: required('string', 'c'),
  defaultTopicQueueNums: required('int', 'd'),
  queueId: required('int', 'e'),
  sysFlag: required('int', 'f'),
  bornTimestamp: required('long', 'g'),
  flag: required('int', 'h'),
  properties: optional('string', 'i'),
  reconsumeTimes: optional('int', 'j'),
  unitMode: optional('boolean', 'k'),
  maxReconsumeTimes: optional('int', 'l'),
  batch: optional('boolean', 'm'),
  bname: optional('string', 'n'),
});
export type SendMessageRequestHeaderV2 = HeaderOf<typeof SendMessageRequestHeaderV2.schema>;

/** The V1 (long-key) header of a V2 header. */
export function sendMessageHeaderV1FromV2(v2: SendMessageRequestHeaderV2): SendMessageRequestHeader {
  return copySendHeader(v2);
}

/** The V2 (single-letter) header of a V1 header. */
export function sendMessageHeaderV2FromV1(v1: SendMessageRequestHeader): SendMessageRequestHeaderV2 {
  return copySendHeader(v1);
}

function copySendHeader(from: SendMessageRequestHeader): SendMessageRequestHeader {
  const to: SendMessageRequestHeader = {
    producerGroup: from.producerGroup,
    topic: from.topic,
    defaultTopic: from.defaultTopic,
    defaultTopicQueueNums: from.defaultTopicQueueNums,
    queueId: from.queueId,
    sysFlag: from.sysFlag,
    bornTimestamp: from.bornTimestamp,
    flag: from.flag,
  };
  if (from.properties !== undefined) to.properties = from.properties;
  if (from.reconsumeTimes !== undefined) to.reconsumeTimes = from.reconsumeTimes;
  if (from.unitMode !== undefined) to.unitMode = from.unitMode;
  if (from.maxReconsumeTimes !== undefined) to.maxReconsumeTimes = from.maxReconsumeTimes;
  if (from.batch !== undefined) to.batch = from.batch;
  if (from.bname !== undefined) to.bname = from.bname;
  return to;
}
