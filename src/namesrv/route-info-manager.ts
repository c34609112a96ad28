/**
 * RouteInfoManager: the name server's registry of brokers and topic routes, kept in the
 * five tables RocketMQ keeps:
 *
 *   topicQueueTable    topic → brokerName → QueueData (queue counts, perm, sysFlag)
 *   brokerAddrTable    brokerName → BrokerData (cluster, brokerId → ip:port)
 *   clusterAddrTable   clusterName → brokerNames
 *   brokerLiveTable    brokerAddr → last registration time, DataVersion, connection, HA address
 *   filterServerTable  brokerAddr → filter-server addresses
 *
 * Pure logic: no sockets and no timers. Time comes from the injected `now`, connections are
 * named by their numeric id; the caller closes the connections of expired brokers.
 *
 * Invariants:
 * - Queue data come only from masters (brokerId 0); a master's queue data are rebuilt when
 *   it registers for the first time or with a DataVersion different from the last one.
 *   Topics a broker no longer lists stay until deleted (as in RocketMQ).
 * - One address appears under one brokerId only: a slave promoted to master loses its
 *   old id entry.
 * - When a broker name loses its last address, its name leaves its cluster (the cluster
 *   disappears when empty) and its queue data leave every topic (a topic left with none
 *   disappears).
 * - `version` grows whenever anything a read returns may have changed, so callers can cache
 *   encoded answers and drop them when it moves.
 */
import type { ClusterInfo } from '../protocol/bodies/cluster-info.js';
import { sameDataVersion, type DataVersion } from '../protocol/bodies/data-version.js';
import type { TopicConfig } from '../protocol/bodies/topic-config.js';
import type { TopicConfigSerializeWrapper } from '../protocol/bodies/topic-config-serialize-wrapper.js';
import type { TopicList } from '../protocol/bodies/topic-list.js';
import type { BrokerData, QueueData, TopicRouteData } from '../protocol/bodies/topic-route-data.js';
import { PermName } from '../protocol/perm-name.js';
import { hasUnitFlag, hasUnitSubFlag } from './topic-flags.js';

/** brokerId of a master. */
export const MASTER_ID = 0;
/** A broker silent this long is dropped (RocketMQ BROKER_CHANNEL_EXPIRED_TIME). */
export const BROKER_EXPIRY_MS = 120_000;

export interface BrokerLiveInfo {
  lastUpdateTimestamp: number;
  dataVersion: DataVersion;
  /** Id of the connection the broker registered on; null when unknown. */
  connectionId: number | null;
  haServerAddr: string;
}

export interface BrokerRegistration {
  clusterName: string;
  brokerAddr: string;
  brokerName: string;
  brokerId: number;
  haServerAddr: string;
  topicConfigWrapper: TopicConfigSerializeWrapper;
  /** null leaves the broker's filter servers as they are (brokers before V3_0_11). */
  filterServerList: string[] | null;
  connectionId: number | null;
}

/** What a slave learns from registering: its master's address and HA address. */
export interface RegisterBrokerResult {
  masterAddr?: string;
  haServerAddr?: string;
}

export interface ExpiredBroker {
  brokerAddr: string;
  connectionId: number | null;
}

export interface RouteInfoManagerOptions {
  /** Milliseconds since the epoch; Date.now by default. */
  now?: () => number;
  brokerExpiryMs?: number;
}

export class RouteInfoManager {
  private readonly topicQueueTable = new Map<string, Map<string, QueueData>>();
  private readonly brokerAddrTable = new Map<string, BrokerData>();
  private readonly clusterAddrTable = new Map<string, Set<string>>();
  private readonly brokerLiveTable = new Map<string, BrokerLiveInfo>();
  private readonly filterServerTable = new Map<string, string[]>();
  private readonly now: () => number;
  private readonly brokerExpiryMs: number;
  private changes = 0;

  constructor(options: RouteInfoManagerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.brokerExpiryMs = options.brokerExpiryMs ?? BROKER_EXPIRY_MS;
  }

  /** Grows whenever a read may answer differently. */
  get version(): number {
    return this.changes;
  }

  private changed(): void {
    this.changes++;
  }

  // --- registration ----------------------------------------------------------------------

