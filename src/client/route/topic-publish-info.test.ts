import { describe, expect, it } from 'vitest';
import type { BrokerData, QueueData, TopicRouteData } from '../../protocol/bodies/topic-route-data.js';
import { QueueIndex } from './queue-index.js';
import { TopicPublishInfo } from './topic-publish-info.js';

const queueData = (brokerName: string, writeQueueNums: number, perm = 6): QueueData => ({ brokerName, readQueueNums: writeQueueNums, writeQueueNums, perm, topicSysFlag: 0 });
const brokerData = (brokerName: string, ids: number[] = [0]): BrokerData => ({ cluster: 'C', brokerName, brokerAddrs: new Map(ids.map((id) => [id, `10.0.0.${id + 1}:10911`])) });
const route = (queueDatas: QueueData[], brokerDatas: BrokerData[], orderTopicConf?: string): TopicRouteData => ({
  queueDatas,
  brokerDatas,
  filterServerTable: new Map(),
  ...(orderTopicConf === undefined ? {} : { orderTopicConf }),
});
const names = (info: TopicPublishInfo): string[] => info.messageQueues.map((q) => `${q.brokerName}:${q.queueId}`);

describe('topic publish info from a route', () => {
  it('lists the write queues of each writable broker that has a master, sorted by broker name', () => {
    const info = TopicPublishInfo.fromRoute(
      'T',
      route([queueData('broker-b', 2), queueData('broker-a', 3), queueData('broker-r', 2, 4), queueData('broker-s', 2)], [brokerData('broker-a'), brokerData('broker-b'), brokerData('broker-r'), brokerData('broker-s', [1])]),
    );
    expect(names(info)).toEqual(['broker-a:0', 'broker-a:1', 'broker-a:2', 'broker-b:0', 'broker-b:1']);
    expect(info.orderTopic).toBe(false);
    expect(info.ok()).toBe(true);
    expect(info.messageQueues.every((q) => q.topic === 'T')).toBe(true);
  });

  it('an orderTopicConf decides the queues of an ordered topic, in its order', () => {
    const info = TopicPublishInfo.fromRoute('T', route([queueData('broker-a', 8)], [brokerData('broker-a')], 'broker-b:2;broker-a:1'));
    expect(names(info)).toEqual(['broker-b:0', 'broker-b:1', 'broker-a:0']);
    expect(info.orderTopic).toBe(true);
  });

  it('a route with no writable queue is not ok', () => {
    expect(TopicPublishInfo.fromRoute('T', route([queueData('broker-a', 4, 4)], [brokerData('broker-a')])).ok()).toBe(false);
  });

  it('knows the write queue count of a broker, -1 for a broker without writable queues', () => {
    const info = TopicPublishInfo.fromRoute('T', route([queueData('broker-a', 3), queueData('broker-r', 2, 4)], [brokerData('broker-a'), brokerData('broker-r')]));
    expect(info.writeQueueNumsOf('broker-a')).toBe(3);
    expect(info.writeQueueNumsOf('broker-r')).toBe(-1);
    expect(info.writeQueueNumsOf('broker-x')).toBe(-1);
  });
});

describe('queue selection', () => {
  const twoBrokers = route([queueData('broker-a', 2), queueData('broker-b', 2)], [brokerData('broker-a'), brokerData('broker-b')]);

  it('goes round robin over every queue from its starting point', () => {
    const info = TopicPublishInfo.fromRoute('T', twoBrokers, new QueueIndex(0));
    const picks = [1, 2, 3, 4, 5].map(() => info.selectOneMessageQueue()).map((q) => `${q.brokerName}:${q.queueId}`);
    expect(picks).toEqual(['broker-a:1', 'broker-b:0', 'broker-b:1', 'broker-a:0', 'broker-a:1']);
  });

  it('after a failure on a broker, picks a queue of another broker', () => {
    const info = TopicPublishInfo.fromRoute('T', twoBrokers, new QueueIndex(0));
    for (let i = 0; i < 8; i++) expect(info.selectOneMessageQueue('broker-a').brokerName).toBe('broker-b');
  });

  it('with a single broker, a retry still goes to it', () => {
    const info = TopicPublishInfo.fromRoute('T', route([queueData('broker-a', 2)], [brokerData('broker-a')]));
    expect(info.selectOneMessageQueue('broker-a').brokerName).toBe('broker-a');
  });

  it('keeps going when the counter wraps past 2^31', () => {
    const info = TopicPublishInfo.fromRoute('T', twoBrokers, new QueueIndex(0x7ffffffe));
    const picks = [1, 2, 3].map(() => info.selectOneMessageQueue().queueId);
    expect(picks.every((queueId) => queueId === 0 || queueId === 1)).toBe(true);
  });
});
