/**
 * Building the message of SEND_MESSAGE / SEND_MESSAGE_V2 (RocketMQ
 * SendMessageProcessor.asyncSendMessage), after the checks of send-checks.ts:
 *
 * 1. queue: the request's, or a random write queue when it is negative;
 * 2. `%RETRY%<group>` topics: the subscription group must exist or be creatable (else 26
 *    `subscription group not exist, <group> ` + FAQ); reconsumeTimes ≥ maxReconsumeTimes
 *    (the request's, from clients of V3_4_9 or later, else the group's retryMaxTimes) →
 *    dead-letter topic;
 * 3. sysFlag: the request's, plus MULTI_TAGS for MULTI_TAG topics;
 * 4. properties (stored-properties.ts), born host = the producer connection's address,
 *    store host = brokerIP1:listenPort, reconsumeTimes from the request;
 * 5. `TRAN_MSG=true` → transaction half (16 `the broker[<ip>] sending transaction message
 *    is forbidden` with rejectTransactionMessage), else `DELAY` → schedule topic
 *    (message-rewrites.ts).
 * The answer names the queue of step 1 whatever the rewrites, as RocketMQ's does.
 */
import type { TopicConfig } from '../../protocol/bodies/topic-config.js';
import type { SendMessageRequestHeader } from '../../protocol/headers/send-message-request-header.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import type { SocketAddress } from '../../protocol/message/socket-address.js';
import { MessageSysFlag } from '../../protocol/message/sys-flag.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { MessageToStore } from '../../store/message-store.js';
import type { BrokerContext } from '../broker-context.js';
import { DLQ_QUEUE_NUMS, dlqTopicOf, groupOfRetryTopic, isRetryTopic } from '../topic/group-topics.js';
import { PermName } from '../../protocol/perm-name.js';
import { SystemTopic, type Refusal } from '../topic/topic-validator.js';
import { delayApplies, delayLevelOf, toDeadLetterQueue, toScheduleTopic, toTransactionHalf } from './message-rewrites.js';
import { FAQ_SUGGESTION } from './send-checks.js';
import { javaBoolean, singleMessageProperties } from './stored-properties.js';

/** MQVersion ordinal of V3_4_9: clients from it on send maxReconsumeTimes for retry topics. */
const V3_4_9 = 121;

export interface SendInput {
  header: SendMessageRequestHeader;
  body: Buffer;
  /** RemotingCommand.version of the request. */
  clientVersion: number;
  bornHost: SocketAddress;
}

export type Built<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export interface BuiltMessage {
  message: MessageToStore;
  /** The queue the answer names. */
  queueId: number;
}

/** The queue of a send: the request's, or a random write queue when negative; null when the topic has none. */
export function chooseQueue(requested: number, topicConfig: TopicConfig): number | null {
  if (requested >= 0) return requested;
  if (topicConfig.writeQueueNums <= 0) return null;
  return Math.floor(Math.random() * topicConfig.writeQueueNums);
}

export function noWriteQueue(topic: string): Refusal {
  return { code: ResponseCode.SYSTEM_ERROR, remark: `topic[${topic}] has no write queue to pick one from` };
}

export function sysFlagFor(requested: number, topicConfig: TopicConfig): number {
  return topicConfig.topicFilterType === 'MULTI_TAG' ? requested | MessageSysFlag.MULTI_TAGS : requested;
}

export function buildSingleMessage(context: BrokerContext, input: SendInput, topicConfig: TopicConfig): Built<BuiltMessage> {
  const { header } = input;
  const queueId = chooseQueue(header.queueId, topicConfig);
  if (queueId === null) return { ok: false, refusal: noWriteQueue(header.topic) };
  const message: MessageToStore = {
    topic: header.topic,
    queueId,
    flag: header.flag,
    body: input.body,
    properties: singleMessageProperties(header.properties, context.config.brokerClusterName),
    sysFlag: header.sysFlag,
    bornTimestamp: header.bornTimestamp,
    bornHost: input.bornHost,
    storeHost: context.storeHost,
    reconsumeTimes: header.reconsumeTimes ?? 0,
    preparedTransactionOffset: 0,
  };
  const deadLetter = deadLetterIfExhausted(context, input, message);
  if (deadLetter !== undefined && 'code' in deadLetter) return { ok: false, refusal: deadLetter };
  const storedConfig = deadLetter ?? topicConfig;
  message.sysFlag = sysFlagFor(header.sysFlag, storedConfig);
  const rewritten = applyTransactionOrDelay(context, message);
  return rewritten ?? { ok: true, value: { message, queueId } };
}

/** The dead-letter topic's config when the message went there, a refusal when its group does not exist, else undefined. */
function deadLetterIfExhausted(context: BrokerContext, input: SendInput, message: MessageToStore): TopicConfig | Refusal | undefined {
  const { header } = input;
  if (!isRetryTopic(header.topic)) return undefined;
  const group = groupOfRetryTopic(header.topic);
  const lookup = context.subscriptionGroups.findOrCreate(group);
  if (!lookup.ok) return { code: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, remark: `subscription group not exist, ${group} ${FAQ_SUGGESTION}` };
  const maxReconsumeTimes = input.clientVersion >= V3_4_9 && header.maxReconsumeTimes !== undefined ? header.maxReconsumeTimes : lookup.config.retryMaxTimes;
  if (message.reconsumeTimes < maxReconsumeTimes) return undefined;
  const dlqConfig = context.topics.createTopicInSendMessageBackMethod(dlqTopicOf(group), DLQ_QUEUE_NUMS, PermName.READ | PermName.WRITE, 0);
  toDeadLetterQueue(message, group);
  return dlqConfig;
}

function applyTransactionOrDelay(context: BrokerContext, message: MessageToStore): Built<BuiltMessage> | null {
  if (javaBoolean(message.properties[PropertyKey.TRANSACTION_PREPARED])) {
    if (context.config.rejectTransactionMessage) {
      return refused(ResponseCode.NO_PERMISSION, `the broker[${context.storeHost.host}] sending transaction message is forbidden`);
    }
    context.topics.createTopicInSendMessageBackMethod(SystemTopic.TRANS_HALF, 1, PermName.READ | PermName.WRITE, 0);
    toTransactionHalf(message);
    return null;
  }
  if (!delayApplies(message.sysFlag)) return null;
  const level = delayLevelOf(message);
  if (level === null) {
    return refused(ResponseCode.MESSAGE_ILLEGAL, `the message is illegal: property DELAY "${message.properties[PropertyKey.DELAY_TIME_LEVEL]}" is not a delay level`);
  }
  if (level > 0) toScheduleTopic(message, level, context.delayLevels);
  return null;
}

function refused(code: number, remark: string): Built<BuiltMessage> {
  return { ok: false, refusal: { code, remark } };
}