  registerBroker(registration: BrokerRegistration): RegisterBrokerResult {
    const { clusterName, brokerAddr, brokerName, brokerId } = registration;
    const names = this.clusterAddrTable.get(clusterName) ?? new Set<string>();
    if (!names.has(brokerName)) this.changed();
    names.add(brokerName);
    this.clusterAddrTable.set(clusterName, names);

    let brokerData = this.brokerAddrTable.get(brokerName);
    let registerFirst = false;
    if (!brokerData) {
      registerFirst = true;
      brokerData = { cluster: clusterName, brokerName, brokerAddrs: new Map() };
      this.brokerAddrTable.set(brokerName, brokerData);
    }
    const oldAddr = this.putBrokerAddr(brokerData, brokerId, brokerAddr);
    registerFirst ||= oldAddr === undefined;

    const wrapper = registration.topicConfigWrapper;
    if (brokerId === MASTER_ID && (registerFirst || this.isBrokerTopicConfigChanged(brokerAddr, wrapper.dataVersion))) {
      for (const config of wrapper.topicConfigTable.values()) this.createAndUpdateQueueData(brokerName, config);
      this.changed();
    }
    this.brokerLiveTable.set(brokerAddr, {
      lastUpdateTimestamp: this.now(),
      dataVersion: wrapper.dataVersion,
      connectionId: registration.connectionId,
      haServerAddr: registration.haServerAddr,
    });
    if (registration.filterServerList !== null) this.setFilterServers(brokerAddr, registration.filterServerList);
    return brokerId === MASTER_ID ? {} : this.masterOf(brokerData);
  }

  /** Puts `brokerId → brokerAddr`, dropping the address under any other id; returns the previous address. */
  private putBrokerAddr(brokerData: BrokerData, brokerId: number, brokerAddr: string): string | undefined {
    const addrs = brokerData.brokerAddrs;
    for (const [id, addr] of addrs) {
      if (addr === brokerAddr && id !== brokerId) {
        addrs.delete(id);
        this.changed();
      }
    }
    const oldAddr = addrs.get(brokerId);
    if (oldAddr !== brokerAddr) this.changed();
    addrs.set(brokerId, brokerAddr);
    return oldAddr;
  }

  private createAndUpdateQueueData(brokerName: string, config: TopicConfig): void {
    const queueData: QueueData = {
      brokerName,
      readQueueNums: config.readQueueNums,
      writeQueueNums: config.writeQueueNums,
      perm: config.perm,
      topicSysFlag: config.topicSysFlag,
    };
    const byBroker = this.topicQueueTable.get(config.topicName);
    if (byBroker) byBroker.set(brokerName, queueData);
    else this.topicQueueTable.set(config.topicName, new Map([[brokerName, queueData]]));
  }

  private setFilterServers(brokerAddr: string, filterServers: string[]): void {
    const previous = this.filterServerTable.get(brokerAddr);
    if (filterServers.length === 0) {
      if (previous) this.changed();
      this.filterServerTable.delete(brokerAddr);
      return;
    }
    if (!previous || previous.join(',') !== filterServers.join(',')) this.changed();
    this.filterServerTable.set(brokerAddr, [...filterServers]);
  }

  private masterOf(brokerData: BrokerData): RegisterBrokerResult {
    const masterAddr = brokerData.brokerAddrs.get(MASTER_ID);
    const masterLive = masterAddr === undefined ? undefined : this.brokerLiveTable.get(masterAddr);
    if (masterAddr === undefined || !masterLive) return {};
    return { masterAddr, haServerAddr: masterLive.haServerAddr };
  }

  /** True when the name server has no DataVersion for the broker or a different one. */
  isBrokerTopicConfigChanged(brokerAddr: string, dataVersion: DataVersion): boolean {
    const known = this.brokerLiveTable.get(brokerAddr)?.dataVersion;
    return known === undefined || !sameDataVersion(known, dataVersion);
  }

  /** The DataVersion of the broker's last registration. */
  queryBrokerDataVersion(brokerAddr: string): DataVersion | undefined {
    return this.brokerLiveTable.get(brokerAddr)?.dataVersion;
  }

  /** Counts a QUERY_DATA_VERSION that found nothing new as a heartbeat. */
  updateBrokerInfoUpdateTimestamp(brokerAddr: string): void {
    const live = this.brokerLiveTable.get(brokerAddr);
    if (live) live.lastUpdateTimestamp = this.now();
  }

  brokerLiveInfo(brokerAddr: string): Readonly<BrokerLiveInfo> | undefined {
    return this.brokerLiveTable.get(brokerAddr);
  }

  get liveBrokerCount(): number {
    return this.brokerLiveTable.size;
  }

