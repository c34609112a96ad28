/**
 * UPDATE_BROKER_CONFIG (25): the body is properties text; its settings take their new
 * values and are persisted to brokerConfigPath (broker-configuration.ts). No body → 0.
 * Refused: a black-listed key → 16 `Can not update config in black list.`; text that is
 * not properties → 1 `string2Properties error`; a value of the wrong type → 1 naming it.
 */
import { PropertiesSyntaxError, parseProperties } from '../../common/properties-file.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const updateBrokerConfig: BrokerHandler = (context, request, connection) => {
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
    return createResponse(request, ResponseCode.NO_PERMISSION, { remark: `Can not update config in black list. (${outcome.keys.join(', ')})` });
  }
  if (!outcome.ok) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `invalid settings: ${outcome.errors.join('; ')}` });
  context.logger.info({ changed: outcome.changed, from: connection.remoteAddress }, 'broker config updated');
  return createResponse(request, ResponseCode.SUCCESS);
};
