import { describe, expect, it } from 'vitest';
import { decodeBrokerStatsData, encodeBrokerStatsData } from './broker-stats-data.js';
import { consumeStatsTotalDiff, decodeConsumeStats, encodeConsumeStats } from './consume-stats.js';
import { decodeConsumeStatsList, encodeConsumeStatsList } from './consume-stats-list.js';
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

describe('ConsumeStatsList', () => {
  it('reads a 4.9.8 broker text, with fastjson object keys in the nested ConsumeStats', () => {
    const list = decodeConsumeStatsList(
      '{"brokerAddr":"10.0.0.1:10911","consumeStatsList":[{"G1":[{"consumeTps":0.0,"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T1"}:{"brokerOffset":3,"consumerOffset":1,"lastTimestamp":17}}}]},{"G2":[]}],"totalDiff":2}',
    );
    expect(list).toEqual({
      brokerAddr: '10.0.0.1:10911',
      totalDiff: 2,
      consumeStatsList: [
        new Map([['G1', [{ consumeTps: 0, offsetTable: new Map([[q0, { brokerOffset: 3, consumerOffset: 1, lastTimestamp: 17 }]]) }]]]),
        new Map([['G2', []]]),
      ],
    });
    expect(encodeConsumeStatsList(list).toString('utf8')).toBe(
      '{"brokerAddr":"10.0.0.1:10911","consumeStatsList":[{"G1":[{"consumeTps":0,"offsetTable":{"{\\"brokerName\\":\\"broker-a\\",\\"queueId\\":0,\\"topic\\":\\"T1\\"}":{"brokerOffset":3,"consumerOffset":1,"lastTimestamp":17}}}]},{"G2":[]}],"totalDiff":2}',
    );
  });
});

describe('BrokerStatsData', () => {
  it('reads and writes the three windows in fastjson order', () => {
    const text = '{"statsDay":{"avgpt":0.0,"sum":0,"tps":0.0},"statsHour":{"avgpt":2.0,"sum":4,"tps":0.0066},"statsMinute":{"avgpt":2.0,"sum":4,"tps":0.0666}}';
    const data = decodeBrokerStatsData(text);
    expect(data).toEqual({ statsMinute: { sum: 4, tps: 0.0666, avgpt: 2 }, statsHour: { sum: 4, tps: 0.0066, avgpt: 2 }, statsDay: { sum: 0, tps: 0, avgpt: 0 } });
    expect(encodeBrokerStatsData(data).toString()).toBe(text.replaceAll('.0,', ',').replaceAll(':0.0}', ':0}'));
  });
});
