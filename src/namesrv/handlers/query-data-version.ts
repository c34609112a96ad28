/**
 * QUERY_DATA_VERSION (322): a broker with forceRegister=false asks whether the name
 * server's copy of its topic table is current. When it is, the question counts as a
 * heartbeat. Answer: header `changed`, body = the name server's DataVersion of that
 * broker (none when it does not know the broker).
 */
import { RocketMQError } from '../../common/errors.js';
import { decodeDataVersion, encodeDataVersion } from '../../protocol/bodies/data-version.js';
import { QueryDataVersionRequestHeader } from '../../protocol/headers/query-data-version-request-header.js';
import { QueryDataVersionResponseHeader } from '../../protocol/headers/query-data-version-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const queryDataVersion: NamesrvHandler = (context, request) => {
  const header = QueryDataVersionRequestHeader.decode(request.extFields);
  if (!request.body || request.body.length === 0) {
    throw new RocketMQError('BODY_MALFORMED', "QUERY_DATA_VERSION: the body (the broker's DataVersion) is missing");
  }
  const dataVersion = decodeDataVersion(request.body);
  const changed = context.routes.isBrokerTopicConfigChanged(header.brokerAddr, dataVersion);
  if (!changed) context.routes.updateBrokerInfoUpdateTimestamp(header.brokerAddr);
  const known = context.routes.queryBrokerDataVersion(header.brokerAddr);
  return createResponse(request, ResponseCode.SUCCESS, {
    extFields: QueryDataVersionResponseHeader.encode({ changed }),
    body: known ? encodeDataVersion(known) : null,
  });
};
