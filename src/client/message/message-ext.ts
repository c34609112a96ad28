/**
 * MessageExt: a message read back from a broker (pull, query, view), with where and when it
 * was stored. Built from a decoded record: the body is decompressed when its sysFlag says
 * so; `msgId` is the producer's UNIQ_KEY when there is one, else the offset message id
 * (Java `MessageClientExt.getMsgId`).
 */
import { uncompressedBody } from '../../protocol/message/compression.js';
import type { MessageRecord } from '../../protocol/message/message-record.js';
import { OffsetMessageIds } from '../../protocol/message/offset-message-ids.js';
import { PropertyKey, type MessageProperties } from '../../protocol/message/properties.js';
import { MessageSysFlag, hasSysFlag } from '../../protocol/message/sys-flag.js';
import type { SocketAddress } from '../../protocol/message/socket-address.js';

export interface MessageExt {
  topic: string;
  /** The readable body (decompressed). */
  body: Buffer;
  flag: number;
  properties: MessageProperties;
  tags: string | undefined;
  keys: string | undefined;
  /** UNIQ_KEY when present, else offsetMsgId. */
  msgId: string;
  offsetMsgId: string;
  queueId: number;
  queueOffset: number;
  commitLogOffset: number;
  storeSize: number;
  sysFlag: number;
  bodyCRC: number;
  bornTimestamp: number;
  bornHost: SocketAddress;
  storeTimestamp: number;
  storeHost: SocketAddress;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  /** Set by the pull consumer: the broker the message was pulled from. */
  brokerName?: string;
}

/** Offset message ids with the store host's hex made once per host (records come in runs from one broker). */
const offsetMessageIds = new OffsetMessageIds();

/**
 * The message of a decoded record; `brokerName` for a message pulled from that broker.
 * Every message gets the same fields in one literal (brokerName undefined when not
 * pulled), so that all have one hidden class: adding brokerName later would move each
 * message to another and give it an out-of-object property store.
 */
export function messageExtOfRecord(record: MessageRecord, brokerName?: string): MessageExt {
  const offsetMsgId = offsetMsgIdOf(record);
  const properties = record.properties;
  return {
    topic: record.topic,
    body: uncompressedBody(record.body, record.sysFlag),
    flag: record.flag,
    properties,
    tags: properties[PropertyKey.TAGS],
    keys: properties[PropertyKey.KEYS],
    msgId: properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX] ?? offsetMsgId,
    offsetMsgId,
    queueId: record.queueId,
    queueOffset: record.queueOffset,
    commitLogOffset: record.commitLogOffset,
    storeSize: record.storeSize,
    sysFlag: record.sysFlag,
    bodyCRC: record.bodyCrc,
    bornTimestamp: record.bornTimestamp,
    bornHost: record.bornHost,
    storeTimestamp: record.storeTimestamp,
    storeHost: record.storeHost,
    reconsumeTimes: record.reconsumeTimes,
    preparedTransactionOffset: record.preparedTransactionOffset,
    brokerName,
  };
}

function offsetMsgIdOf(record: MessageRecord): string {
  return offsetMessageIds.of(record.storeHost, record.commitLogOffset, hasSysFlag(record.sysFlag, MessageSysFlag.STOREHOST_V6));
}
