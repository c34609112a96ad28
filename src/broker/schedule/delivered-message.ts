/**
 * The message the schedule service stores when a delayed message is due (Java
 * ScheduleMessageService.messageTimeup, 4.9.8). The put path moved it into
 * SCHEDULE_TOPIC_XXXX queue level − 1 with REAL_TOPIC / REAL_QID (send/message-rewrites.ts
 * toScheduleTopic); delivery stores a new message into REAL_TOPIC / REAL_QID with the
 * original body, flag, sysFlag, born time and host, store host and reconsume times.
 *
 * The properties are copied unchanged — REAL_TOPIC, REAL_QID, DELAY and WAIT stay, exactly
 * as the Java broker writes them (the fixtures' delivered copies carry them). Java clears
 * DELAY only in memory, so that its put path does not delay the copy again; here the copy
 * goes straight to MessageStore.putMessage, which never applies delays, so it cannot be
 * delayed twice either.
 *
 * A record whose REAL_TOPIC / REAL_QID is missing or unusable, or whose real topic is the
 * transaction half topic, is not delivered (Java drops the latter too).
 */
import type { MessageRecord } from '../../protocol/message/message-record.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import { copyOfRecord } from '../record-copy.js';
import type { MessageToStore } from '../../store/message-store.js';
import { SystemTopic } from '../topic/topic-validator.js';

export function queueIdOfDelayLevel(level: number): number {
  return level - 1;
}

export function delayLevelOfQueueId(queueId: number): number {
  return queueId + 1;
}

export type DeliveredMessage = { ok: true; message: MessageToStore } | { ok: false; reason: string };

/** The message the schedule service stores for a due record of SCHEDULE_TOPIC_XXXX. */
export function fromScheduleTopic(record: MessageRecord): DeliveredMessage {
  const topic = record.properties[PropertyKey.REAL_TOPIC];
  const queueIdText = record.properties[PropertyKey.REAL_QUEUE_ID];
  if (topic === undefined || topic === '') return { ok: false, reason: 'it has no REAL_TOPIC property' };
  if (topic === SystemTopic.TRANS_HALF) return { ok: false, reason: `its real topic is ${SystemTopic.TRANS_HALF}` };
  if (queueIdText === undefined || !/^\d{1,9}$/.test(queueIdText)) {
    return { ok: false, reason: `its REAL_QID property is not a queue id: ${JSON.stringify(queueIdText ?? null)}` };
  }
  return { ok: true, message: copyOfRecord(record, topic, Number(queueIdText)) };
}
