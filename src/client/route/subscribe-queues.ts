/**
 * The queues a consumer may read of a topic: for each readable queue data of the route,
 * queues 0..readQueueNums-1 (Java `topicRouteData2TopicSubscribeInfo`), sorted by broker
 * name and queue id so that every client sees the same order.
 */
import { compareMessageQueues, type MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data.js';
import { isReadable } from '../../protocol/perm-name.js';

export function subscribeQueuesOfRoute(topic: string, route: TopicRouteData): MessageQueue[] {
  const queues: MessageQueue[] = [];
  for (const data of route.queueDatas) {
    if (!isReadable(data.perm)) continue;
    for (let queueId = 0; queueId < data.readQueueNums; queueId++) queues.push({ topic, brokerName: data.brokerName, queueId });
  }
  return queues.sort(compareMessageQueues);
}
