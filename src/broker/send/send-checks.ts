/**
 * The checks of a send before its message is built (RocketMQ SendMessageProcessor.preSend
 * and AbstractSendMessageProcessor.msgCheck), in RocketMQ's order, each with its answer:
 *
 *  1. now < startAcceptSendRequestTimeStamp → 1 `broker unable to service, until <time>`
 *  2. the broker is not writable (brokerPermission) → 16 `the broker[<ip>] sending message is forbidden`
 *  3. topic name (topic-validator.ts) → 1 with RocketMQ's text
 *  4. schedule / transaction / self-test / offset-moved topic → 16 `Sending message to topic[<t>] is forbidden.`
 *  5. unknown topic: auto-created from the request's defaultTopic (TBW102) when allowed, a
 *     %RETRY% topic with one queue; else → 17 `topic[<t>] not exist, apply first please!` + FAQ
 *  6. the topic is not writable (perm) → 16 `the topic[<t>] sending message is forbidden`
 *  7. queueId ≥ max(writeQueueNums, readQueueNums) → 1 `request queueId[<q>] is illegal, <TopicConfig> Producer: <addr>`
 *
 * RocketMQ 4.9.8 checks the broker's permission only for ordered topics and the topic's
 * permission not at all; this broker refuses both for every topic (docs/broker.md).
 */
import type { TopicConfig } from '../../protocol/bodies/topic-config.js';
import type { SendMessageRequestHeader } from '../../protocol/headers/send-message-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { BrokerContext } from '../broker-context.js';
import { isRetryTopic } from '../topic/group-topics.js';
import { PermName, isWriteable } from '../../protocol/perm-name.js';
import { topicConfigText } from '../topic/topic-config-text.js';
import { isNotAllowedSendTopic, notAllowedSendRefusal, validateTopic, type Refusal } from '../topic/topic-validator.js';
import { formatJavaTime } from './java-time.js';

export const FAQ_SUGGESTION = '\nSee http://rocketmq.apache.org/docs/faq/ for further details.';

/** TopicSysFlag bits a unit-mode producer asks for. */
const FLAG_UNIT = 0x1;
const FLAG_UNIT_SUB = 0x2;

export type SendCheck = { ok: true; topicConfig: TopicConfig } | { ok: false; refusal: Refusal };

function refuse(code: number, remark: string): SendCheck {
  return { ok: false, refusal: { code, remark } };
}

export function checkSend(context: BrokerContext, header: SendMessageRequestHeader, remoteAddress: string): SendCheck {
  const { config } = context;
  if (Date.now() < config.startAcceptSendRequestTimeStamp) {
    return refuse(ResponseCode.SYSTEM_ERROR, `broker unable to service, until ${formatJavaTime(config.startAcceptSendRequestTimeStamp)}`);
  }
  if (!isWriteable(config.brokerPermission)) {
    return refuse(ResponseCode.NO_PERMISSION, `the broker[${context.storeHost.host}] sending message is forbidden`);
  }
  const invalid = validateTopic(header.topic);
  if (invalid) return { ok: false, refusal: invalid };
  if (isNotAllowedSendTopic(header.topic)) return { ok: false, refusal: notAllowedSendRefusal(header.topic) };
  const topicConfig = context.topics.select(header.topic) ?? createOnSend(context, header, remoteAddress);
  if (!topicConfig) {
    return refuse(ResponseCode.TOPIC_NOT_EXIST, `topic[${header.topic}] not exist, apply first please!${FAQ_SUGGESTION}`);
  }
  if (!isWriteable(topicConfig.perm)) {
    return refuse(ResponseCode.NO_PERMISSION, `the topic[${header.topic}] sending message is forbidden`);
  }
  if (header.queueId >= Math.max(topicConfig.writeQueueNums, topicConfig.readQueueNums)) {
    return refuse(ResponseCode.SYSTEM_ERROR, `request queueId[${header.queueId}] is illegal, ${topicConfigText(topicConfig)} Producer: ${remoteAddress}`);
  }
  return { ok: true, topicConfig };
}

function createOnSend(context: BrokerContext, header: SendMessageRequestHeader, remoteAddress: string): TopicConfig | undefined {
  const retry = isRetryTopic(header.topic);
  const topicSysFlag = header.unitMode === true ? (retry ? FLAG_UNIT_SUB : FLAG_UNIT) : 0;
  const created = context.topics.createTopicInSendMessageMethod(header.topic, header.defaultTopic, remoteAddress, header.defaultTopicQueueNums, topicSysFlag);
  if (created || !retry) return created;
  return context.topics.createTopicInSendMessageBackMethod(header.topic, 1, PermName.READ | PermName.WRITE, topicSysFlag);
}
