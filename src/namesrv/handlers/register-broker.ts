/**
 * REGISTER_BROKER (103): a broker announces itself and its topic table, at start, every
 * 30 s (the heartbeat) and after topic changes.
 *
 * - `bodyCrc32` (when not 0) must equal CRC-32 & 0x7FFFFFFF of the body, else code 1
 *   `crc32 not match`.
 * - Body: RegisterBrokerBody, JSON or (header `compressed=true`) the zlib form; brokers
 *   older than V3_0_11 (version < 37) send a bare TopicConfigSerializeWrapper and no
 *   filter-server list. No body counts as an empty table with DataVersion 0/0.
 * - Answer: RegisterBrokerResponseHeader (`masterAddr` / `haServerAddr` for a slave whose
 *   master is registered), body = KVTable of namespace ORDER_TOPIC_CONFIG when it exists.
 */
import { messageBodyCrc } from '../../common/crc32.js';
import { encodeKVTable } from '../../protocol/bodies/kv-table.js';
import { decodeRegisterBrokerBody, type RegisterBrokerBody } from '../../protocol/bodies/register-broker-body.js';
import { decodeTopicConfigSerializeWrapper } from '../../protocol/bodies/topic-config-serialize-wrapper.js';
import { RegisterBrokerRequestHeader } from '../../protocol/headers/register-broker-request-header.js';
import { RegisterBrokerResponseHeader } from '../../protocol/headers/register-broker-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command.js';
import { NAMESPACE_ORDER_TOPIC_CONFIG } from '../kv-config-manager.js';
import type { NamesrvHandler } from '../namesrv-context.js';

/** MQVersion ordinal of V3_0_11, the first broker version that sends a RegisterBrokerBody. */
const V3_0_11 = 37;

type DecodedBody = Omit<RegisterBrokerBody, 'filterServerList'> & { filterServerList: string[] | null };

export const registerBroker: NamesrvHandler = (context, request, connection) => {
  const header = RegisterBrokerRequestHeader.decode(request.extFields);
  const expectedCrc = header.bodyCrc32 ?? 0;
  if (expectedCrc !== 0 && messageBodyCrc(request.body ?? Buffer.alloc(0)) !== expectedCrc) {
    context.logger.warn({ broker: header.brokerAddr, from: connection.remoteAddress }, 'REGISTER_BROKER refused: crc32 not match');
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'crc32 not match' });
  }
  const body = decodeBody(request, header.compressed ?? false);
  const known = context.routes.brokerLiveInfo(header.brokerAddr) !== undefined;
  const result = context.routes.registerBroker({
    clusterName: header.clusterName,
    brokerAddr: header.brokerAddr,
    brokerName: header.brokerName,
    brokerId: header.brokerId,
    haServerAddr: header.haServerAddr,
    topicConfigWrapper: body.topicConfigSerializeWrapper,
    filterServerList: body.filterServerList,
    connectionId: connection.id,
  });
  if (!known) {
    context.logger.info({ broker: header.brokerAddr, name: header.brokerName, id: header.brokerId }, 'new broker registered');
  }
  const orderTopics = context.kv.namespace(NAMESPACE_ORDER_TOPIC_CONFIG);
  return createResponse(request, ResponseCode.SUCCESS, {
    extFields: RegisterBrokerResponseHeader.encode(result),
    body: orderTopics ? encodeKVTable(orderTopics) : null,
  });
};

function decodeBody(request: RemotingCommand, compressed: boolean): DecodedBody {
  const oldBroker = request.version < V3_0_11;
  const body = request.body;
  if (!body || body.length === 0) {
    return {
      topicConfigSerializeWrapper: { dataVersion: { counter: 0, timestamp: 0 }, topicConfigTable: new Map() },
      filterServerList: oldBroker ? null : [],
    };
  }
  if (oldBroker) return { topicConfigSerializeWrapper: decodeTopicConfigSerializeWrapper(body), filterServerList: null };
  return decodeRegisterBrokerBody(body, compressed);
}
