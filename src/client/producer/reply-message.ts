/**
 * The messages of request/reply (Java `MessageUtil`, `ClientRemotingProcessor.receiveReplyMessage`).
 *
 * A request carries, besides its own properties, three the requester adds:
 *
 * | property | value |
 * | --- | --- |
 * | CORRELATION_ID | a random UUID naming the request |
 * | REPLY_TO_CLIENT | the requester's client id (the broker pushes the reply to that client) |
 * | TTL | the request's timeout in ms, as text |
 *
 * The broker adds CLUSTER (its cluster name) when it stores the request. A replier builds
 * the reply with `createReplyMessage(request, body)`: topic `<CLUSTER>_REPLY_TOPIC` and
 * the request's CORRELATION_ID, REPLY_TO_CLIENT and TTL, plus MSG_TYPE=reply. Those names
 * are reserved (an application may not set them), so the reply keeps them in its `reply`
 * field and the producer turns them into properties when it sends it — with
 * SEND_REPLY_MESSAGE_V2 (325) instead of SEND_MESSAGE_V2, as Java does for MSG_TYPE=reply.
 *
 * The broker storing the reply pushes it to the requester with PUSH_REPLY_MESSAGE_TO_CLIENT
 * (326): a ReplyMessageRequestHeader and the body. `receivedReplyOfPush` turns those into a
 * `ReceivedReply` the way Java fills its MessageExt: topic, queueId, born/store timestamps
 * and hosts, flag, reconsumeTimes, properties plus ARRIVE_TIME (the time it came), the body
 * decompressed when sysFlag says so (a body that does not decompress is kept as it came
 * and logged, as Java does).
 */
import type { Logger } from '../../common/log.js';
import type { ReplyMessageRequestHeader } from '../../protocol/headers/reply-message-request-header.js';
import { uncompressedBody } from '../../protocol/message/compression.js';
import { PropertyKey, decodeProperties, emptyProperties, type MessageProperties } from '../../protocol/message/properties.js';
import { parseSocketAddress, type SocketAddress } from '../../protocol/message/socket-address.js';
import { ClientErrorCode, MQClientError } from '../errors.js';
import type { Message } from '../message/message.js';
import type { MessageExt } from '../message/message-ext.js';

/** Java `MixAll.REPLY_MESSAGE_FLAG`: MSG_TYPE of a reply. */
export const REPLY_MESSAGE_FLAG = 'reply';
/** Java `MixAll.REPLY_TOPIC_POSTFIX`. */
export const REPLY_TOPIC_POSTFIX = 'REPLY_TOPIC';

/** The topic replies of `clusterName`'s requests go to (Java `MixAll.getReplyTopic`). */
export function replyTopicOf(clusterName: string): string {
  return `${clusterName}_${REPLY_TOPIC_POSTFIX}`;
}

/** What a reply takes over from its request. Absent values are not sent (as Java skips null properties). */
export interface ReplyProperties {
  correlationId: string | undefined;
  replyToClient: string | undefined;
  ttl: string | undefined;
}

/** A reply to send: a Message (add tags, keys or properties as for any message) plus what it answers. */
export interface ReplyMessage extends Message {
  readonly reply: ReplyProperties;
}

/** The least of a received request that `createReplyMessage` reads. */
export interface RequestMessageLike {
  readonly properties: Readonly<Record<string, string>>;
}

/**
 * The reply to `request` carrying `body` (Java `MessageUtil.createReplyMessage`). Throws
 * CLIENT_ILLEGAL_ARGUMENT with responseCode 10007 (CREATE_REPLY_MESSAGE_EXCEPTION) when
 * there is no request or it has no CLUSTER property (it was not read from a broker).
 */
export function createReplyMessage(request: RequestMessageLike | null | undefined, body: Message['body']): ReplyMessage {
  if (request === null || request === undefined) {
    throw createReplyError('create reply message fail, requestMessage cannot be null.');
  }
  const cluster = request.properties[PropertyKey.CLUSTER];
  if (cluster === undefined) {
    throw createReplyError(`create reply message fail, requestMessage error, property[${PropertyKey.CLUSTER}] is null.`);
  }
  return {
    topic: replyTopicOf(cluster),
    body,
    reply: {
      correlationId: request.properties[PropertyKey.CORRELATION_ID],
      replyToClient: request.properties[PropertyKey.MESSAGE_REPLY_TO_CLIENT],
      ttl: request.properties[PropertyKey.MESSAGE_TTL],
    },
  };
}

