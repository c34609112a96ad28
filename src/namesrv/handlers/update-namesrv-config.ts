/**
 * UPDATE_NAMESRV_CONFIG (318): the body is properties text (`key=value` lines). A key in
 * the black list refuses the update with 16 NO_PERMISSION; text that does not parse or a
 * value of the wrong type is answered 1 SYSTEM_ERROR; no body changes nothing.
 */
import { PropertiesSyntaxError, parseProperties } from '../../common/properties-file.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const updateNamesrvConfig: NamesrvHandler = (context, request, connection) => {
  if (!request.body || request.body.length === 0) return createResponse(request, ResponseCode.SUCCESS);
  let properties: Map<string, string>;
  try {
    properties = parseProperties(request.body.toString('utf8'));
  } catch (error) {
    if (!(error instanceof PropertiesSyntaxError)) throw error;
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `string2Properties error: ${error.message}` });
  }
  const outcome = context.configuration.update(properties);
  if (!outcome.ok && outcome.reason === 'blacklisted') {
    return createResponse(request, ResponseCode.NO_PERMISSION, { remark: 'Can not update config in black list.' });
  }
  if (!outcome.ok) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: outcome.errors.join('; ') });
  context.logger.info({ from: connection.remoteAddress, keys: [...properties.keys()] }, 'name server config updated');
  return createResponse(request, ResponseCode.SUCCESS);
};
