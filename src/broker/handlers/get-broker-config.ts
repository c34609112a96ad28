/**
 * GET_BROKER_CONFIG (26): every setting (and the other properties of the -c file) as
 * properties text in the body; header `version` = the configuration's DataVersion JSON.
 */
import { encodeDataVersion } from '../../protocol/bodies/data-version.js';
import { GetBrokerConfigResponseHeader } from '../../protocol/headers/get-broker-config-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getBrokerConfig: BrokerHandler = (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, {
    extFields: GetBrokerConfigResponseHeader.encode({ version: encodeDataVersion(context.configuration.dataVersion).toString('utf8') }),
    body: Buffer.from(context.configuration.format(), 'utf8'),
  });
