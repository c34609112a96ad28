/**
 * Checks made before anything goes on the wire (Java `Validators` and `TopicValidator`):
 *
 * - topic: not blank, at most 127 characters, only `%|a-zA-Z0-9_-`, and not one of the
 *   system topics clients may not send to (SCHEDULE_TOPIC_XXXX, the transaction topics,
 *   SELF_TEST_TOPIC, OFFSET_MOVED_EVENT);
 * - group: not blank, at most 255 characters, the same characters;
 * - body: present, not empty, at most maxMessageSize bytes (4 MiB by default).
 *
 * Failures are MQClientErrors: CLIENT_MESSAGE_ILLEGAL (response code 13) for the message
 * body, CLIENT_ILLEGAL_ARGUMENT for names.
 */
import { ResponseCode } from '../protocol/response-code.js';
import { MQClientError } from './errors.js';

export const TOPIC_MAX_LENGTH = 127;
export const CHARACTER_MAX_LENGTH = 255;
export const VALID_NAME_PATTERN = '^[%|a-zA-Z0-9_-]+$';
const VALID_NAME = /^[%|a-zA-Z0-9_-]+$/;

export const AUTO_CREATE_TOPIC_KEY_TOPIC = 'TBW102';
export const RETRY_GROUP_TOPIC_PREFIX = '%RETRY%';

/** System topics a client may not send to. */
export const NOT_ALLOWED_SEND_TOPICS: ReadonlySet<string> = new Set([
  'SCHEDULE_TOPIC_XXXX',
  'RMQ_SYS_TRANS_HALF_TOPIC',
  'RMQ_SYS_TRANS_OP_HALF_TOPIC',
  'TRANS_CHECK_MAX_TIME_TOPIC',
  'SELF_TEST_TOPIC',
  'OFFSET_MOVED_EVENT',
]);

function isBlank(text: string | undefined | null): boolean {
  return text === undefined || text === null || text.trim().length === 0;
}

export function checkTopic(topic: string): void {
  if (isBlank(topic)) throw illegal('the topic is blank');
  if (topic.length > TOPIC_MAX_LENGTH) throw illegal(`the topic is longer than the topic max length ${TOPIC_MAX_LENGTH}`);
  if (!VALID_NAME.test(topic)) throw illegal(`the topic [${topic}] contains illegal characters, allowing only ${VALID_NAME_PATTERN}`);
}

export function checkGroup(group: string): void {
  if (isBlank(group)) throw illegal('the group is blank');
  if (group.length > CHARACTER_MAX_LENGTH) throw illegal(`the group is longer than the group max length ${CHARACTER_MAX_LENGTH}`);
  if (!VALID_NAME.test(group)) throw illegal(`the group [${group}] contains illegal characters, allowing only ${VALID_NAME_PATTERN}`);
}

export function checkSendTopic(topic: string): void {
  checkTopic(topic);
  if (NOT_ALLOWED_SEND_TOPICS.has(topic)) throw illegal(`sending messages to topic [${topic}] is forbidden`);
}

/** Checks a message's topic and its body of `bodyBytes` bytes. */
export function checkMessage(topic: string, bodyBytes: number | undefined, maxMessageSize: number): void {
  checkSendTopic(topic);
  if (bodyBytes === undefined) throw messageIllegal('the message body is null');
  if (bodyBytes === 0) throw messageIllegal('the message body length is zero');
  if (bodyBytes > maxMessageSize) throw messageIllegal(`the message body size is over the max value, MAX: ${maxMessageSize}`);
}

function illegal(message: string): MQClientError {
  return new MQClientError('CLIENT_ILLEGAL_ARGUMENT', message);
}

function messageIllegal(message: string): MQClientError {
  return new MQClientError('CLIENT_MESSAGE_ILLEGAL', message, { responseCode: ResponseCode.MESSAGE_ILLEGAL });
}