function createReplyError(text: string): MQClientError {
  return new MQClientError('CLIENT_ILLEGAL_ARGUMENT', text, { responseCode: ClientErrorCode.CREATE_REPLY_MESSAGE_EXCEPTION });
}

/** Whether `message` was made by createReplyMessage (or has a `reply` of that shape). */
export function isReplyMessage(message: Message): message is ReplyMessage {
  const reply = (message as Partial<ReplyMessage>).reply;
  return typeof reply === 'object' && reply !== null;
}

/** The reserved properties a reply is sent with: MSG_TYPE=reply and what it took from its request. */
export function replySystemProperties(reply: ReplyProperties): MessageProperties {
  const properties = emptyProperties();
  properties[PropertyKey.MESSAGE_TYPE] = REPLY_MESSAGE_FLAG;
  if (reply.correlationId !== undefined) properties[PropertyKey.CORRELATION_ID] = reply.correlationId;
  if (reply.replyToClient !== undefined) properties[PropertyKey.MESSAGE_REPLY_TO_CLIENT] = reply.replyToClient;
  if (reply.ttl !== undefined) properties[PropertyKey.MESSAGE_TTL] = reply.ttl;
  return properties;
}

/** The reserved properties a request is sent with (Java `prepareSendRequest`). */
export function requestSystemProperties(correlationId: string, clientId: string, timeoutMs: number): MessageProperties {
  const properties = emptyProperties();
  properties[PropertyKey.CORRELATION_ID] = correlationId;
  properties[PropertyKey.MESSAGE_REPLY_TO_CLIENT] = clientId;
  properties[PropertyKey.MESSAGE_TTL] = String(timeoutMs);
  return properties;
}

/**
 * A reply as the requester receives it (Java: the MessageExt `request` returns): the fields
 * of a MessageExt the push carries, its properties with CORRELATION_ID, MSG_TYPE, …,
 * CLUSTER and ARRIVE_TIME.
 */
export interface ReceivedReply
  extends Pick<MessageExt, 'topic' | 'body' | 'flag' | 'properties' | 'tags' | 'keys' | 'queueId' | 'bornTimestamp' | 'storeTimestamp' | 'reconsumeTimes'> {
  /** The replier's UNIQ_KEY. */
  msgId: string | undefined;
  correlationId: string | undefined;
  /** Undefined when the header's text is not `ip:port`. */
  bornHost: SocketAddress | undefined;
  storeHost: SocketAddress | undefined;
}

/** The reply a PUSH_REPLY_MESSAGE_TO_CLIENT carries; `arrivedMs` becomes its ARRIVE_TIME. */
export function receivedReplyOfPush(header: ReplyMessageRequestHeader, body: Buffer | null, arrivedMs: number, logger: Logger): ReceivedReply {
  const properties = header.properties === undefined ? emptyProperties() : decodeProperties(header.properties);
  properties[PropertyKey.REPLY_MESSAGE_ARRIVE_TIME] = String(arrivedMs);
  return {
    topic: header.topic,
    body: readableBody(body ?? Buffer.alloc(0), header.sysFlag, logger),
    flag: header.flag,
    properties,
    tags: properties[PropertyKey.TAGS],
    keys: properties[PropertyKey.KEYS],
    msgId: properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX],
    correlationId: properties[PropertyKey.CORRELATION_ID],
    queueId: header.queueId,
    bornTimestamp: header.bornTimestamp,
    bornHost: socketAddressOrUndefined(header.bornHost),
    storeTimestamp: header.storeTimestamp,
    storeHost: socketAddressOrUndefined(header.storeHost),
    reconsumeTimes: header.reconsumeTimes ?? 0,
  };
}

function readableBody(body: Buffer, sysFlag: number, logger: Logger): Buffer {
  try {
    return uncompressedBody(body, sysFlag);
  } catch (error) {
    logger.warn({ sysFlag, err: (error as Error).message }, 'reply message body does not decompress; kept as it came');
    return body;
  }
}

function socketAddressOrUndefined(text: string): SocketAddress | undefined {
  try {
    return parseSocketAddress(text);
  } catch {
    return undefined;
  }
}
