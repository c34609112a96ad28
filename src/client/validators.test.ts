import { describe, expect, it } from 'vitest';
import { checkGroup, checkMessage, checkTopic } from './validators.js';

const illegalArgument = expect.objectContaining({ code: 'CLIENT_ILLEGAL_ARGUMENT' });
const messageIllegal = expect.objectContaining({ code: 'CLIENT_MESSAGE_ILLEGAL', responseCode: 13, wireCode: 13, retriable: false });

describe('topic names', () => {
  it('accept letters, digits, %, |, _ and -', () => {
    expect(() => checkTopic('Topic_Test-1%|x')).not.toThrow();
  });

  it.each([[''], ['   '], ['has space'], ['dot.topic'], ['中文'], ['slash/topic']])('refuse %j', (topic) => {
    expect(() => checkTopic(topic)).toThrow(illegalArgument);
  });

  it('may be 127 characters, not 128', () => {
    expect(() => checkTopic('t'.repeat(127))).not.toThrow();
    expect(() => checkTopic('t'.repeat(128))).toThrow(/longer than the topic max length 127/);
  });
});

describe('group names', () => {
  it('may be 255 characters of the topic alphabet, not blank', () => {
    expect(() => checkGroup('g'.repeat(255))).not.toThrow();
    expect(() => checkGroup('g'.repeat(256))).toThrow(illegalArgument);
    expect(() => checkGroup('')).toThrow(illegalArgument);
    expect(() => checkGroup('a b')).toThrow(illegalArgument);
  });
});

describe('messages before sending', () => {
  it('refuse system topics clients may not send to', () => {
    for (const topic of ['SCHEDULE_TOPIC_XXXX', 'RMQ_SYS_TRANS_HALF_TOPIC', 'RMQ_SYS_TRANS_OP_HALF_TOPIC', 'TRANS_CHECK_MAX_TIME_TOPIC', 'SELF_TEST_TOPIC', 'OFFSET_MOVED_EVENT']) {
      expect(() => checkMessage(topic, 1, 100), topic).toThrow(/forbidden/);
    }
  });

  it('refuse a missing body, an empty body and a body over maxMessageSize', () => {
    expect(() => checkMessage('T', undefined, 100)).toThrow(messageIllegal);
    expect(() => checkMessage('T', 0, 100)).toThrow(/body length is zero/);
    expect(() => checkMessage('T', 101, 100)).toThrow(/over the max value, MAX: 100/);
  });

  it('accept a body of exactly maxMessageSize', () => {
    expect(() => checkMessage('T', 4 * 1024 * 1024, 4 * 1024 * 1024)).not.toThrow();
  });
});
