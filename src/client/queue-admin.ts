/**
 * QueueAdmin: the look-ups producers, consumers and admins share (Java `MQAdminImpl`):
 * the queues of a topic, a queue's min/max/searched offsets and earliest store time,
 * a message by offset id, and messages by key or unique key from every broker of a topic.
 *
 * Queue calls go to the master of the queue's broker, refreshing the topic's route once
 * when the broker's address is unknown. Queries ask every broker of the topic at once
 * (the master, else any replica) with three times the API timeout, and filter the hits
 * (admin/query-filter.ts).
 */
import type { MessageQueue } from '../protocol/bodies/message-queue.js';
import type { BrokerData, TopicRouteData } from '../protocol/bodies/topic-route-data.js';
import { parseOffsetMessageId } from '../protocol/message/message-id.js';
import { formatSocketAddress } from '../protocol/message/socket-address.js';
import { nearlyTimeOfUniqueKey } from '../protocol/message/unique-key.js';
import { ResponseCode } from '../protocol/response-code.js';
import { getEarliestMsgStoretime, getMaxOffset, getMinOffset, searchOffset } from './api/offset-api.js';
import { getTopicRouteInfo } from './api/name-server-api.js';
import { queryMessage, viewMessage } from './api/query-api.js';
import { filterQueryHits } from './admin/query-filter.js';
import type { ClientInstance } from './client-instance.js';
import { ClientErrorCode, MQClientError } from './errors.js';
import { messageExtOfRecord, type MessageExt } from './message/message-ext.js';
import { MASTER_ID } from './route/broker-address-table.js';
import { subscribeQueuesOfRoute } from './route/subscribe-queues.js';
import { TopicPublishInfo } from './route/topic-publish-info.js';

/** Java Long.MAX_VALUE as the end of an open time range (written back as 9223372036854775807). */
export const LONG_MAX_VALUE = 2 ** 63;
/** Most hits a unique-key query asks for (the broker's default). */
export const UNIQUE_KEY_QUERY_MAX_NUM = 32;

export interface QueryResult {
  indexLastUpdateTimestamp: number;
  messageList: MessageExt[];
}

export class QueueAdmin {
  constructor(private readonly instance: ClientInstance) {}

  private get timeoutMs(): number {
    return this.instance.config.mqClientApiTimeout;
  }

  /** The topic's route from the name servers; CLIENT_TOPIC_ROUTE_NOT_FOUND when there is none. */
  async topicRoute(topic: string): Promise<TopicRouteData> {
    const route = await getTopicRouteInfo(this.instance.nameServers, topic, this.timeoutMs);
    if (route === null) {
      throw new MQClientError('CLIENT_TOPIC_ROUTE_NOT_FOUND', `no route info of topic ${topic} on the name servers`, {
        responseCode: ResponseCode.TOPIC_NOT_EXIST,
      });
    }
    this.instance.brokerAddresses.update(route.brokerDatas);
    return route;
  }

  async fetchSubscribeMessageQueues(topic: string): Promise<MessageQueue[]> {
    const queues = subscribeQueuesOfRoute(topic, await this.topicRoute(topic));
    if (queues.length === 0) throw new MQClientError('CLIENT_TOPIC_ROUTE_NOT_FOUND', `can not find a message queue of topic ${topic}`);
    return queues;
  }

  async fetchPublishMessageQueues(topic: string): Promise<MessageQueue[]> {
    const queues = TopicPublishInfo.fromRoute(topic, await this.topicRoute(topic)).messageQueues;
    if (queues.length === 0) throw new MQClientError('CLIENT_TOPIC_ROUTE_NOT_FOUND', `can not find a message queue of topic ${topic}`);
    return [...queues];
  }

  async maxOffset(mq: MessageQueue): Promise<number> {
    return getMaxOffset(this.instance.remoting, await this.masterOf(mq), mq, this.timeoutMs);
  }

  async minOffset(mq: MessageQueue): Promise<number> {
    return getMinOffset(this.instance.remoting, await this.masterOf(mq), mq, this.timeoutMs);
  }

  async searchOffset(mq: MessageQueue, timestamp: number): Promise<number> {
    return searchOffset(this.instance.remoting, await this.masterOf(mq), mq, timestamp, this.timeoutMs);
  }

  async earliestMsgStoreTime(mq: MessageQueue): Promise<number> {
    return getEarliestMsgStoretime(this.instance.remoting, await this.masterOf(mq), mq, this.timeoutMs);
  }

  /** The master address of the queue's broker, refreshing the topic's route once if unknown. */
  async masterOf(mq: MessageQueue): Promise<string> {
    let address = this.instance.findBrokerAddressInPublish(mq.brokerName);
    if (address === undefined) {
      await this.instance.updateTopicRoute(mq.topic);
      address = this.instance.findBrokerAddressInPublish(mq.brokerName);
    }
    if (address === undefined) {
      throw new MQClientError('CLIENT_BROKER_NOT_FOUND', `the broker [${mq.brokerName}] does not exist`, { responseCode: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION });
    }
    return address;
  }

  /** The message an offset message id names, from the broker the id names. */
  async viewMessage(offsetMsgId: string): Promise<MessageExt> {
    const { storeHost, commitLogOffset } = parseOffsetMessageId(offsetMsgId);
    return messageExtOfRecord(await viewMessage(this.instance.remoting, formatSocketAddress(storeHost), commitLogOffset, this.timeoutMs));
  }

  async queryMessage(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<QueryResult> {
    return this.query(topic, key, maxNum, begin, end, false);
  }

  /** The earliest stored message with this UNIQ_KEY; CLIENT_NO_MESSAGE when there is none. */
  async queryMessageByUniqKey(topic: string, uniqKey: string, now: number = Date.now()): Promise<MessageExt> {
    const begin = nearlyTimeOfUniqueKey(uniqKey, now) - 1000;
    const { messageList } = await this.query(topic, uniqKey, UNIQUE_KEY_QUERY_MAX_NUM, begin, LONG_MAX_VALUE, true);
    const [message] = messageList;
    if (!message) throw new MQClientError('CLIENT_NO_MESSAGE', `query message by unique key ${uniqKey} finished, but no message`, { responseCode: ResponseCode.NO_MESSAGE });
    return message;
  }

  private async query(topic: string, key: string, maxNum: number, begin: number, end: number, uniqueKeyQuery: boolean): Promise<QueryResult> {
    const route = await this.topicRoute(topic);
    const request = { topic, key, maxNum, beginTimestamp: begin, endTimestamp: end, uniqueKeyQuery };
    const answers = await Promise.all(
      route.brokerDatas.map((broker) => queryMessage(this.instance.remoting, anyAddressOf(broker), request, this.timeoutMs * 3)),
    );
    let indexLastUpdateTimestamp = 0;
    const hits: MessageExt[] = [];
    for (const answer of answers) {
      indexLastUpdateTimestamp = Math.max(indexLastUpdateTimestamp, answer.indexLastUpdateTimestamp);
      for (const record of answer.records) hits.push(messageExtOfRecord(record));
    }
    return { indexLastUpdateTimestamp, messageList: filterQueryHits(hits, topic, key, uniqueKeyQuery) };
  }
}

/** The master's address, else the first replica's. */
export function anyAddressOf(broker: BrokerData): string {
  const master = broker.brokerAddrs.get(MASTER_ID);
  if (master !== undefined) return master;
  const first = broker.brokerAddrs.values().next();
  if (first.done) throw new MQClientError('CLIENT_BROKER_NOT_FOUND', `broker ${broker.brokerName} has no address`, { responseCode: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION });
  return first.value;
}
