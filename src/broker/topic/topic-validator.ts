/**
 * Topic names, RocketMQ 4.9.8's rules (TopicValidator) with its answers:
 *
 * - blank                          → 1 SYSTEM_ERROR "The specified topic is blank."
 * - a char outside [%|a-zA-Z0-9_-] → 1 "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$"
 * - longer than 127 chars          → 1 "The specified topic is longer than topic max length."
 *
 * System topics (TBW102, SCHEDULE_TOPIC_XXXX, …, anything starting `rmq_sys_`, plus the
 * broker's cluster-name, broker-name and `<cluster>_REPLY_TOPIC` topics, see
 * system-topics.ts) cannot be created or deleted by admin requests; clients may not send to
 * the schedule, transaction, self-test and offset-moved topics at all.
 */
import { ResponseCode } from '../../protocol/response-code.js';
import { SCHEDULE_TOPIC } from '../../store/dispatch-request.js';

export const SystemTopic = {
  AUTO_CREATE: 'TBW102',
  SCHEDULE: SCHEDULE_TOPIC,
  BENCHMARK: 'BenchmarkTest',
  TRANS_HALF: 'RMQ_SYS_TRANS_HALF_TOPIC',
  TRACE: 'RMQ_SYS_TRACE_TOPIC',
  TRANS_OP_HALF: 'RMQ_SYS_TRANS_OP_HALF_TOPIC',
  TRANS_CHECK_MAX_TIME: 'TRANS_CHECK_MAX_TIME_TOPIC',
  SELF_TEST: 'SELF_TEST_TOPIC',
  OFFSET_MOVED_EVENT: 'OFFSET_MOVED_EVENT',
} as const;

/** Topics whose names start with this are system topics. */
export const SYSTEM_TOPIC_PREFIX = 'rmq_sys_';

/** Longest topic name, in chars (a record stores its length in one signed byte). */
export const TOPIC_MAX_LENGTH = 127;

/** System topics whatever the broker's settings (Java's static set). */
export const BUILT_IN_SYSTEM_TOPICS: readonly string[] = Object.values(SystemTopic);

const NOT_ALLOWED_SEND_TOPICS: ReadonlySet<string> = new Set([
  SystemTopic.SCHEDULE,
  SystemTopic.TRANS_HALF,
  SystemTopic.TRANS_OP_HALF,
  SystemTopic.TRANS_CHECK_MAX_TIME,
  SystemTopic.SELF_TEST,
  SystemTopic.OFFSET_MOVED_EVENT,
]);

/** A refusal: the response code and remark RocketMQ answers with. */
export interface Refusal {
  code: number;
  remark: string;
}

const LEGAL_CHAR = /^[%|a-zA-Z0-9_-]*$/;

/** Whether `name` has a char outside `^[%|a-zA-Z0-9_-]+$` (topics and groups share the rule). */
export function isTopicOrGroupIllegal(name: string): boolean {
  return !LEGAL_CHAR.test(name);
}

/** Java's UtilAll.isBlank: empty or only white space. */
function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/** null when `topic` is a valid name, else RocketMQ's refusal. */
export function validateTopic(topic: string): Refusal | null {
  if (isBlank(topic)) return { code: ResponseCode.SYSTEM_ERROR, remark: 'The specified topic is blank.' };
  if (isTopicOrGroupIllegal(topic)) {
    return {
      code: ResponseCode.SYSTEM_ERROR,
      remark: 'The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$',
    };
  }
  if (topic.length > TOPIC_MAX_LENGTH) {
    return { code: ResponseCode.SYSTEM_ERROR, remark: 'The specified topic is longer than topic max length.' };
  }
  return null;
}

/** Clients may not send to these topics (the broker writes them itself). */
export function isNotAllowedSendTopic(topic: string): boolean {
  return NOT_ALLOWED_SEND_TOPICS.has(topic);
}

export function notAllowedSendRefusal(topic: string): Refusal {
  return { code: ResponseCode.NO_PERMISSION, remark: `Sending message to topic[${topic}] is forbidden.` };
}

export function systemTopicConflict(topic: string): Refusal {
  return { code: ResponseCode.SYSTEM_ERROR, remark: `The topic[${topic}] is conflict with system topic.` };
}
