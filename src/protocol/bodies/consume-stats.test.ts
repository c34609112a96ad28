import { describe, expect, it } from 'vitest';
import { consumeStatsTotalDiff, decodeConsumeStats, encodeConsumeStats } from './consume-stats.js';
import { decodeGetConsumerStatusBody, encodeGetConsumerStatusBody } from './consumer-status-body.js';
import { messageQueueKey } from './message-queue.js';
import {
  decodeResetOffsetBody,
  decodeResetOffsetBodyForC,
  encodeResetOffsetBody,
  encodeResetOffsetBodyForC,
} from './reset-offset-body.js';
import { decodeTopicStatsTable, encodeTopicStatsTable } from './topic-stats-table.js';

const q0 = messageQueueKey({ topic: 'T1', brokerName: 'broker-a', queueId: 0 });
const q1 = messageQueueKey({ topic: 'T1', brokerName: 'broker-a', queueId: 1 });

describe('MessageQueue-keyed admin bodies', () => {
  it('ConsumeStats reads fastjson object keys and writes string keys', () => {
    const stats = decodeConsumeStats(
      '{"consumeTps":0.0,"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T1"}:{"brokerOffset":3,"consumerOffset":1,"lastTimestamp":17}}}',
    );
    expect(stats).toEqual({ consumeTps: 0, offsetTable: new Map([[q0, { brokerOffset: 3, consumerOffset: 1, lastTimestamp: 17 }]]) });
    expect(consumeStatsTotalDiff(stats)).toBe(2);
    expect(encodeConsumeStats(stats).toString('utf8')).toBe(
      '{"consumeTps":0,"offsetTable":{"{\\"brokerName\\":\\"broker-a\\",\\"queueId\\":0,\\"topic\\":\\"T1\\"}":{"brokerOffset":3,"consumerOffset":1,"lastTimestamp":17}}}',
    );
  });

  it('TopicStatsTable round-trips', () => {
    const table = { offsetTable: new Map([[q1, { minOffset: 0, maxOffset: 8, lastUpdateTimestamp: 1795540155308 }]]) };
    expect(decodeTopicStatsTable(encodeTopicStatsTable(table))).toEqual(table);
  });

  it('ResetOffsetBody reads the Java encoding and its CPP list form', () => {
    const body = decodeResetOffsetBody('{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T1"}:7}}');
    expect(body).toEqual({ offsetTable: new Map([[q0, 7]]) });
    expect(decodeResetOffsetBody(encodeResetOffsetBody(body))).toEqual(body);
    const forC = { offsetTable: [{ topic: 'T1', brokerName: 'broker-a', queueId: 0, offset: 7 }] };
    expect(encodeResetOffsetBodyForC(forC).toString('utf8')).toBe(
      '{"offsetTable":[{"brokerName":"broker-a","offset":7,"queueId":0,"topic":"T1"}]}',
    );
    expect(decodeResetOffsetBodyForC(encodeResetOffsetBodyForC(forC))).toEqual(forC);
  });

  it('GetConsumerStatusBody round-trips both tables', () => {
    const body = { messageQueueTable: new Map([[q0, 5]]), consumerTable: new Map([['client-1', new Map([[q1, 9]])]]) };
    expect(decodeGetConsumerStatusBody(encodeGetConsumerStatusBody(body))).toEqual(body);
  });
});
