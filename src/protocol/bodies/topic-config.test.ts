import { describe, expect, it } from 'vitest';
import { decodeTopicConfigText, encodeTopicConfigText, topicConfig } from './topic-config.js';
import { decodeTopicConfigSerializeWrapper, encodeTopicConfigSerializeWrapper } from './topic-config-serialize-wrapper.js';

describe('TopicConfig', () => {
  it('has the Java defaults', () => {
    expect(topicConfig('T')).toEqual({
      topicName: 'T',
      readQueueNums: 16,
      writeQueueNums: 16,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: 0,
      order: false,
    });
  });

  it('writes and reads the compact text form, also with the 5.x attributes field', () => {
    expect(encodeTopicConfigText(topicConfig('T1', { readQueueNums: 8 }))).toBe('T1 8 16 6 SINGLE_TAG');
    expect(decodeTopicConfigText('T1 8 16 6 SINGLE_TAG')).toEqual(topicConfig('T1', { readQueueNums: 8 }));
    const withAttributes = topicConfig('T2', { attributes: new Map([['+message.type', 'NORMAL']]) });
    expect(decodeTopicConfigText(encodeTopicConfigText(withAttributes))).toEqual(withAttributes);
    expect(() => decodeTopicConfigText('T1 8 16')).toThrow('TopicConfig text has 3 fields');
    expect(() => decodeTopicConfigText('T1 8 x 6 SINGLE_TAG')).toThrow('writeQueueNums is not an int');
  });

  it('round-trips a TopicConfigSerializeWrapper, reading numbers in strings', () => {
    const wrapper = decodeTopicConfigSerializeWrapper(
      '{"dataVersion":{"counter":"1","timestamp":2},"topicConfigTable":{"T":{"topicName":"T","perm":"7","order":"true"}}}',
    );
    expect(wrapper.topicConfigTable.get('T')).toEqual(topicConfig('T', { perm: 7, order: true }));
    expect(decodeTopicConfigSerializeWrapper(encodeTopicConfigSerializeWrapper(wrapper))).toEqual(wrapper);
  });
});
