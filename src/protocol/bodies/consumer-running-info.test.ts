import { describe, expect, it } from 'vitest';
import {
  consumerRunningInfoJstack,
  consumerRunningInfoProperties,
  decodeConsumerRunningInfo,
  encodeConsumerRunningInfo,
} from './consumer-running-info.js';

const fastjson =
  '{"jstack":"thread dump","mqTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{"cachedMsgCount":0,"commitOffset":3,"locked":false}},' +
  '"properties":{"PROP_CONSUME_TYPE":"CONSUME_PASSIVELY","PROP_CLIENT_VERSION":"V4_9_8"},"statusTable":{"T":{"pullRT":1.5}},"subscriptionSet":[]}';

describe('ConsumerRunningInfo', () => {
  it('is relayed as an opaque value: read leniently, written as standard JSON', () => {
    const info = decodeConsumerRunningInfo(fastjson);
    const text = encodeConsumerRunningInfo(info).toString('utf8');
    expect(JSON.parse(text)).toEqual(info.json);
    expect(text).toContain('"{\\"brokerName\\":\\"b\\",\\"queueId\\":0,\\"topic\\":\\"T\\"}":');
    expect(consumerRunningInfoProperties(info).get('PROP_CLIENT_VERSION')).toBe('V4_9_8');
    expect(consumerRunningInfoJstack(info)).toBe('thread dump');
  });

  it('must be a JSON object', () => {
    expect(() => decodeConsumerRunningInfo('[]')).toThrow('ConsumerRunningInfo: the body is not an object');
  });
});
