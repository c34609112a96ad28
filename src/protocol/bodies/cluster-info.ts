/**
 * ClusterInfo: the answer of GET_BROKER_CLUSTER_INFO (106).
 *
 * JSON: {"brokerAddrTable":{"broker-a":{BrokerData}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}
 * The 4.9.8 name server writes brokerAddrs with bare numeric keys (`{0:"…"}`) even for new
 * clients; it is read leniently and written in the standard form.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody, same } from './body-json.js';
import { brokerDataJson, readBrokerData, type BrokerData } from './topic-route-data.js';

export interface ClusterInfo {
  /** brokerName → BrokerData */
  brokerAddrTable: Map<string, BrokerData>;
  /** clusterName → brokerNames */
  clusterAddrTable: Map<string, string[]>;
}

export function readClusterInfo(reader: BodyReader): ClusterInfo {
  return {
    brokerAddrTable: reader.field('brokerAddrTable').stringMap((value) => value.object(readBrokerData)),
    clusterAddrTable: reader.field('clusterAddrTable').stringMap((value) => value.list((item) => item.string())),
  };
}

export function clusterInfoJson(info: ClusterInfo): Record<string, unknown> {
  return {
    brokerAddrTable: mapObject(info.brokerAddrTable, brokerDataJson),
    clusterAddrTable: mapObject(info.clusterAddrTable, same),
  };
}

export function decodeClusterInfo(input: Uint8Array | string): ClusterInfo {
  return readBody('ClusterInfo', input, readClusterInfo);
}

export function encodeClusterInfo(info: ClusterInfo): Buffer {
  return jsonBytes(clusterInfoJson(info));
}
