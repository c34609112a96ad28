import { describe, expect, it } from 'vitest';
import {
  decodeConsumerOffsetSerializeWrapper,
  encodeConsumerOffsetSerializeWrapper,
  topicAtGroup,
} from './consumer-offset-serialize-wrapper.js';

describe('ConsumerOffsetSerializeWrapper', () => {
  it('reads "topic@group" → queueId → offset with bare integer keys and writes them quoted', () => {
    const wrapper = decodeConsumerOffsetSerializeWrapper('{"offsetTable":{"TopicTest@CG1":{0:5,1:7},"%RETRY%CG1@CG1":{0:0}}}');
    expect(wrapper.offsetTable.get(topicAtGroup('TopicTest', 'CG1'))).toEqual(new Map([[0, 5], [1, 7]]));
    expect(encodeConsumerOffsetSerializeWrapper(wrapper).toString('utf8')).toBe(
      '{"offsetTable":{"TopicTest@CG1":{"0":5,"1":7},"%RETRY%CG1@CG1":{"0":0}}}',
    );
    expect(decodeConsumerOffsetSerializeWrapper(encodeConsumerOffsetSerializeWrapper(wrapper))).toEqual(wrapper);
  });

  it('rejects a queue id that is not an int', () => {
    expect(() => decodeConsumerOffsetSerializeWrapper('{"offsetTable":{"T@G":{"x":1}}}')).toThrow(
      'ConsumerOffsetSerializeWrapper: offsetTable["T@G"]["x"] key is not an int: "x"',
    );
  });
});
