/**
 * TopicRouteData: the answer of GET_ROUTEINFO_BY_TOPIC (105) — which brokers hold a topic
 * and with how many queues.
 *
 * JSON (standard form, fastjson property order):
 *   {"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}],
 *    "filterServerTable":{},
 *    "orderTopicConf":"broker-a:4",                         (only for ordered topics)
 *    "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSynFlag":0,"topicSysFlag":0,"writeQueueNums":4}]}
 *
 * QueueData: one per broker name that has the topic. `topicSysFlag` was spelled
 * `topicSynFlag` before 4.9.0; both are written, either is read (the correct one wins).
 * BrokerData: brokerAddrs maps brokerId (0 = master) to `ip:port`; fastjson's default
 * output writes those keys bare (`{0:"…"}`), read leniently. [5.x] zoneName and
 * enableActingMaster are kept when present.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody, same } from './body-json.js';

export interface QueueData {
  brokerName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicSysFlag: number;
}

export interface BrokerData {
  cluster: string;
  brokerName: string;
  /** brokerId (0 = master) → `ip:port` */
  brokerAddrs: Map<number, string>;
  /** [5.x] */
  zoneName?: string;
  /** [5.x] */
  enableActingMaster?: boolean;
}

export interface TopicRouteData {
  /** `brokerName:queueCount;…` for ordered topics */
  orderTopicConf?: string;
  queueDatas: QueueData[];
  brokerDatas: BrokerData[];
  /** broker address → filter-server addresses */
  filterServerTable: Map<string, string[]>;
}

export function readQueueData(reader: BodyReader): QueueData {
  const sysFlag = reader.field('topicSysFlag');
  return {
    brokerName: reader.field('brokerName').string(),
    readQueueNums: reader.field('readQueueNums').int(),
    writeQueueNums: reader.field('writeQueueNums').int(),
    perm: reader.field('perm').int(),
    topicSysFlag: sysFlag.absent ? reader.field('topicSynFlag').int() : sysFlag.int(),
  };
}

export function queueDataJson(queue: QueueData): Record<string, unknown> {
  return {
    brokerName: queue.brokerName,
    perm: queue.perm,
    readQueueNums: queue.readQueueNums,
    topicSynFlag: queue.topicSysFlag,
    topicSysFlag: queue.topicSysFlag,
    writeQueueNums: queue.writeQueueNums,
  };
}

export function readBrokerData(reader: BodyReader): BrokerData {
  const broker: BrokerData = {
    cluster: reader.field('cluster').string(),
    brokerName: reader.field('brokerName').string(),
    brokerAddrs: reader.field('brokerAddrs').longMap((value) => value.string()),
  };
  const zoneName = reader.field('zoneName').optionalString();
  if (zoneName !== undefined) broker.zoneName = zoneName;
  const enableActingMaster = reader.field('enableActingMaster').optionalBoolean();
  if (enableActingMaster !== undefined) broker.enableActingMaster = enableActingMaster;
  return broker;
}

export function brokerDataJson(broker: BrokerData): Record<string, unknown> {
  return {
    brokerAddrs: mapObject(new Map([...broker.brokerAddrs].sort((a, b) => a[0] - b[0])), same),
    brokerName: broker.brokerName,
    cluster: broker.cluster,
    enableActingMaster: broker.enableActingMaster,
    zoneName: broker.zoneName,
  };
}

export function readTopicRouteData(reader: BodyReader): TopicRouteData {
  const route: TopicRouteData = {
    queueDatas: reader.field('queueDatas').list((item) => item.object(readQueueData)),
    brokerDatas: reader.field('brokerDatas').list((item) => item.object(readBrokerData)),
    filterServerTable: reader.field('filterServerTable').stringMap((value) => value.list((item) => item.string())),
  };
  const orderTopicConf = reader.field('orderTopicConf').optionalString();
  if (orderTopicConf !== undefined) route.orderTopicConf = orderTopicConf;
  return route;
}

export function topicRouteDataJson(route: TopicRouteData): Record<string, unknown> {
  return {
    brokerDatas: route.brokerDatas.map(brokerDataJson),
    filterServerTable: mapObject(route.filterServerTable, same),
    orderTopicConf: route.orderTopicConf,
    queueDatas: route.queueDatas.map(queueDataJson),
  };
}

export function decodeTopicRouteData(input: Uint8Array | string): TopicRouteData {
  return readBody('TopicRouteData', input, readTopicRouteData);
}

export function encodeTopicRouteData(route: TopicRouteData): Buffer {
  return jsonBytes(topicRouteDataJson(route));
}
