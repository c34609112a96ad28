/** GET_BROKER_CLUSTER_INFO (106): every broker name with its addresses, and the brokers of each cluster. */
import { encodeClusterInfo } from '../../protocol/bodies/cluster-info.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const getBrokerClusterInfo: NamesrvHandler = (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, { body: encodeClusterInfo(context.routes.getAllClusterInfo()) });