  // --- removal ---------------------------------------------------------------------------

  /** UNREGISTER_BROKER: removes one address of a broker name. */
  unregisterBroker(clusterName: string, brokerAddr: string, brokerName: string, brokerId: number): void {
    this.brokerLiveTable.delete(brokerAddr);
    this.filterServerTable.delete(brokerAddr);
    this.changed();
    const brokerData = this.brokerAddrTable.get(brokerName);
    if (!brokerData) return;
    brokerData.brokerAddrs.delete(brokerId);
    if (brokerData.brokerAddrs.size > 0) return;
    this.brokerAddrTable.delete(brokerName);
    const names = this.clusterAddrTable.get(clusterName);
    if (names) {
      names.delete(brokerName);
      if (names.size === 0) this.clusterAddrTable.delete(clusterName);
    }
    this.removeTopicsOfBrokerName(brokerName);
  }

  /** Removes the brokers not heard from for the expiry time; the caller closes their connections. */
  scanNotActiveBrokers(): ExpiredBroker[] {
    const deadline = this.now() - this.brokerExpiryMs;
    const expired: ExpiredBroker[] = [];
    for (const [brokerAddr, live] of this.brokerLiveTable) {
      if (live.lastUpdateTimestamp < deadline) expired.push({ brokerAddr, connectionId: live.connectionId });
    }
    for (const { brokerAddr } of expired) this.removeBrokerAddr(brokerAddr);
    return expired;
  }

  /**
   * A connection closed: removes the broker that registered on it, or else the broker whose
   * address is `remoteAddr`. Returns the removed broker's address.
   */
  onConnectionClosed(connectionId: number, remoteAddr: string): string | null {
    let brokerAddr: string | null = null;
    for (const [addr, live] of this.brokerLiveTable) {
      if (live.connectionId === connectionId) {
        brokerAddr = addr;
        break;
      }
    }
    brokerAddr ??= remoteAddr;
    return this.removeBrokerAddr(brokerAddr) ? brokerAddr : null;
  }

  /** Forgets one broker address everywhere; returns whether it was known. */
  private removeBrokerAddr(brokerAddr: string): boolean {
    let known = this.brokerLiveTable.delete(brokerAddr);
    known = this.filterServerTable.delete(brokerAddr) || known;
    for (const brokerData of this.brokerAddrTable.values()) {
      const id = idOf(brokerData, brokerAddr);
      if (id === undefined) continue;
      known = true;
      brokerData.brokerAddrs.delete(id);
      if (brokerData.brokerAddrs.size === 0) this.removeBrokerName(brokerData.brokerName);
      break;
    }
    if (known) this.changed();
    return known;
  }

  private removeBrokerName(brokerName: string): void {
    this.brokerAddrTable.delete(brokerName);
    for (const [clusterName, names] of this.clusterAddrTable) {
      if (!names.delete(brokerName)) continue;
      if (names.size === 0) this.clusterAddrTable.delete(clusterName);
      break;
    }
    this.removeTopicsOfBrokerName(brokerName);
  }

  private removeTopicsOfBrokerName(brokerName: string): void {
    for (const [topic, byBroker] of this.topicQueueTable) {
      byBroker.delete(brokerName);
      if (byBroker.size === 0) this.topicQueueTable.delete(topic);
    }
  }

  // --- admin changes ---------------------------------------------------------------------

  /** Clears the write bit of every topic of the broker name; returns how many topics it touched. */
  wipeWritePermOfBroker(brokerName: string): number {
    return this.changePermOfBroker(brokerName, (perm) => perm & ~PermName.WRITE);
  }

  /** Sets read and write permission on every topic of the broker name; returns how many topics it touched. */
  addWritePermOfBroker(brokerName: string): number {
    return this.changePermOfBroker(brokerName, () => PermName.READ | PermName.WRITE);
  }

  private changePermOfBroker(brokerName: string, change: (perm: number) => number): number {
    let count = 0;
    for (const byBroker of this.topicQueueTable.values()) {
      const queueData = byBroker.get(brokerName);
      if (!queueData) continue;
      queueData.perm = change(queueData.perm);
      count++;
    }
    if (count > 0) this.changed();
    return count;
  }

