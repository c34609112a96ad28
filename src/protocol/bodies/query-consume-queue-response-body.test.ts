import { describe, expect, it } from 'vitest';
import { decodeQueryConsumeQueueResponseBody, encodeQueryConsumeQueueResponseBody } from './query-consume-queue-response-body.js';

describe('QueryConsumeQueueResponseBody', () => {
  it('reads the fastjson text of a 4.9.8 broker, extension fields included', () => {
    const body = decodeQueryConsumeQueueResponseBody(
      '{"filterData":"x@T is not online!","maxQueueIndex":2,"minQueueIndex":0,"queueData":[{"eval":false,"physicOffset":0,"physicSize":190,"tagsCode":0},' +
        '{"bitMap":"01","eval":true,"extendDataJson":"{}","msg":"m","physicOffset":190,"physicSize":190,"tagsCode":-2147483649}]}',
    );
    expect(body).toEqual({
      filterData: 'x@T is not online!',
      maxQueueIndex: 2,
      minQueueIndex: 0,
      queueData: [
        { physicOffset: 0, physicSize: 190, tagsCode: 0, eval: false },
        { physicOffset: 190, physicSize: 190, tagsCode: -2147483649, eval: true, bitMap: '01', extendDataJson: '{}', msg: 'm' },
      ],
    });
  });

  it('writes properties in fastjson order and leaves absent ones out', () => {
    const text = encodeQueryConsumeQueueResponseBody({ maxQueueIndex: 1, minQueueIndex: 0, queueData: [{ physicOffset: 5, physicSize: 6, tagsCode: 7, eval: false }] }).toString();
    expect(text).toBe('{"maxQueueIndex":1,"minQueueIndex":0,"queueData":[{"eval":false,"physicOffset":5,"physicSize":6,"tagsCode":7}]}');
  });
});
