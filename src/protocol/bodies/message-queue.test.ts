import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import { BodyReader } from './body-json.js';
import {
  compareMessageQueues,
  messageQueueFromKey,
  messageQueueKey,
  readMessageQueueMap,
  sameMessageQueue,
  type MessageQueue,
} from './message-queue.js';

const mq = (topic: string, brokerName: string, queueId: number): MessageQueue => ({ topic, brokerName, queueId });

describe('MessageQueue', () => {
  it('keys a queue by its fastjson JSON text', () => {
    expect(messageQueueKey(mq('T1', 'broker-a', 1))).toBe('{"brokerName":"broker-a","queueId":1,"topic":"T1"}');
    expect(messageQueueKey(mq('%RETRY%"g"', 'b', 0))).toBe('{"brokerName":"b","queueId":0,"topic":"%RETRY%\\"g\\""}');
  });

  it('reads a key back, in any property order and with numbers in strings', () => {
    expect(messageQueueFromKey('{"topic":"T","queueId":"3","brokerName":"b"}')).toEqual(mq('T', 'b', 3));
    const error = (() => {
      try {
        messageQueueFromKey('{"topic":"T"}');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(isRocketMQError(error, 'BODY_MALFORMED')).toBe(true);
  });

  it('orders like Java compareTo: topic, brokerName, queueId', () => {
    const queues = [mq('B', 'a', 0), mq('A', 'b', 0), mq('A', 'a', 10), mq('A', 'a', 2)];
    expect(queues.sort(compareMessageQueues)).toEqual([mq('A', 'a', 2), mq('A', 'a', 10), mq('A', 'b', 0), mq('B', 'a', 0)]);
    expect(sameMessageQueue(mq('A', 'a', 1), { queueId: 1, brokerName: 'a', topic: 'A' })).toBe(true);
  });

  it('reads MessageQueue-keyed maps from both wire forms into canonical keys', () => {
    const fastjson = BodyReader.parse('T', '{"m":{{"topic":"T","brokerName":"b","queueId":1}:5}}').field('m');
    const standard = BodyReader.parse('T', '{"m":{"{\\"brokerName\\":\\"b\\",\\"queueId\\":1,\\"topic\\":\\"T\\"}":5}}').field('m');
    const expected = new Map([[messageQueueKey(mq('T', 'b', 1)), 5]]);
    expect(readMessageQueueMap(fastjson, (value) => value.long())).toEqual(expected);
    expect(readMessageQueueMap(standard, (value) => value.long())).toEqual(expected);
    const bad = BodyReader.parse('T', '{"m":{"not a queue":5}}').field('m');
    expect(() => readMessageQueueMap(bad, (value) => value.long())).toThrow(/T: m\["not a queue"\] has a key that is not a MessageQueue/);
  });
});
