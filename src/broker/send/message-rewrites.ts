/**
 * Where a sent message is really stored, when not in its own topic and queue (RocketMQ
 * SendMessageProcessor.handleRetryAndDLQ, TransactionalMessageBridge.parseHalfMessageInner
 * and CommitLog's delay rewrite). Each rewrite changes the message in place:
 *
 * - dead letter: a message for `%RETRY%<group>` whose reconsumeTimes ≥ maxReconsumeTimes
 *   goes to `%DLQ%<group>` queue 0 (the topic is created with one queue), without delay;
 * - transaction half: a message with `TRAN_MSG=true` goes to RMQ_SYS_TRANS_HALF_TOPIC
 *   queue 0 with `REAL_TOPIC` / `REAL_QID` and its sysFlag's transaction type reset to 0;
 *   it becomes visible in its topic when END_TRANSACTION commits it;
 * - delay: a message with `DELAY=<level>` (level > 0, clamped to the highest level) that
 *   is not a transaction half or rollback goes to SCHEDULE_TOPIC_XXXX queue level-1 with
 *   `REAL_TOPIC` / `REAL_QID`; the schedule service delivers it when due.
 */
import { PropertyKey } from '../../protocol/message/properties.js';
import { TransactionType, transactionTypeOf, withTransactionType } from '../../protocol/message/sys-flag.js';
import type { DelayLevels } from '../../store/delay-levels.js';
import type { MessageToStore } from '../../store/message-store.js';
import { DLQ_QUEUE_NUMS, dlqTopicOf } from '../topic/group-topics.js';
import { SystemTopic } from '../topic/topic-validator.js';

function keepRealTopic(message: MessageToStore): void {
  message.properties[PropertyKey.REAL_TOPIC] = message.topic;
  message.properties[PropertyKey.REAL_QUEUE_ID] = String(message.queueId);
}

/** Moves a message to the dead-letter topic of `group`. */
export function toDeadLetterQueue(message: MessageToStore, group: string): void {
  message.topic = dlqTopicOf(group);
  message.queueId = Math.floor(Math.random() * DLQ_QUEUE_NUMS);
  delete message.properties[PropertyKey.DELAY_TIME_LEVEL];
}

/** Moves a transactional message to the half topic. */
export function toTransactionHalf(message: MessageToStore): void {
  keepRealTopic(message);
  message.sysFlag = withTransactionType(message.sysFlag, TransactionType.NOT_TYPE);
  message.topic = SystemTopic.TRANS_HALF;
  message.queueId = 0;
}

/** The DELAY level of a message: 0 for none, null when the property is not an integer. */
export function delayLevelOf(message: MessageToStore): number | null {
  const text = message.properties[PropertyKey.DELAY_TIME_LEVEL];
  if (text === undefined) return 0;
  const level = Number(text.trim());
  return /^[+-]?\d+$/.test(text.trim()) && Number.isSafeInteger(level) ? level : null;
}

/** Whether the delay rewrite applies to a message's transaction type. */
export function delayApplies(sysFlag: number): boolean {
  const type = transactionTypeOf(sysFlag);
  return type === TransactionType.NOT_TYPE || type === TransactionType.COMMIT;
}

/** Moves a message with a positive delay level to the schedule topic. */
export function toScheduleTopic(message: MessageToStore, level: number, delayLevels: DelayLevels): void {
  const clamped = Math.min(level, delayLevels.maxLevel);
  message.properties[PropertyKey.DELAY_TIME_LEVEL] = String(clamped);
  keepRealTopic(message);
  message.topic = SystemTopic.SCHEDULE;
  message.queueId = clamped - 1;
}
