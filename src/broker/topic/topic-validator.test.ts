import { describe, expect, it } from 'vitest';
import { ResponseCode } from '../../protocol/response-code.js';
import { isNotAllowedSendTopic, isTopicOrGroupIllegal, notAllowedSendRefusal, systemTopicConflict, validateTopic } from './topic-validator.js';

describe('topic validation (RocketMQ TopicValidator)', () => {
  it('accepts letters, digits and %|_- up to 127 chars', () => {
    for (const topic of ['T', 'TopicTest', '%RETRY%group-1', '%DLQ%g_2', 'a|b', 'x'.repeat(127)]) expect(validateTopic(topic)).toBeNull();
  });

  it('refuses a blank topic with code 1 and RocketMQ\'s text', () => {
    for (const topic of ['', ' ', '\t ']) {
      expect(validateTopic(topic)).toEqual({ code: ResponseCode.SYSTEM_ERROR, remark: 'The specified topic is blank.' });
    }
  });

  it('refuses illegal characters, names them by the allowed pattern', () => {
    for (const topic of ['a b', 'a.b', 'topic/1', 'tópico', 'a\u0000', '中文']) {
      expect(validateTopic(topic)).toEqual({
        code: ResponseCode.SYSTEM_ERROR,
        remark: 'The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$',
      });
    }
    expect(isTopicOrGroupIllegal('ok_name')).toBe(false);
  });

  it('refuses names longer than 127 chars', () => {
    expect(validateTopic('x'.repeat(128))).toEqual({ code: ResponseCode.SYSTEM_ERROR, remark: 'The specified topic is longer than topic max length.' });
  });

  it('forbids sends to the schedule, transaction, self-test and offset-moved topics only', () => {
    for (const topic of ['SCHEDULE_TOPIC_XXXX', 'RMQ_SYS_TRANS_HALF_TOPIC', 'RMQ_SYS_TRANS_OP_HALF_TOPIC', 'TRANS_CHECK_MAX_TIME_TOPIC', 'SELF_TEST_TOPIC', 'OFFSET_MOVED_EVENT']) {
      expect(isNotAllowedSendTopic(topic)).toBe(true);
    }
    for (const topic of ['TBW102', 'BenchmarkTest', 'RMQ_SYS_TRACE_TOPIC', 'TopicTest']) expect(isNotAllowedSendTopic(topic)).toBe(false);
    expect(notAllowedSendRefusal('SELF_TEST_TOPIC')).toEqual({ code: ResponseCode.NO_PERMISSION, remark: 'Sending message to topic[SELF_TEST_TOPIC] is forbidden.' });
    expect(systemTopicConflict('TBW102').remark).toBe('The topic[TBW102] is conflict with system topic.');
  });
});
