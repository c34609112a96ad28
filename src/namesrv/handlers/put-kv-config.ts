/** PUT_KV_CONFIG (100): sets one key of a namespace; the table is written to kvConfig.json at once. */
import { PutKVConfigRequestHeader } from '../../protocol/headers/put-kv-config-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const putKvConfig: NamesrvHandler = (context, request) => {
  const { namespace, key, value } = PutKVConfigRequestHeader.decode(request.extFields);
  context.kv.put(namespace, key, value);
  context.logger.info({ namespace, key, value }, 'KV config put');
  return createResponse(request, ResponseCode.SUCCESS);
};
