/**
 * The allocation strategies against RocketMQ 4.9.8's own: java-4.9.8-allocations.jsonl
 * holds what the Java classes (compiled from the 4.9.8 sources) allocated for the same
 * queues and consumer ids, one line per case: [strategy, queues, consumers, shares].
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import { AllocateMachineRoomNearby } from './allocate-machine-room-nearby.js';
import { AllocateMessageQueueAveragely } from './allocate-averagely.js';
import { AllocateMessageQueueAveragelyByCircle } from './allocate-averagely-by-circle.js';
import { AllocateMessageQueueByConfig } from './allocate-by-config.js';
import { AllocateMessageQueueByMachineRoom } from './allocate-by-machine-room.js';
import { AllocateMessageQueueConsistentHash, messageQueueText } from './allocate-consistent-hash.js';
import type { AllocateMessageQueueStrategy } from './allocate-strategy.js';

type Case = [string, number, number, string[][]];
const cases = readFileSync(new URL('./java-4.9.8-allocations.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Case);

const queues = (topic: string, brokers: string[], perBroker: number): MessageQueue[] =>
  brokers.flatMap((brokerName) => Array.from({ length: perBroker }, (_, queueId) => ({ topic, brokerName, queueId })));
const cids = (n: number): string[] => Array.from({ length: n }, (_, i) => `10.0.0.${i + 1}@${1000 + i}`);
const shares = (strategy: AllocateMessageQueueStrategy, mqAll: MessageQueue[], cidAll: string[]): string[][] =>
  cidAll.map((cid) => strategy.allocate('G', cid, mqAll, cidAll).map((mq) => `${mq.brokerName}:${mq.queueId}`));

const strategies: Record<string, AllocateMessageQueueStrategy> = {
  AVG: new AllocateMessageQueueAveragely(),
  AVG_BY_CIRCLE: new AllocateMessageQueueAveragelyByCircle(),
  CONSISTENT_HASH: new AllocateMessageQueueConsistentHash(),
  CONSISTENT_HASH_3: new AllocateMessageQueueConsistentHash(3),
};

describe('allocation strategies give RocketMQ 4.9.8 results', () => {
  const evenAndOdd = cases.filter(([name]) => name in strategies);
  it.each(evenAndOdd)('%s with %i queues and %i consumers', (name, queueCount, consumerCount, expected) => {
    const mqAll = queueCount % 2 === 0 ? queues('TopicTest', ['broker-a', 'broker-b'], queueCount / 2) : queues('TopicTest', ['broker-a'], queueCount);
    expect(shares(strategies[name] as AllocateMessageQueueStrategy, mqAll, cids(consumerCount))).toEqual(expected);
  });

  const rooms = queues('TopicTest', ['hz@broker-a', 'hz@broker-b', 'sh@broker-c', 'broker-d'], 3);
  it.each(cases.filter(([name]) => name.startsWith('MACHINE_ROOM')))('%s with %i queues and %i consumers', (name, _queueCount, consumerCount, expected) => {
    const strategy = new AllocateMessageQueueByMachineRoom(name === 'MACHINE_ROOM_HZ' ? ['hz'] : ['hz', 'sh']);
    expect(shares(strategy, rooms, cids(consumerCount))).toEqual(expected);
  });

  it('machine room nearby: own room first, rooms without consumers shared by all', () => {
    const [, , , expected] = cases.find(([name]) => name === 'NEARBY_AVG') as Case;
    const strategy = new AllocateMachineRoomNearby(new AllocateMessageQueueAveragely(), {
      brokerDeployIn: (mq) => mq.brokerName.split('@')[0],
      consumerDeployIn: (cid) => cid.split('@')[0],
    });
    expect(strategy.name).toBe('MACHINE_ROOM_NEARBY-AVG');
    expect(shares(strategy, queues('TopicTest', ['hz@broker-a', 'sh@broker-b', 'bj@broker-c'], 4), ['hz@c1', 'hz@c2', 'sh@c3'])).toEqual(expected);
  });
});

describe('allocation strategies: shared rules', () => {
  const mqAll = queues('T', ['broker-a'], 4);

  it('every queue goes to exactly one consumer', () => {
    for (const strategy of Object.values(strategies)) {
      const all = shares(strategy, mqAll, cids(3)).flat().sort();
      expect(all, strategy.name).toEqual(['broker-a:0', 'broker-a:1', 'broker-a:2', 'broker-a:3']);
    }
  });

  it('a consumer that is not in the id list takes nothing', () => {
    for (const strategy of Object.values(strategies)) expect(strategy.allocate('G', 'stranger', mqAll, cids(2))).toEqual([]);
  });

  it('refuses an empty current id, queue list or id list', () => {
    const strategy = new AllocateMessageQueueAveragely();
    expect(() => strategy.allocate('G', '', mqAll, cids(1))).toThrow(/currentCID is empty/);
    expect(() => strategy.allocate('G', 'a', [], ['a'])).toThrow(/mqAll/);
    expect(() => strategy.allocate('G', 'a', mqAll, [])).toThrow(/cidAll/);
  });

  it('by config always answers its configured queues', () => {
    const configured = [{ topic: 'T', brokerName: 'broker-z', queueId: 7 }];
    expect(new AllocateMessageQueueByConfig(configured).allocate()).toEqual(configured);
  });

  it('consistent hash keys a queue by Java MessageQueue.toString', () => {
    expect(messageQueueText({ topic: 'T', brokerName: 'b', queueId: 3 })).toBe('MessageQueue [topic=T, brokerName=b, queueId=3]');
    expect(() => new AllocateMessageQueueConsistentHash(-1)).toThrow(/illegal virtualNodeCnt/);
  });
});
