/** DELETE_KV_CONFIG (102): removes one key of a namespace; the table is written to kvConfig.json at once. */
import { DeleteKVConfigRequestHeader } from '../../protocol/headers/delete-kv-config-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const deleteKvConfig: NamesrvHandler = (context, request) => {
  const { namespace, key } = DeleteKVConfigRequestHeader.decode(request.extFields);
  context.kv.delete(namespace, key);
  context.logger.info({ namespace, key }, 'KV config deleted');
  return createResponse(request, ResponseCode.SUCCESS);
};
