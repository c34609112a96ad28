/**
 * The answer to UPDATE_NAMESRV_CONFIG (318) and UPDATE_BROKER_CONFIG (25), which name
 * server and broker give alike: the body is properties text (`key=value` lines) whose
 * settings take their new values.
 *
 *   no body                      0 SUCCESS, nothing changes
 *   text that does not parse     1 SYSTEM_ERROR `string2Properties error: …`
 *   a key in the black list      16 NO_PERMISSION `Can not update config in black list.`
 *   a value of the wrong type    1 SYSTEM_ERROR `invalid settings: …`
 *   otherwise                    0 SUCCESS, after `updated` was told
 */
import { PropertiesSyntaxError, parseProperties } from '../common/properties-file.js';
import { ResponseCode } from '../protocol/response-code.js';
import { createResponse, type RemotingCommand } from './remoting-command.js';

export type ConfigUpdateOutcome = { ok: true } | { ok: false; reason: 'blacklisted'; keys: string[] } | { ok: false; reason: 'invalid'; errors: string[] };

export function answerConfigUpdate<O extends ConfigUpdateOutcome>(
  request: RemotingCommand,
  update: (properties: ReadonlyMap<string, string>) => O,
  updated: (outcome: Extract<O, { ok: true }>, properties: ReadonlyMap<string, string>) => void,
): RemotingCommand {
  if (!request.body || request.body.length === 0) return createResponse(request, ResponseCode.SUCCESS);
  let properties: Map<string, string>;
  try {
    properties = parseProperties(request.body.toString('utf8'));
  } catch (error) {
    if (!(error instanceof PropertiesSyntaxError)) throw error;
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `string2Properties error: ${error.message}` });
  }
  const outcome = update(properties);
  if (!outcome.ok) {
    if (outcome.reason === 'blacklisted') return createResponse(request, ResponseCode.NO_PERMISSION, { remark: 'Can not update config in black list.' });
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `invalid settings: ${outcome.errors.join('; ')}` });
  }
  updated(outcome as Extract<O, { ok: true }>, properties);
  return createResponse(request, ResponseCode.SUCCESS);
}
