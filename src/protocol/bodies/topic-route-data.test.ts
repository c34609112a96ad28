import { describe, expect, it } from 'vitest';
import { decodeTopicRouteData, encodeTopicRouteData, type TopicRouteData } from './topic-route-data.js';

const route: TopicRouteData = {
  queueDatas: [{ brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }],
  brokerDatas: [
    {
      cluster: 'DefaultCluster',
      brokerName: 'broker-a',
      brokerAddrs: new Map([
        [1, '127.0.0.1:10921'],
        [0, '127.0.0.1:10911'],
      ]),
    },
  ],
  filterServerTable: new Map(),
};

describe('TopicRouteData', () => {
  it('writes standard JSON: quoted broker ids in order, both sysFlag spellings, fastjson property order', () => {
    expect(encodeTopicRouteData(route).toString('utf8')).toBe(
      '{"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911","1":"127.0.0.1:10921"},"brokerName":"broker-a","cluster":"DefaultCluster"}],' +
        '"filterServerTable":{},' +
        '"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSynFlag":0,"topicSysFlag":0,"writeQueueNums":4}]}',
    );
  });

  it('reads the fastjson default form that ali-ons and old clients receive', () => {
    const text =
      '{"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921"},"brokerName":"broker-a","cluster":"DefaultCluster"}],' +
      '"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}';
    expect(decodeTopicRouteData(text)).toEqual(route);
  });

  it('reads the pre-4.9 topicSynFlag spelling, and prefers topicSysFlag when both are present', () => {
    const old = decodeTopicRouteData('{"queueDatas":[{"brokerName":"b","perm":6,"readQueueNums":1,"writeQueueNums":1,"topicSynFlag":3}]}');
    expect(old.queueDatas[0]?.topicSysFlag).toBe(3);
    const both = decodeTopicRouteData('{"queueDatas":[{"brokerName":"b","topicSynFlag":3,"topicSysFlag":5}]}');
    expect(both.queueDatas[0]?.topicSysFlag).toBe(5);
  });

  it('keeps orderTopicConf and the filter-server table', () => {
    const ordered: TopicRouteData = { ...route, orderTopicConf: 'broker-a:4', filterServerTable: new Map([['127.0.0.1:10911', ['f1']]]) };
    expect(decodeTopicRouteData(encodeTopicRouteData(ordered))).toEqual(ordered);
  });

  it('names the property when the shape is wrong', () => {
    expect(() => decodeTopicRouteData('{"queueDatas":[{"brokerName":"b","perm":"rw"}]}')).toThrow(
      'TopicRouteData: queueDatas[0].perm is not an int: "rw"',
    );
    expect(() => decodeTopicRouteData('{"brokerDatas":[{"cluster":"c","brokerName":"b","brokerAddrs":{"master":"x"}}]}')).toThrow(
      'brokerDatas[0].brokerAddrs["master"] key is not a long',
    );
  });
});
