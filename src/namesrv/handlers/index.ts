/** The name server's handler table: request code → handler, one file per code. */
import { RequestCode } from '../../protocol/request-code.js';
import type { NamesrvHandler } from '../namesrv-context.js';
import { addWritePermOfBroker } from './add-write-perm-of-broker.js';
import { deleteKvConfig } from './delete-kv-config.js';
import { deleteTopicInNamesrv } from './delete-topic-in-namesrv.js';
import { getAllTopicListFromNameserver } from './get-all-topic-list-from-nameserver.js';
import { getBrokerClusterInfo } from './get-broker-cluster-info.js';
import { getHasUnitSubTopicList } from './get-has-unit-sub-topic-list.js';
import { getHasUnitSubUnUnitTopicList } from './get-has-unit-sub-ununit-topic-list.js';
import { getKvConfig } from './get-kv-config.js';
import { getKvListByNamespace } from './get-kvlist-by-namespace.js';
import { getNamesrvConfig } from './get-namesrv-config.js';
import { getRouteInfoByTopic } from './get-routeinfo-by-topic.js';
import { getSystemTopicListFromNs } from './get-system-topic-list-from-ns.js';
import { getTopicsByCluster } from './get-topics-by-cluster.js';
import { getUnitTopicList } from './get-unit-topic-list.js';
import { putKvConfig } from './put-kv-config.js';
import { queryDataVersion } from './query-data-version.js';
import { registerBroker } from './register-broker.js';
import { unregisterBroker } from './unregister-broker.js';
import { updateNamesrvConfig } from './update-namesrv-config.js';
import { wipeWritePermOfBroker } from './wipe-write-perm-of-broker.js';

export const namesrvHandlers: ReadonlyMap<number, NamesrvHandler> = new Map<number, NamesrvHandler>([
  [RequestCode.PUT_KV_CONFIG, putKvConfig],
  [RequestCode.GET_KV_CONFIG, getKvConfig],
  [RequestCode.DELETE_KV_CONFIG, deleteKvConfig],
  [RequestCode.QUERY_DATA_VERSION, queryDataVersion],
  [RequestCode.REGISTER_BROKER, registerBroker],
  [RequestCode.UNREGISTER_BROKER, unregisterBroker],
  [RequestCode.GET_ROUTEINFO_BY_TOPIC, getRouteInfoByTopic],
  [RequestCode.GET_BROKER_CLUSTER_INFO, getBrokerClusterInfo],
  [RequestCode.WIPE_WRITE_PERM_OF_BROKER, wipeWritePermOfBroker],
  [RequestCode.ADD_WRITE_PERM_OF_BROKER, addWritePermOfBroker],
  [RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, getAllTopicListFromNameserver],
  [RequestCode.DELETE_TOPIC_IN_NAMESRV, deleteTopicInNamesrv],
  [RequestCode.GET_KVLIST_BY_NAMESPACE, getKvListByNamespace],
  [RequestCode.GET_TOPICS_BY_CLUSTER, getTopicsByCluster],
  [RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, getSystemTopicListFromNs],
  [RequestCode.GET_UNIT_TOPIC_LIST, getUnitTopicList],
  [RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, getHasUnitSubTopicList],
  [RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST, getHasUnitSubUnUnitTopicList],
  [RequestCode.UPDATE_NAMESRV_CONFIG, updateNamesrvConfig],
  [RequestCode.GET_NAMESRV_CONFIG, getNamesrvConfig],
]);
