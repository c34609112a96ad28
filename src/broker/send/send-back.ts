/**
 * CONSUMER_SEND_MSG_BACK (36): a consumer could not consume a message and hands it back
 * (RocketMQ 4.9.8 SendMessageProcessor.asyncConsumerSendMsgBack, §7.5 of the protocol
 * notes). Checks, in order:
 *
 *   subscription group unknown and not creatable → 26 `subscription group not exist, <g> ` + FAQ
 *   the broker is not writable                   → 16 `the broker[<ip>] sending message is forbidden`
 *   the group's retryQueueNums ≤ 0               → 0, the message is dropped
 *   `%RETRY%<group>` (created with retryQueueNums queues, perm 6) not writable → 16
 *   no record at the header's commit-log offset  → 1 `look message by offset failed, <offset>`
 *
 * The copy: body, flag, sysFlag, born time and host and store host of the original;
 * reconsumeTimes + 1; properties of the original plus RETRY_TOPIC (the original topic,
 * unless it already has one), WAIT=false and ORIGIN_MESSAGE_ID (the original's, else its
 * offset message id). Where it goes:
 *
 *   reconsumeTimes ≥ maxReconsumeTimes (the header's from clients of V3_4_9 on, else the
 *   group's retryMaxTimes), or delayLevel < 0 → `%DLQ%<group>` queue 0 (perm 6), DELAY=0;
 *   otherwise → a random queue of `%RETRY%<group>`, delayed by `delayLevel`, or by
 *   3 + reconsumeTimes when it is 0 (SCHEDULE_TOPIC_XXXX until due).
 * Stored → 0; a store refusal → 1 with the store's status name.
 */
import { PropertyKey } from '../../protocol/message/properties.js';
import type { ConsumerSendMsgBackRequestHeader } from '../../protocol/headers/consumer-send-msg-back-request-header.js';
import { createOffsetMessageId } from '../../protocol/message/message-id.js';
import type { MessageRecord } from '../../protocol/message/message-record.js';
import { MessageSysFlag } from '../../protocol/message/sys-flag.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { SCHEDULE_TOPIC } from '../../store/dispatch-request.js';
import type { MessageToStore } from '../../store/message-store.js';
import type { BrokerContext } from '../broker-context.js';
import { copyOfRecord } from '../record-copy.js';
import { DLQ_QUEUE_NUMS, dlqTopicOf, retryTopicOf } from '../topic/group-topics.js';
import { PermName, isWriteable } from '../../protocol/perm-name.js';
import type { Refusal } from '../topic/topic-validator.js';
import { delayApplies, toScheduleTopic } from './message-rewrites.js';
import { FAQ_SUGGESTION } from './send-checks.js';

/** MQVersion ordinal of V3_4_9: from it on the header's maxReconsumeTimes counts. */
const V3_4_9 = 121;
const FLAG_UNIT_SUB = 0x2;
const DEFAULT_DELAY_LEVEL_BASE = 3;

export interface SendBackRequest {
  header: ConsumerSendMsgBackRequestHeader;
  /** RemotingCommand.version of the request. */
  clientVersion: number;
}

/** What to answer: 0 with nothing else, or a refusal. */
export type SendBackOutcome = { ok: true } | { ok: false; refusal: Refusal };

export async function sendMessageBack(context: BrokerContext, request: SendBackRequest): Promise<SendBackOutcome> {
  const { header } = request;
  const group = context.subscriptionGroups.findOrCreate(header.group);
  if (!group.ok) return refused(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group not exist, ${header.group} ${FAQ_SUGGESTION}`);
  if (!isWriteable(context.config.brokerPermission)) {
    return refused(ResponseCode.NO_PERMISSION, `the broker[${context.storeHost.host}] sending message is forbidden`);
  }
  if (group.config.retryQueueNums <= 0) return { ok: true };
  const retryTopic = retryTopicOf(header.group);
  const retryConfig = context.topics.createTopicInSendMessageBackMethod(retryTopic, group.config.retryQueueNums, PermName.READ | PermName.WRITE, header.unitMode === true ? FLAG_UNIT_SUB : 0);
  if (!isWriteable(retryConfig.perm)) return refused(ResponseCode.NO_PERMISSION, `the topic[${retryTopic}] sending message is forbidden`);
  const original = await context.store.lookMessageByOffset(header.offset);
  if (!original) return refused(ResponseCode.SYSTEM_ERROR, `look message by offset failed, ${header.offset}`);
  const maxReconsumeTimes = request.clientVersion >= V3_4_9 && header.maxReconsumeTimes !== undefined ? header.maxReconsumeTimes : group.config.retryMaxTimes;
  const message = retryCopy(original, retryTopic, group.config.retryQueueNums);
  if (original.reconsumeTimes >= maxReconsumeTimes || header.delayLevel < 0) toDeadLetters(context, message, header.group);
  else delay(context, message, header.delayLevel === 0 ? DEFAULT_DELAY_LEVEL_BASE + original.reconsumeTimes : header.delayLevel);
  const result = await context.store.putMessage(message);
  if (result.status !== 'PUT_OK') return refused(ResponseCode.SYSTEM_ERROR, result.status);
  const stored = result.appended[0];
  if (message.topic === SCHEDULE_TOPIC && stored) context.stats.items.recordTopicPut(message.topic, 1, stored.size);
  context.stats.items.recordSendBack(header.group, original.properties[PropertyKey.RETRY_TOPIC] ?? original.topic);
  return { ok: true };
}

function refused(code: number, remark: string): SendBackOutcome {
  return { ok: false, refusal: { code, remark } };
}

function retryCopy(original: MessageRecord, retryTopic: string, retryQueueNums: number): MessageToStore {
  const copy = copyOfRecord(original, retryTopic, Math.floor(Math.random() * retryQueueNums));
  const properties = copy.properties;
  if (properties[PropertyKey.RETRY_TOPIC] === undefined) properties[PropertyKey.RETRY_TOPIC] = original.topic;
  properties[PropertyKey.WAIT_STORE_MSG_OK] = 'false';
  const originId = properties[PropertyKey.ORIGIN_MESSAGE_ID];
  if (originId === undefined || originId.trim() === '') properties[PropertyKey.ORIGIN_MESSAGE_ID] = offsetMessageIdOf(original);
  copy.reconsumeTimes = original.reconsumeTimes + 1;
  return copy;
}

function offsetMessageIdOf(record: MessageRecord): string {
  return createOffsetMessageId(record.storeHost, record.commitLogOffset, (record.sysFlag & MessageSysFlag.STOREHOST_V6) !== 0);
}

function toDeadLetters(context: BrokerContext, message: MessageToStore, group: string): void {
  context.topics.createTopicInSendMessageBackMethod(dlqTopicOf(group), DLQ_QUEUE_NUMS, PermName.READ | PermName.WRITE, 0);
  message.topic = dlqTopicOf(group);
  message.queueId = Math.floor(Math.random() * DLQ_QUEUE_NUMS);
  message.properties[PropertyKey.DELAY_TIME_LEVEL] = '0';
}

function delay(context: BrokerContext, message: MessageToStore, level: number): void {
  message.properties[PropertyKey.DELAY_TIME_LEVEL] = String(level);
  if (level > 0 && delayApplies(message.sysFlag)) toScheduleTopic(message, level, context.delayLevels);
}
