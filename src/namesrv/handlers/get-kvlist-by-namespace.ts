/** GET_KVLIST_BY_NAMESPACE (219): a whole namespace as a KVTable body; 22 QUERY_NOT_FOUND when it does not exist. */
import { encodeKVTable } from '../../protocol/bodies/kv-table.js';
import { GetKVListByNamespaceRequestHeader } from '../../protocol/headers/get-kv-list-by-namespace-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const getKvListByNamespace: NamesrvHandler = (context, request) => {
  const { namespace } = GetKVListByNamespaceRequestHeader.decode(request.extFields);
  const table = context.kv.namespace(namespace);
  if (!table) return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: `No config item, Namespace: ${namespace}` });
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeKVTable(table) });
};
