/** GET_KV_CONFIG (101): one value, in the answer header; 22 QUERY_NOT_FOUND when absent. */
import { GetKVConfigRequestHeader } from '../../protocol/headers/get-kv-config-request-header.js';
import { GetKVConfigResponseHeader } from '../../protocol/headers/get-kv-config-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const getKvConfig: NamesrvHandler = (context, request) => {
  const { namespace, key } = GetKVConfigRequestHeader.decode(request.extFields);
  const value = context.kv.get(namespace, key);
  if (value === undefined) {
    return createResponse(request, ResponseCode.QUERY_NOT_FOUND, {
      remark: `No config item, Namespace: ${namespace} Key: ${key}`,
    });
  }
  return createResponse(request, ResponseCode.SUCCESS, { extFields: GetKVConfigResponseHeader.encode({ value }) });
};
