/**
 * MQAdmin: the calls mqadmin makes (Java `DefaultMQAdminExt`), against the name servers
 * and brokers:
 *
 *   const admin = new MQAdmin({ namesrvAddr: '127.0.0.1:9876' });
 *   await admin.start();
 *   await admin.createTopic('DefaultCluster', { topic: 'T', readQueueNums: 4, writeQueueNums: 4 });
 *   await admin.fetchAllTopicList();  await admin.examineTopicRouteInfo('T');
 *   await admin.examineTopicStats('T');  await admin.clusterList();
 *   await admin.queryMessage('T', 'key', 32, 0, Date.now());  await admin.viewMessage('T', msgId);
 *   await admin.examineConsumerConnectionInfo('CG');  await admin.getConsumerRunningInfo('CG', clientId);
 *   await admin.shutdown();
 *
 * Cluster-wide operations (create/delete topic) go to the master of every broker of the
 * cluster, as mqadmin's `-c` does; topic deletion also removes the routes from every name
 * server.
 */
import type { ClusterInfo } from '../../protocol/bodies/cluster-info.js';
import type { ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result.js';
import type { ConsumeStats } from '../../protocol/bodies/consume-stats.js';
import type { ConsumerConnection } from '../../protocol/bodies/consumer-connection.js';
import type { ConsumerRunningInfo } from '../../protocol/bodies/consumer-running-info.js';
import type { MessageQueue, MessageQueueKey } from '../../protocol/bodies/message-queue.js';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data.js';
import type { TopicOffset, TopicStatsTable } from '../../protocol/bodies/topic-stats-table.js';
import { parseOffsetMessageId } from '../../protocol/message/message-id.js';
import { formatSocketAddress } from '../../protocol/message/socket-address.js';
import { ResponseCode } from '../../protocol/response-code.js';
import * as adminApi from '../api/admin-api.js';
import { deleteTopicInNameServers, getAllTopicList, getBrokerClusterInfo, getTopicsByCluster, putKVConfig } from '../api/name-server-api.js';
import type { ClientConfig } from '../client-config.js';
import { ClientInstance } from '../client-instance.js';
import { MQClientError } from '../errors.js';
import type { MessageExt } from '../message/message-ext.js';
import { MASTER_ID } from '../route/broker-address-table.js';
import { QueueAdmin, anyAddressOf, type QueryResult } from '../queue-admin.js';
import { RETRY_GROUP_TOPIC_PREFIX, checkTopic } from '../validators.js';
import { createTopicHeader, type TopicSettings } from './topic-settings.js';

export interface MQAdminOptions extends ClientConfig {
  clientInstance?: ClientInstance;
}

export interface ClusterListEntry {
  clusterName: string;
  brokerName: string;
  brokerId: number;
  address: string;
  /** GET_BROKER_RUNTIME_INFO's table, or the error that came instead. */
  runtimeInfo: Map<string, string> | Error;
}

/** Name-server KV namespace of ordered topics' queue layout. */
export const ORDER_TOPIC_CONFIG_NAMESPACE = 'ORDER_TOPIC_CONFIG';

export class MQAdmin {
  readonly instance: ClientInstance;
  readonly queues: QueueAdmin;
  private readonly ownsInstance: boolean;

  constructor(options: MQAdminOptions = {}) {
    this.ownsInstance = options.clientInstance === undefined;
    this.instance = options.clientInstance ?? new ClientInstance(options);
    this.queues = new QueueAdmin(this.instance);
  }

  async start(): Promise<void> {
    if (this.ownsInstance) this.instance.start();
  }

  async shutdown(): Promise<void> {
    if (this.ownsInstance) await this.instance.shutdown();
  }

  private get timeoutMs(): number {
    return this.instance.config.mqClientApiTimeout;
  }

  // ------------------------------------------------------------------------------- topics

  /** Creates or updates a topic on every master of the cluster; returns their addresses. */
  async createTopic(clusterName: string, settings: TopicSettings): Promise<string[]> {
    checkTopic(settings.topic);
    const masters = await this.masterAddressesOfCluster(clusterName);
    const header = createTopicHeader(settings);
    await Promise.all(masters.map(({ address }) => adminApi.createTopic(this.instance.remoting, address, header, this.timeoutMs)));
    if (header.order) {
      const orderConf = masters.map(({ brokerName }) => `${brokerName}:${header.writeQueueNums}`).join(';');
      await putKVConfig(this.instance.nameServers, ORDER_TOPIC_CONFIG_NAMESPACE, header.topic, orderConf, this.timeoutMs);
    }
    return masters.map(({ address }) => address);
  }

  /** Creates or updates a topic on one broker. */
  async createTopicOnBroker(brokerAddr: string, settings: TopicSettings): Promise<void> {
    checkTopic(settings.topic);
    await adminApi.createTopic(this.instance.remoting, brokerAddr, createTopicHeader(settings), this.timeoutMs);
  }

  /** Deletes a topic from every master of the cluster, then from every name server. */
  async deleteTopic(topic: string, clusterName: string): Promise<void> {
    const masters = await this.masterAddressesOfCluster(clusterName);
    await Promise.all(masters.map(({ address }) => adminApi.deleteTopicInBroker(this.instance.remoting, address, topic, this.timeoutMs)));
    await deleteTopicInNameServers(this.instance.nameServers, topic, clusterName, this.timeoutMs);
  }

  fetchAllTopicList(): Promise<string[]> {
    return getAllTopicList(this.instance.nameServers, this.timeoutMs);
  }

  fetchTopicsByCluster(clusterName: string): Promise<string[]> {
    return getTopicsByCluster(this.instance.nameServers, clusterName, this.timeoutMs);
  }

  examineTopicRouteInfo(topic: string): Promise<TopicRouteData> {
    return this.queues.topicRoute(topic);
  }

  /** Min/max offsets and last update time of every queue of the topic, from each master. */
  async examineTopicStats(topic: string): Promise<TopicStatsTable> {
    const route = await this.queues.topicRoute(topic);
    const offsetTable = new Map<MessageQueueKey, TopicOffset>();
    for (const table of await Promise.all(this.mastersOfRoute(route).map((address) => adminApi.getTopicStatsInfo(this.instance.remoting, address, topic, this.timeoutMs)))) {
      for (const [key, offset] of table.offsetTable) offsetTable.set(key, offset);
    }
    return { offsetTable };
  }

  // ------------------------------------------------------------------------------ brokers

  examineBrokerClusterInfo(): Promise<ClusterInfo> {
    return getBrokerClusterInfo(this.instance.nameServers, this.timeoutMs);
  }

  /** Every broker of every cluster with its runtime info (mqadmin clusterList). */
  async clusterList(): Promise<ClusterListEntry[]> {
    const info = await this.examineBrokerClusterInfo();
    const entries: Promise<ClusterListEntry>[] = [];
    for (const [clusterName, brokerNames] of [...info.clusterAddrTable].sort(([a], [b]) => a.localeCompare(b))) {
      for (const brokerName of [...brokerNames].sort()) {
        const broker = info.brokerAddrTable.get(brokerName);
        for (const [brokerId, address] of [...(broker?.brokerAddrs ?? [])].sort((a, b) => a[0] - b[0])) {
          entries.push(
            this.fetchBrokerRuntimeStats(address).then(
              (runtimeInfo) => ({ clusterName, brokerName, brokerId, address, runtimeInfo }),
              (error: unknown) => ({ clusterName, brokerName, brokerId, address, runtimeInfo: error instanceof Error ? error : new Error(String(error)) }),
            ),
          );
        }
      }
    }
    return Promise.all(entries);
  }

  fetchBrokerRuntimeStats(brokerAddr: string): Promise<Map<string, string>> {
    return adminApi.getBrokerRuntimeInfo(this.instance.remoting, brokerAddr, this.timeoutMs);
  }

  getBrokerConfig(brokerAddr: string): Promise<Map<string, string>> {
    return adminApi.getBrokerConfig(this.instance.remoting, brokerAddr, this.timeoutMs);
  }

  // ----------------------------------------------------------------------------- messages

  queryMessage(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<QueryResult> {
    return this.queues.queryMessage(topic, key, maxNum, begin, end);
  }

  queryMessageByUniqKey(topic: string, uniqKey: string): Promise<MessageExt> {
    return this.queues.queryMessageByUniqKey(topic, uniqKey);
  }

  /** A message by offset message id (from the broker it names) or, failing that, by unique key (Java's order). */
  async viewMessage(topic: string, msgId: string): Promise<MessageExt> {
    if (isOffsetMessageId(msgId)) {
      try {
        return await this.queues.viewMessage(msgId);
      } catch (error) {
        this.instance.config.logger.debug({ msgId, err: (error as Error).message }, 'not viewable as an offset id; querying it as a unique key');
      }
    }
    return this.queues.queryMessageByUniqKey(topic, msgId);
  }

  viewMessageByOffsetId(offsetMsgId: string): Promise<MessageExt> {
    return this.queues.viewMessage(offsetMsgId);
  }

  maxOffset(mq: MessageQueue): Promise<number> {
    return this.queues.maxOffset(mq);
  }

  minOffset(mq: MessageQueue): Promise<number> {
    return this.queues.minOffset(mq);
  }

  searchOffset(mq: MessageQueue, timestamp: number): Promise<number> {
    return this.queues.searchOffset(mq, timestamp);
  }

  // ---------------------------------------------------------------------------- consumers

  /** Consume progress of a group on every broker holding its retry topic (GET_CONSUME_STATS). */
  async examineConsumeStats(consumerGroup: string, topic?: string): Promise<ConsumeStats> {
    const route = await this.queues.topicRoute(`${RETRY_GROUP_TOPIC_PREFIX}${consumerGroup}`);
    const stats: ConsumeStats = { offsetTable: new Map(), consumeTps: 0 };
    for (const address of this.mastersOfRoute(route)) {
      const part = await adminApi.getConsumeStats(this.instance.remoting, address, consumerGroup, topic, this.timeoutMs * 3);
      for (const [key, wrapper] of part.offsetTable) stats.offsetTable.set(key, wrapper);
      stats.consumeTps += part.consumeTps;
    }
    return stats;
  }

  /** Resets a group's offsets of a topic to the given time on every broker of the topic. */
  async resetOffsetByTimestamp(topic: string, group: string, timestamp: number, isForce: boolean): Promise<Map<MessageQueueKey, number>> {
    const route = await this.queues.topicRoute(topic);
    const offsets = new Map<MessageQueueKey, number>();
    for (const address of this.mastersOfRoute(route)) {
      const body = await adminApi.invokeBrokerToResetOffset(this.instance.remoting, address, { topic, group, timestamp, isForce }, this.timeoutMs);
      for (const [key, offset] of body.offsetTable) offsets.set(key, offset);
    }
    return offsets;
  }

  /** The live members of a group, from a broker of its retry topic (GET_CONSUMER_CONNECTION_LIST). */
  async examineConsumerConnectionInfo(consumerGroup: string): Promise<ConsumerConnection> {
    const address = this.anyBrokerOf(await this.queues.topicRoute(`${RETRY_GROUP_TOPIC_PREFIX}${consumerGroup}`));
    return adminApi.getConsumerConnectionList(this.instance.remoting, address, consumerGroup, this.timeoutMs);
  }

  /** A member's running info (process queues, subscriptions, rates), relayed by a broker of the group. */
  async getConsumerRunningInfo(consumerGroup: string, clientId: string, jstack = false): Promise<ConsumerRunningInfo> {
    const address = this.anyBrokerOf(await this.queues.topicRoute(`${RETRY_GROUP_TOPIC_PREFIX}${consumerGroup}`));
    return adminApi.getConsumerRunningInfo(this.instance.remoting, address, { consumerGroup, clientId, jstackEnable: jstack }, this.timeoutMs * 4);
  }

  /**
   * Has a member consume one message now (mqadmin consumeMessage): the message is looked
   * up by id, and the broker storing it hands it to the member.
   */
  async consumeMessageDirectly(consumerGroup: string, clientId: string, topic: string, msgId: string): Promise<ConsumeMessageDirectlyResult> {
    const message = await this.viewMessage(topic, msgId);
    const address = formatSocketAddress(message.storeHost);
    return adminApi.consumeMessageDirectly(this.instance.remoting, address, { consumerGroup, clientId, msgId: message.offsetMsgId }, this.timeoutMs * 4);
  }

  // ------------------------------------------------------------------------------ helpers

  private anyBrokerOf(route: TopicRouteData): string {
    const broker = route.brokerDatas[0];
    if (broker === undefined) throw new MQClientError('CLIENT_BROKER_NOT_FOUND', `the route of ${route.brokerDatas.length} brokers names none`);
    return anyAddressOf(broker);
  }

  private async masterAddressesOfCluster(clusterName: string): Promise<{ brokerName: string; address: string }[]> {
    const info = await this.examineBrokerClusterInfo();
    const brokerNames = info.clusterAddrTable.get(clusterName);
    if (brokerNames === undefined) {
      throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `cluster ${clusterName} is unknown to the name servers; make sure the cluster name exists`, {
        responseCode: ResponseCode.SYSTEM_ERROR,
      });
    }
    const masters: { brokerName: string; address: string }[] = [];
    for (const brokerName of brokerNames) {
      const address = info.brokerAddrTable.get(brokerName)?.brokerAddrs.get(MASTER_ID);
      if (address !== undefined) masters.push({ brokerName, address });
    }
    return masters;
  }

  private mastersOfRoute(route: TopicRouteData): string[] {
    return route.brokerDatas.flatMap((broker) => {
      const address = broker.brokerAddrs.get(MASTER_ID);
      return address === undefined ? [] : [address];
    });
  }
}

function isOffsetMessageId(msgId: string): boolean {
  try {
    parseOffsetMessageId(msgId);
    return true;
  } catch {
    return false;
  }
}
