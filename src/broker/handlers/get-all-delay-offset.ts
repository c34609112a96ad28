/**
 * GET_ALL_DELAY_OFFSET (45, a slave syncing from its master): how far the schedule service
 * delivered each delay level, `{"offsetTable":{"<level>":<next offset>,…}}` (delayOffset.json).
 */
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const getAllDelayOffset: BrokerHandler = (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(context.schedule.offsets.encode(), 'utf8') });
