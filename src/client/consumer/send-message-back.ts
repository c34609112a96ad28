/**
 * Sending a failed message back for a later retry (Java
 * `DefaultMQPushConsumerImpl.sendMessageBack` and the orderly service's send to the DLQ).
 *
 * `sendMessageBack`: CONSUMER_SEND_MSG_BACK (36) to the master of the broker the message
 * came from (the store host when the broker is not known), 5 s timeout: the broker stores
 * a copy in `%RETRY%<group>` (or the DLQ) by its commit-log offset. When that fails, the
 * inner producer sends a copy to `%RETRY%<group>` itself (`resendToRetryTopic`) with
 * reconsumeTimes + 1. When both fail, the caller retries the message locally.
 *
 * `resendToRetryTopic`: the copy keeps the body, flag and every property of the original
 * (its UNIQ_KEY too) plus RETRY_TOPIC (the original topic), ORIGIN_MESSAGE_ID (kept, else
 * the message's id), RECONSUME_TIME, MAX_RECONSUME_TIMES, and delay level
 * 3 + reconsumeTimes; the broker moves it to `%DLQ%<group>` once RECONSUME_TIME reaches
 * MAX_RECONSUME_TIMES.
 */
import type { Logger } from '../../common/log.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import { formatSocketAddress } from '../../protocol/message/socket-address.js';
import { consumerSendMessageBack } from '../api/consumer-api.js';
import type { ClientInstance } from '../client-instance.js';
import type { MessageExt } from '../message/message-ext.js';
import type { Producer } from '../producer/producer.js';
import { RETRY_GROUP_TOPIC_PREFIX } from '../validators.js';

/** Timeout of CONSUMER_SEND_MSG_BACK (ms), as the Java client. */
export const SEND_BACK_TIMEOUT_MS = 5000;

export interface SendBackContext {
  instance: ClientInstance;
  group: string;
  /** Java getMaxReconsumeTimes(): 16 for concurrently, Integer.MAX_VALUE for orderly when -1. */
  maxReconsumeTimes: number;
  innerProducer: () => Producer | undefined;
  logger: Logger;
}

export function retryTopicOf(group: string): string {
  return `${RETRY_GROUP_TOPIC_PREFIX}${group}`;
}

/** Sends `msg` back through the broker, else through the inner producer; throws when both fail. */
export async function sendMessageBack(context: SendBackContext, msg: MessageExt, delayLevel: number, brokerName: string | undefined): Promise<void> {
  try {
    const address = brokerName === undefined ? formatSocketAddress(msg.storeHost) : context.instance.findBrokerAddressInPublish(brokerName);
    if (address === undefined) throw new Error(`the broker ${brokerName ?? ''} has no known master`);
    await consumerSendMessageBack(
      context.instance.remoting,
      address,
      {
        offset: msg.commitLogOffset,
        group: context.group,
        delayLevel,
        originMsgId: msg.msgId,
        originTopic: msg.topic,
        unitMode: false,
        maxReconsumeTimes: context.maxReconsumeTimes,
        ...(brokerName === undefined ? {} : { bname: brokerName }),
      },
      SEND_BACK_TIMEOUT_MS,
    );
  } catch (error) {
    context.logger.warn({ group: context.group, msgId: msg.msgId, err: (error as Error).message }, 'send back failed; re-sending to the retry topic');
    await resendToRetryTopic(context, msg, msg.reconsumeTimes + 1);
  }
}

/** Sends a copy of `msg` to `%RETRY%<group>` through the inner producer. */
export async function resendToRetryTopic(context: SendBackContext, msg: MessageExt, reconsumeTimes: number): Promise<void> {
  const producer = context.innerProducer();
  if (producer === undefined) throw new Error('the consumer has no inner producer (not started)');
  const properties: Record<string, string> = { ...msg.properties };
  properties[PropertyKey.ORIGIN_MESSAGE_ID] = nonBlank(msg.properties[PropertyKey.ORIGIN_MESSAGE_ID]) ?? msg.msgId;
  properties[PropertyKey.RETRY_TOPIC] = msg.topic;
  properties[PropertyKey.RECONSUME_TIME] = String(reconsumeTimes);
  properties[PropertyKey.MAX_RECONSUME_TIMES] = String(context.maxReconsumeTimes);
  properties[PropertyKey.DELAY_TIME_LEVEL] = String(3 + msg.reconsumeTimes);
  delete properties[PropertyKey.TRANSACTION_PREPARED];
  await producer.sendSystemMessage({ topic: retryTopicOf(context.group), body: msg.body, flag: msg.flag }, properties);
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
