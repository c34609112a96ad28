/**
 * TopicPublishInfo: the queues a producer may send a topic's messages to, derived from the
 * topic's route as the Java client derives it:
 *
 * - with `orderTopicConf` (`broker-a:4;broker-b:4`), exactly those brokers and queue counts,
 *   in that order (an ordered topic);
 * - otherwise, queue datas sorted by broker name; for each writable one whose broker has a
 *   master (id 0), queues 0..writeQueueNums-1.
 *
 * `selectOneMessageQueue(lastBrokerName)` goes round robin and, after a failure on
 * `lastBrokerName`, prefers a queue of another broker.
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { QueueData, TopicRouteData } from '../../protocol/bodies/topic-route-data.js';
import { isWriteable } from '../../protocol/perm-name.js';
import { QueueIndex } from './queue-index.js';

const MASTER_ID = 0;

export class TopicPublishInfo {
  readonly orderTopic: boolean;
  readonly messageQueues: readonly MessageQueue[];
  /** The route the queues came from (null when none was found). */
  readonly route: TopicRouteData | null;
  readonly sendWhichQueue: QueueIndex;

  constructor(messageQueues: readonly MessageQueue[], route: TopicRouteData | null, orderTopic: boolean, index: QueueIndex = new QueueIndex()) {
    this.messageQueues = messageQueues;
    this.route = route;
    this.orderTopic = orderTopic;
    this.sendWhichQueue = index;
  }

  static fromRoute(topic: string, route: TopicRouteData, index?: QueueIndex): TopicPublishInfo {
    if (route.orderTopicConf !== undefined && route.orderTopicConf.length > 0) {
      return new TopicPublishInfo(orderedQueues(topic, route.orderTopicConf), route, true, index);
    }
    return new TopicPublishInfo(writableQueues(topic, route), route, false, index);
  }

  /** Whether there is at least one queue to send to. */
  ok(): boolean {
    return this.messageQueues.length > 0;
  }

  selectOneMessageQueue(lastBrokerName?: string): MessageQueue {
    if (lastBrokerName !== undefined) {
      for (let i = 0; i < this.messageQueues.length; i++) {
        const queue = this.queueAt(this.sendWhichQueue.next());
        if (queue.brokerName !== lastBrokerName) return queue;
      }
    }
    return this.queueAt(this.sendWhichQueue.next());
  }

  queueAt(index: number): MessageQueue {
    return this.messageQueues[index % this.messageQueues.length] as MessageQueue;
  }

  /** Write queue count of `brokerName` for this topic, or -1 when it has no writable queues. */
  writeQueueNumsOf(brokerName: string): number {
    const data = this.route?.queueDatas.find((queue) => isWriteable(queue.perm) && queue.brokerName === brokerName);
    return data ? data.writeQueueNums : -1;
  }
}

function orderedQueues(topic: string, orderTopicConf: string): MessageQueue[] {
  const queues: MessageQueue[] = [];
  for (const entry of orderTopicConf.split(';')) {
    const [brokerName, count] = entry.split(':');
    const queueCount = Number(count);
    if (!brokerName || !Number.isInteger(queueCount)) continue;
    for (let queueId = 0; queueId < queueCount; queueId++) queues.push({ topic, brokerName, queueId });
  }
  return queues;
}

function writableQueues(topic: string, route: TopicRouteData): MessageQueue[] {
  const queues: MessageQueue[] = [];
  const sorted = [...route.queueDatas].sort(compareQueueData);
  for (const data of sorted) {
    if (!isWriteable(data.perm)) continue;
    const broker = route.brokerDatas.find((candidate) => candidate.brokerName === data.brokerName);
    if (!broker?.brokerAddrs.has(MASTER_ID)) continue;
    for (let queueId = 0; queueId < data.writeQueueNums; queueId++) queues.push({ topic, brokerName: data.brokerName, queueId });
  }
  return queues;
}

function compareQueueData(a: QueueData, b: QueueData): number {
  return a.brokerName < b.brokerName ? -1 : a.brokerName > b.brokerName ? 1 : 0;
}
