/**
 * Producer settings, with Java `DefaultMQProducer`'s names and 4.9.8 defaults, on top of
 * the shared ClientConfig.
 *
 * | setting | default | meaning |
 * | --- | --- | --- |
 * | producerGroup | DEFAULT_PRODUCER | group announced in heartbeats |
 * | createTopicKey | TBW102 | template topic for auto-creation |
 * | defaultTopicQueueNums | 4 | queues per broker of an auto-created topic |
 * | sendMsgTimeout | 3000 | ms for a whole send, retries included |
 * | compressMsgBodyOverHowmuch | 4096 | bodies of this size or more are compressed |
 * | compressType | ZLIB | ZLIB or LZ4 (Java's `rocketmq.message.compressType` system property); ZSTD is refused: this client reads it but cannot write it |
 * | compressLevel | 5 | zlib level (Java's `rocketmq.message.compressLevel`; LZ4 ignores it, as Java does) |
 * | retryTimesWhenSendFailed | 2 | extra attempts of a sync send |
 * | retryTimesWhenSendAsyncFailed | 2 | extra attempts of an async send (transport failures) |
 * | retryAnotherBrokerWhenNotStoreOK | false | retry when stored but not SEND_OK |
 * | maxMessageSize | 4 MiB | largest body (batch: largest encoded batch) |
 * | sendLatencyFaultEnable | false | avoid slow or failed brokers for a while |
 * | latencyMax / notAvailableDuration | see MQFaultStrategy | the avoidance table |
 * | retryResponseCodes | 17 14 1 16 204 205 | broker answers a sync send retries on |
 */
import { WRITABLE_COMPRESSION_TYPES } from '../../protocol/message/compression.js';
import type { CompressionType } from '../../protocol/message/sys-flag.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { ClientConfig } from '../client-config.js';
import type { ClientInstance } from '../client-instance.js';
import { MQClientError } from '../errors.js';
import { DEFAULT_LATENCY_MAX, DEFAULT_NOT_AVAILABLE_DURATION } from './fault/mq-fault-strategy.js';
import type { SendMessageHook } from './send-hook.js';

export interface ProducerOptions extends ClientConfig {
  producerGroup?: string;
  createTopicKey?: string;
  defaultTopicQueueNums?: number;
  sendMsgTimeout?: number;
  compressMsgBodyOverHowmuch?: number;
  /** Algorithm for compressed bodies: 'ZLIB' (default) or 'LZ4'. */
  compressType?: CompressionType;
  compressLevel?: number;
  retryTimesWhenSendFailed?: number;
  retryTimesWhenSendAsyncFailed?: number;
  retryAnotherBrokerWhenNotStoreOK?: boolean;
  maxMessageSize?: number;
  sendLatencyFaultEnable?: boolean;
  latencyMax?: readonly number[];
  notAvailableDuration?: readonly number[];
  retryResponseCodes?: readonly number[];
  /** Hooks called around every attempt (Java `SendMessageHook`). */
  sendMessageHooks?: readonly SendMessageHook[];
  /** A client instance to share with other producers/consumers; one of its own by default. */
  clientInstance?: ClientInstance;
  /** Epoch ms now; Date.now by default (fault avoidance and timeouts). */
  clock?: () => number;
}

export interface ResolvedProducerOptions {
  producerGroup: string;
  createTopicKey: string;
  defaultTopicQueueNums: number;
  sendMsgTimeout: number;
  compressMsgBodyOverHowmuch: number;
  compressType: CompressionType;
  compressLevel: number;
  retryTimesWhenSendFailed: number;
  retryTimesWhenSendAsyncFailed: number;
  retryAnotherBrokerWhenNotStoreOK: boolean;
  maxMessageSize: number;
  sendLatencyFaultEnable: boolean;
  latencyMax: readonly number[];
  notAvailableDuration: readonly number[];
  retryResponseCodes: ReadonlySet<number>;
  sendMessageHooks: readonly SendMessageHook[];
  clock: () => number;
}

export const DEFAULT_PRODUCER_GROUP = 'DEFAULT_PRODUCER';
export const DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

export const DEFAULT_RETRY_RESPONSE_CODES: readonly number[] = [
  ResponseCode.TOPIC_NOT_EXIST,
  ResponseCode.SERVICE_NOT_AVAILABLE,
  ResponseCode.SYSTEM_ERROR,
  ResponseCode.NO_PERMISSION,
  ResponseCode.NO_BUYER_ID,
  ResponseCode.NOT_IN_CURRENT_UNIT,
];

export function resolveProducerOptions(options: ProducerOptions): ResolvedProducerOptions {
  return {
    producerGroup: options.producerGroup ?? DEFAULT_PRODUCER_GROUP,
    createTopicKey: options.createTopicKey ?? 'TBW102',
    defaultTopicQueueNums: options.defaultTopicQueueNums ?? 4,
    sendMsgTimeout: options.sendMsgTimeout ?? 3000,
    compressMsgBodyOverHowmuch: options.compressMsgBodyOverHowmuch ?? 4096,
    compressType: writableCompressionType(options.compressType ?? 'ZLIB'),
    compressLevel: options.compressLevel ?? 5,
    retryTimesWhenSendFailed: options.retryTimesWhenSendFailed ?? 2,
    retryTimesWhenSendAsyncFailed: options.retryTimesWhenSendAsyncFailed ?? 2,
    retryAnotherBrokerWhenNotStoreOK: options.retryAnotherBrokerWhenNotStoreOK ?? false,
    maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    sendLatencyFaultEnable: options.sendLatencyFaultEnable ?? false,
    latencyMax: options.latencyMax ?? DEFAULT_LATENCY_MAX,
    notAvailableDuration: options.notAvailableDuration ?? DEFAULT_NOT_AVAILABLE_DURATION,
    retryResponseCodes: new Set(options.retryResponseCodes ?? DEFAULT_RETRY_RESPONSE_CODES),
    sendMessageHooks: options.sendMessageHooks ?? [],
    clock: options.clock ?? Date.now,
  };
}

/**
 * `type` (any case, trimmed, as Java's `CompressionType.of` reads it) when the producer can
 * compress with it; CLIENT_ILLEGAL_ARGUMENT otherwise (ZSTD, or not a type at all).
 */
function writableCompressionType(type: CompressionType): CompressionType {
  const name = String(type).trim().toUpperCase();
  const writable = WRITABLE_COMPRESSION_TYPES.find((candidate) => candidate === name);
  if (writable !== undefined) return writable;
  throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `compressType ${String(type)} is not supported for sending (use ${WRITABLE_COMPRESSION_TYPES.join(' or ')}); ZSTD bodies are read but cannot be written`);
}