  /** Deletes a topic's routes: everywhere, or only those of the brokers of `clusterName`. */
  deleteTopic(topic: string, clusterName?: string): void {
    this.changed();
    if (clusterName === undefined || clusterName === '') {
      this.topicQueueTable.delete(topic);
      return;
    }
    const names = this.clusterAddrTable.get(clusterName);
    const byBroker = this.topicQueueTable.get(topic);
    if (!names || !byBroker) return;
    for (const brokerName of names) byBroker.delete(brokerName);
    if (byBroker.size === 0) this.topicQueueTable.delete(topic);
  }

  // --- reads -----------------------------------------------------------------------------

  /** The route of a topic, or null when no broker serves it. */
  pickupTopicRouteData(topic: string): TopicRouteData | null {
    const byBroker = this.topicQueueTable.get(topic);
    if (!byBroker || byBroker.size === 0) return null;
    const brokerDatas: BrokerData[] = [];
    const filterServerTable = new Map<string, string[]>();
    for (const brokerName of byBroker.keys()) {
      const brokerData = this.brokerAddrTable.get(brokerName);
      if (!brokerData) continue;
      brokerDatas.push({ cluster: brokerData.cluster, brokerName, brokerAddrs: new Map(brokerData.brokerAddrs) });
      if (this.filterServerTable.size === 0) continue;
      for (const brokerAddr of brokerData.brokerAddrs.values()) {
        const filterServers = this.filterServerTable.get(brokerAddr);
        if (filterServers) filterServerTable.set(brokerAddr, [...filterServers]);
      }
    }
    if (brokerDatas.length === 0) return null;
    const queueDatas = [...byBroker.values()].map((queueData) => ({ ...queueData }));
    return { queueDatas, brokerDatas, filterServerTable };
  }

  getAllClusterInfo(): ClusterInfo {
    const brokerAddrTable = new Map<string, BrokerData>();
    for (const [name, data] of this.brokerAddrTable) {
      brokerAddrTable.set(name, { cluster: data.cluster, brokerName: name, brokerAddrs: new Map(data.brokerAddrs) });
    }
    const clusterAddrTable = new Map<string, string[]>();
    for (const [cluster, names] of this.clusterAddrTable) clusterAddrTable.set(cluster, [...names]);
    return { brokerAddrTable, clusterAddrTable };
  }

  getAllTopicList(): TopicList {
    return { topicList: [...this.topicQueueTable.keys()] };
  }

  /** Topics served by at least one broker of the cluster (none when the cluster is unknown). */
  getTopicsByCluster(clusterName: string): TopicList {
    const topics = new Set<string>();
    for (const brokerName of this.clusterAddrTable.get(clusterName) ?? []) {
      for (const [topic, byBroker] of this.topicQueueTable) {
        if (byBroker.has(brokerName)) topics.add(topic);
      }
    }
    return { topicList: [...topics] };
  }

  /** Cluster and broker names (each is a topic on its brokers), and one broker address. */
  getSystemTopicList(): TopicList {
    const topics = new Set<string>();
    for (const [cluster, names] of this.clusterAddrTable) {
      topics.add(cluster);
      for (const name of names) topics.add(name);
    }
    const list: TopicList = { topicList: [...topics] };
    for (const brokerData of this.brokerAddrTable.values()) {
      const first = brokerData.brokerAddrs.values().next();
      if (first.done !== true) {
        list.brokerAddr = first.value;
        break;
      }
    }
    return list;
  }

  getUnitTopics(): TopicList {
    return this.topicsWhoseFirstQueueData((sysFlag) => hasUnitFlag(sysFlag));
  }

  getHasUnitSubTopicList(): TopicList {
    return this.topicsWhoseFirstQueueData((sysFlag) => hasUnitSubFlag(sysFlag));
  }

  getHasUnitSubUnUnitTopicList(): TopicList {
    return this.topicsWhoseFirstQueueData((sysFlag) => !hasUnitFlag(sysFlag) && hasUnitSubFlag(sysFlag));
  }

  /** RocketMQ looks at one QueueData per topic (the first) to classify it. */
  private topicsWhoseFirstQueueData(test: (sysFlag: number) => boolean): TopicList {
    const topicList: string[] = [];
    for (const [topic, byBroker] of this.topicQueueTable) {
      const first = byBroker.values().next();
      if (first.done !== true && test(first.value.topicSysFlag)) topicList.push(topic);
    }
    return { topicList };
  }
}

function idOf(brokerData: BrokerData, brokerAddr: string): number | undefined {
  for (const [id, addr] of brokerData.brokerAddrs) if (addr === brokerAddr) return id;
  return undefined;
}
